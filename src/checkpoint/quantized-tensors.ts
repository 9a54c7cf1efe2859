import type { CheckpointTensor } from "../sources/checkpoint.js";

/**
 * How quantized checkpoints store their weights, for turning stored elements into logical
 * parameters. The conventions are those of the exporters and of @huggingface/hub's parameterCount
 * (parse-safetensors-metadata.ts), which the Hub's numbers come from:
 *
 * - GPTQ / AWQ: `X.qweight` packs 32/bits values per I32 (GPTQ [in/pack, out], AWQ [in, out/pack]);
 *   `X.qzeros`, `X.scales`, `X.g_idx` are bookkeeping. GPTQ exports also write an (all-zero)
 *   `X.bias` for every quantized linear layer, which are stored parameters.
 * - compressed-tensors: `X.weight_packed` packs container-bits/num_bits values; `weight_scale`,
 *   `weight_zero_point`, `weight_shape`, `weight_g_idx`, `input_scale`, ... are bookkeeping.
 * - bitsandbytes 4-bit: `X.weight` is U8 holding two values per byte ([n/2, 1]); `absmax`,
 *   `quant_map`, `nested_absmax`, `nested_quant_map`, `quant_state.bitsandbytes__nf4` are
 *   bookkeeping. 8-bit keeps the shape and adds `SCB` (row scales) and `weight_format`.
 * - FP8 (DeepSeek-V3, fbgemm, compressed-tensors): one value per byte; `weight_scale_inv` /
 *   `weight_scale` / `input_scale` are bookkeeping.
 * - MXFP4 (gpt-oss): `X_blocks` U8 hold two values per byte, `X_scales` U8 block exponents.
 * - Exponent-only dtypes (F8_E8M0, E8M0, UE8) only ever hold block scales.
 */

export interface QuantContext {
  /** `quantization_config.quant_method`, lower-cased; null when the config has none. */
  method: string | null;
  /** Bits per weight (`bits`, or compressed-tensors' `weights.num_bits`); null when unknown. */
  bits: number | null;
  load4bit: boolean;
}

const NO_QUANT: QuantContext = { method: null, bits: null, load4bit: false };

/** The quantization settings of a config (its root or `text_config`), converted from the wire keys once. */
export function quantContextOf(root: Record<string, unknown> | null): QuantContext {
  if (!root) return NO_QUANT;
  const text = root["text_config"];
  const raw = root["quantization_config"] ?? (text && typeof text === "object" ? (text as Record<string, unknown>)["quantization_config"] : undefined);
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return NO_QUANT;
  const q = raw as Record<string, unknown>;
  const method = typeof q["quant_method"] === "string" ? q["quant_method"].toLowerCase() : null;
  let bits = typeof q["bits"] === "number" && q["bits"] > 0 && q["bits"] < 32 ? q["bits"] : null;
  if (bits === null && q["config_groups"] && typeof q["config_groups"] === "object") {
    for (const group of Object.values(q["config_groups"] as Record<string, unknown>)) {
      const n = (group as { weights?: { num_bits?: unknown } } | null)?.weights?.num_bits;
      if (typeof n === "number" && n > 0 && n < 32) {
        bits = n;
        break;
      }
    }
  }
  if (bits === null && q["load_in_4bit"] === true) bits = 4;
  if (bits === null && q["load_in_8bit"] === true) bits = 8;
  return { method, bits, load4bit: q["load_in_4bit"] === true };
}

const CONTAINER_BITS: Readonly<Record<string, number>> = { U8: 8, I8: 8, U16: 16, I16: 16, U32: 32, I32: 32 };
const SCALE_ONLY_DTYPES = new Set(["F8_E8M0", "E8M0", "UE8"]);
/** Suffixes that are bookkeeping wherever they appear: their names say so. */
const BOOKKEEPING_SUFFIXES = new Set([
  "weight_scale",
  "weight_scale_inv",
  "weight_scale_2",
  "weight_global_scale",
  "weight_zero_point",
  "input_scale",
  "input_global_scale",
  "input_zero_point",
  "output_scale",
  "k_scale",
  "v_scale",
  "zero_point",
  "weight_shape",
  "weight_g_idx",
  "weight_format",
  "SCB",
  "absmax",
  "quant_map",
  "nested_absmax",
  "nested_quant_map",
]);
/** GPTQ/AWQ bookkeeping: only beside a `qweight`, as `scales` alone can be a learnable parameter. */
const GPTQ_AUX = new Set(["qzeros", "scales", "g_idx"]);

export type QuantRole = "plain" | "packed" | "bookkeeping";

export interface QuantInfo {
  role: QuantRole;
  /** Logical values per stored element: 8 for 4-bit in I32, 2 for 4-bit in U8; 0 for bookkeeping. */
  factor: number;
  /** The logical tensor a packed one stands for (`X.qweight` → `X.weight`), or the name itself. */
  logicalName: string;
  /** Short label of the scheme, for reasons: "GPTQ 4-bit", "bitsandbytes 4-bit", "FP8 scale". */
  scheme: string;
}

function lastSegment(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot === -1 ? name : name.slice(dot + 1);
}

function stem(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot === -1 ? "" : name.slice(0, dot);
}

/**
 * Classify one stored tensor; null for a plain one (stored as it is used). `has` tells whether
 * another tensor of the checkpoint has a given name (siblings disambiguate `scales`,
 * bitsandbytes' U8 weights and MXFP4's `_scales`).
 */
export function quantInfo(t: CheckpointTensor, has: (name: string) => boolean, q: QuantContext): QuantInfo | null {
  const suffix = lastSegment(t.name);
  const book = (scheme: string): QuantInfo => ({ role: "bookkeeping", factor: 0, logicalName: t.name, scheme });
  if (SCALE_ONLY_DTYPES.has(t.dtype)) return book("block scales");
  const container = CONTAINER_BITS[t.dtype];
  if (suffix === "qweight") {
    const bits = q.bits ?? 4;
    const factor = container ? container / bits : 1;
    return { role: factor > 1 ? "packed" : "plain", factor, logicalName: `${stem(t.name)}.weight`, scheme: `${q.method === "awq" ? "AWQ" : "GPTQ"} ${bits}-bit` };
  }
  if (GPTQ_AUX.has(suffix) && has(`${stem(t.name)}.qweight`)) return book(q.method === "awq" ? "AWQ" : "GPTQ");
  if (suffix === "weight_packed") {
    const bits = q.bits ?? 4;
    const factor = container ? container / bits : 1;
    return { role: factor > 1 ? "packed" : "plain", factor, logicalName: `${stem(t.name)}.weight`, scheme: `compressed-tensors ${bits}-bit` };
  }
  if (BOOKKEEPING_SUFFIXES.has(suffix)) return book(bookkeepingScheme(suffix));
  if (suffix.startsWith("bitsandbytes__")) return book("bitsandbytes 4-bit");
  if (t.dtype === "U8" && suffix.endsWith("_scales") && has(`${t.name.slice(0, -"_scales".length)}_blocks`)) return book("MXFP4");
  if (t.dtype === "U8" && suffix.endsWith("_blocks")) return { role: "packed", factor: 2, logicalName: t.name.slice(0, -"_blocks".length), scheme: "MXFP4" };
  if (t.dtype === "U8" && (has(`${t.name}.absmax`) || has(`${t.name}.quant_state.bitsandbytes__nf4`) || has(`${t.name}.quant_state.bitsandbytes__fp4`) || (q.method === "bitsandbytes" && q.load4bit))) {
    return { role: "packed", factor: 2, logicalName: t.name, scheme: "bitsandbytes 4-bit" };
  }
  return null;
}

/** What a bookkeeping suffix belongs to, for the reason text. */
function bookkeepingScheme(suffix: string): string {
  if (suffix === "weight_scale_inv") return "FP8 block scale";
  if (suffix === "SCB" || suffix === "weight_format") return "bitsandbytes 8-bit";
  if (suffix.includes("absmax") || suffix.includes("quant_map")) return "bitsandbytes 4-bit";
  if (suffix === "weight_shape" || suffix === "weight_g_idx") return "compressed-tensors";
  if (suffix.endsWith("zero_point")) return "quantization zero point";
  return "quantization scale";
}

/** True for the `X.bias` a GPTQ/AWQ export writes beside every `X.qweight`. */
export function isQuantizedLinearBias(name: string, has: (name: string) => boolean): boolean {
  return name.endsWith(".bias") && has(`${name.slice(0, -".bias".length)}.qweight`);
}
