import { checkpointOf } from "../checkpoint/checkpoint-document-facts.js";
import { checkpointEquation, describeTensor, dtypeList, signedCount } from "../checkpoint/checkpoint-summary.js";
import type { Facts } from "../facts/facts.js";
import { groupedCount } from "../format/format-count.js";

/** Differences listed under the equation at most; the JSON report has them all. */
const MAX_LISTED = 6;

/**
 * The text reporter's checkpoint and adapter lines:
 *   checkpoint  751,632,384 stored (BF16) = config 596,049,920 + lm_head.weight [151936, 1024] stored despite tie_word_embeddings
 *   logical     6,738,415,616 (packing undone, bookkeeping dropped)
 *               + model.layers.{0..31}.self_attn.rotary_emb.inv_freq [64] ×32  +2,048  rotary inv_freq buffer, recomputed at load
 */
export function checkpointTextLines(f: Facts, row: (label: string, value: string) => string): string[] {
  const out: string[] = [];
  const cp = checkpointOf(f);
  // A GGUF file's own lines (memory-text.ts) already state its count and how it compares with the config.
  if (cp && !(cp.source === "gguf" && f.gguf)) {
    const files = cp.files > 1 ? ` in ${groupedCount(cp.files)} files` : "";
    const stored = `${groupedCount(cp.total)} stored (${dtypeList(cp.byDtype) || "no tensors"})${files}`;
    const equation = f.parameters ? checkpointEquation(cp, f.parameters.total) : null;
    out.push(row("checkpoint", equation ? `${stored} ${equation}` : `${stored}${cp.notes[0] ? `; ${cp.notes[0]}` : ""}`));
    if (cp.logical !== cp.total) out.push(row("logical", `${groupedCount(cp.logical)} (packing undone, quantization bookkeeping dropped)`));
    const listed = cp.differences.filter((d) => d.count !== 0 || d.kind === "missing" || d.kind === "unexpected" || d.kind === "shape");
    if (equation && (listed.length > 1 || listed.some((d) => d.tensors > 1 && d.kind !== "buffer"))) {
      for (const d of listed.slice(0, MAX_LISTED)) out.push(row("", `${describeTensor(d)}  ${signedCount(d.count)}  ${d.reason}`));
      if (listed.length > MAX_LISTED) out.push(row("", `… ${listed.length - MAX_LISTED} more in the JSON report (parameters.checkpoint.differences)`));
    }
  }
  const a = f.adapter;
  if (a) {
    const kind = a.peftType ?? "adapter";
    const shape = [a.rank !== null ? `r=${a.rank}` : null, a.alpha !== null ? `alpha=${a.alpha}` : null].filter(Boolean).join(" ");
    const count = a.parameters !== null ? `${groupedCount(a.parameters)} parameters (${a.source === "base-config" ? "from the base model's config" : "from the adapter's checkpoint"})` : "parameter count unknown";
    const where = a.modules !== null && a.targetModules.length ? `; ${a.targetModules.join(", ")} in ${groupedCount(a.modules)} modules` : "";
    out.push(row("adapter", `${kind}${shape ? ` ${shape}` : ""} on ${a.baseModel ?? "an unnamed base model"}: ${count}${where}`));
    if (a.baseModelUrl) out.push(row("base model", a.baseModelUrl));
    for (const note of a.notes) out.push(row("", note));
  }
  return out;
}
