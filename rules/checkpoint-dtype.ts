import type { Rule } from "../src/engine/rule.js";
import { checkpointOf } from "../src/checkpoint/checkpoint-document-facts.js";
import { groupedCount } from "../src/format/format-count.js";

/** torch dtype names in configs (`torch_dtype`, transformers 5's `dtype`) and their safetensors spelling. */
const SAFETENSORS_DTYPE: Readonly<Record<string, string>> = { float32: "F32", float: "F32", bfloat16: "BF16", float16: "F16", half: "F16", float64: "F64" };
const FLOATS = new Set(["F64", "F32", "BF16", "F16"]);
/** A minority float dtype below this share of the stored floats is normal (norms or router kept in F32). */
const MIXED_SHARE = 0.01;

/**
 * MC509: the weights are stored in another precision than the config declares (a bfloat16 model
 * saved in F32 is twice the download), or in a mix of float precisions. Quantized checkpoints are
 * left to MC506; GGUF files are skipped: their tensor types are the quantizer's choice
 * (`general.file_type`), not the config's torch_dtype, and facts.gguf states them.
 */
export const checkpointDtype: Rule = {
  meta: {
    code: "MC509",
    name: "checkpoint-dtype",
    description: "The checkpoint's weights are stored in the precision the config declares, and in one float precision.",
    defaultSeverity: "info",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      mismatch: "the weights are stored as {{stored}} ({{share}} of the float values), but the config declares {{key}} {{declared}}",
      mixed: "the weights are stored in several float precisions: {{list}}",
    },
  },
  check(model, facts, _documents, ctx) {
    const cp = checkpointOf(facts);
    if (!cp || cp.source === "gguf" || cp.logical !== cp.total || cp.differences.some((d) => d.kind.startsWith("quantization"))) return;
    if (model?.root.has("quantization_config")) return;
    const floats = Object.entries(cp.byDtype).filter(([d, n]) => FLOATS.has(d) && n > 0).sort((a, b) => b[1] - a[1]);
    const sum = floats.reduce((a, [, n]) => a + n, 0);
    if (sum === 0) return;
    const key = model?.root.has("torch_dtype") ? "torch_dtype" : model?.root.has("dtype") ? "dtype" : null;
    const declaredRaw = key ? model!.root.value(key) : null;
    const declared = typeof declaredRaw === "string" ? SAFETENSORS_DTYPE[declaredRaw.replace(/^torch\./, "")] : undefined;
    const [top, topCount] = floats[0]!;
    if (key && declared && declared !== top) {
      ctx.report({ messageId: "mismatch", data: { stored: top, share: percent(topCount / sum), key, declared: String(declaredRaw) }, pointer: model!.root.pointerOf(key) });
      return;
    }
    if (floats.length > 1 && floats[1]![1] / sum >= MIXED_SHARE) {
      ctx.report({ messageId: "mixed", data: { list: floats.map(([d, n]) => `${d} ${groupedCount(n)} (${percent(n / sum)})`).join(", ") }, pointer: null, document: "checkpoint" });
    }
  },
};

function percent(x: number): string {
  return `${(x * 100).toFixed(x >= 0.995 || x < 0.001 ? 0 : 1)}%`;
}
