import type { Role } from "../architectures/inventory.js";
import type { ConfigReader } from "../normalize/config-reader.js";
import { weightBytes } from "./precisions.js";

/**
 * The precision a checkpoint is published in, read from the config: `torch_dtype` (transformers 4)
 * or `dtype` (transformers 5), and `quantization_config` when the repo is quantized.
 */
export interface PublishedPrecision {
  /** `torch_dtype` / `dtype` as written ("bfloat16"); null when absent or "auto". */
  dtype: string | null;
  /** `quantization_config.quant_method` (gptq, awq, bitsandbytes, fp8, mxfp4, compressed-tensors, …); null when not quantized. */
  method: string | null;
  /** Bits of one quantized weight (4 for GPTQ 4-bit), or of the dtype when not quantized. */
  bits: number | null;
  /** Weights sharing one scale (GPTQ/AWQ `group_size`, bitsandbytes' 64-weight blocks); null when per channel or unknown. */
  groupSize: number | null;
  /** "BF16", "GPTQ 4-bit, group 128", "MXFP4", "GGUF Q4_K_M". */
  label: string;
  /** Effective bits per parameter over the whole model: scales and the layers left unquantized included. */
  bitsPerWeight: number | null;
  bytes: number | null;
  /** True when the bytes are computed from the config's description; false when read from the file (GGUF). */
  estimated: boolean;
  /** Where it was read: the config key, or "gguf". */
  source: string;
}

const DTYPE_BITS: Record<string, number> = {
  float32: 32,
  float: 32,
  float16: 16,
  half: 16,
  bfloat16: 16,
  float8_e4m3fn: 8,
  float8_e5m2: 8,
  float64: 64,
};

const DTYPE_LABELS: Record<string, string> = { float32: "FP32", float: "FP32", float16: "FP16", half: "FP16", bfloat16: "BF16", float8_e4m3fn: "FP8 (E4M3)", float8_e5m2: "FP8 (E5M2)", float64: "FP64" };

/**
 * Roles whose linear layers a quantization method stores quantized. GPTQ, AWQ, bitsandbytes, FP8
 * and compressed-tensors quantize the attention and MLP projections of the decoder layers and keep
 * embeddings, LM head, norms and routers in the checkpoint's dtype (their `modules_to_not_convert` /
 * `ignore` lists name lm_head and the routers); MXFP4 (gpt-oss) quantizes only the MoE experts.
 */
const QUANTIZED_ROLES: Record<string, readonly Role[]> = { mxfp4: ["mlp"] };
const DEFAULT_QUANTIZED_ROLES: readonly Role[] = ["attention", "mlp"];

interface Quantization {
  method: string;
  bits: number | null;
  groupSize: number | null;
  /** Bits per quantized weight including scales and zero points. */
  effectiveBits: number | null;
  label: string;
}

/** Read the published precision from a config and the parameter breakdown; null when the config says nothing. */
export function publishedPrecision(root: ConfigReader, text: ConfigReader, total: number, breakdown: Partial<Record<Role, number>>): PublishedPrecision | null {
  const dtypeKey = root.has("torch_dtype") ? "torch_dtype" : root.has("dtype") ? "dtype" : text.has("torch_dtype") ? "torch_dtype" : text.has("dtype") ? "dtype" : null;
  const reader = dtypeKey && root.has(dtypeKey) ? root : text;
  const rawDtype = dtypeKey ? reader.value(dtypeKey) : null;
  const dtype = typeof rawDtype === "string" && rawDtype !== "auto" ? rawDtype.replace(/^torch\./, "") : null;
  // Own keys only: "__proto__", "constructor" or "toString" as a dtype must not find Object's members.
  const dtypeBits = dtype && Object.hasOwn(DTYPE_BITS, dtype) ? DTYPE_BITS[dtype]! : null;
  const q = readQuantization(root.child("quantization_config") ?? text.child("quantization_config"));
  if (!q) {
    if (!dtype) return null;
    return {
      dtype,
      method: null,
      bits: dtypeBits,
      groupSize: null,
      label: Object.hasOwn(DTYPE_LABELS, dtype) ? DTYPE_LABELS[dtype]! : dtype.slice(0, 40),
      bitsPerWeight: dtypeBits,
      bytes: dtypeBits ? weightBytes(total, dtypeBits) : null,
      estimated: false,
      source: dtypeKey!,
    };
  }
  // Layers left unquantized stay in the dtype; a quantized repo's dtype is 16-bit when unstated.
  const restBits = dtypeBits && dtypeBits <= 16 ? dtypeBits : 16;
  let bytes: number | null = null;
  if (q.effectiveBits !== null) {
    const roles = Object.hasOwn(QUANTIZED_ROLES, q.method) ? QUANTIZED_ROLES[q.method]! : DEFAULT_QUANTIZED_ROLES;
    const quantized = roles.reduce((sum, role) => sum + (breakdown[role] ?? 0), 0);
    bytes = weightBytes(quantized, q.effectiveBits) + weightBytes(total - quantized, restBits);
  }
  return {
    dtype,
    method: q.method,
    bits: q.bits,
    groupSize: q.groupSize,
    label: q.label,
    bitsPerWeight: bytes !== null && total > 0 ? (bytes * 8) / total : null,
    bytes,
    estimated: true,
    source: "quantization_config",
  };
}

/** A bit width or group size as the config states it: a positive integer (bits at most 64), else unknown. */
function num(c: ConfigReader, key: string): number | null {
  const v = c.value(key);
  if (typeof v !== "number" || !Number.isInteger(v) || v <= 0) return null;
  return /bits?$/.test(key) && v > 64 ? null : v;
}

/** Per-group scale overhead: one `scaleBits` scale (and optionally a zero point) per group. */
function withScales(bits: number, group: number | null, scaleBits: number, zeroBits = 0): number {
  return group && group > 0 ? bits + (scaleBits + zeroBits) / group : bits;
}

function readQuantization(c: ConfigReader | null): Quantization | null {
  if (!c) return null;
  const rawMethod = c.value("quant_method");
  // The method name is config text shown in reports: keep it to a short identifier.
  const method = typeof rawMethod === "string" ? rawMethod.toLowerCase().replace(/[^a-z0-9_.+-]/g, "").slice(0, 40) || "unknown" : c.has("load_in_4bit") || c.has("load_in_8bit") ? "bitsandbytes" : null;
  if (!method) return null;
  switch (method) {
    case "gptq":
    case "awq": {
      // A packed int weight, an fp16 scale and a packed zero point per group of `group_size` input features.
      const bits = num(c, "bits") ?? num(c, "w_bit") ?? 4;
      const rawGroup = num(c, "group_size") ?? num(c, "q_group_size") ?? 128;
      const group = rawGroup > 0 ? rawGroup : null;
      return { method, bits, groupSize: group, effectiveBits: withScales(bits, group, 16, bits), label: `${method.toUpperCase()} ${bits}-bit${group ? `, group ${group}` : ", per channel"}` };
    }
    case "bitsandbytes": {
      if (c.value("load_in_8bit") === true) return { method, bits: 8, groupSize: null, effectiveBits: 8, label: "bitsandbytes 8-bit (LLM.int8)" };
      // NF4/FP4: blocks of 64 weights with an fp32 absmax; double quantization stores that absmax in 8 bits, plus an fp32 per 256 blocks.
      const double = c.value("bnb_4bit_use_double_quant") === true;
      const kind = typeof c.value("bnb_4bit_quant_type") === "string" ? String(c.value("bnb_4bit_quant_type")).toUpperCase() : "FP4";
      return { method, bits: 4, groupSize: 64, effectiveBits: double ? 4 + 8 / 64 + 32 / (64 * 256) : 4 + 32 / 64, label: `bitsandbytes 4-bit ${kind}${double ? ", double quant" : ""}` };
    }
    case "fp8":
    case "fbgemm_fp8": {
      // FP8 weights with an fp32 scale per weight block (DeepSeek-V3: 128×128) or per channel.
      const block = c.value("weight_block_size");
      const blockSize = Array.isArray(block) && block.every((b) => typeof b === "number" && b > 0) ? (block as number[]).reduce((a, b) => a * b, 1) : null;
      return { method, bits: 8, groupSize: blockSize, effectiveBits: withScales(8, blockSize, 32), label: `FP8${blockSize ? `, ${(block as number[]).join("×")} blocks` : ""}` };
    }
    case "mxfp4":
      // OCP microscaling: 4-bit E2M1 values sharing one 8-bit exponent per 32.
      return { method, bits: 4, groupSize: 32, effectiveBits: 4 + 8 / 32, label: "MXFP4 (MoE experts)" };
    case "compressed-tensors":
      return compressedTensors(c);
    default: {
      const bits = num(c, "bits") ?? num(c, "weight_bits") ?? num(c, "nbits") ?? null;
      return { method, bits, groupSize: null, effectiveBits: bits, label: `${method}${bits ? ` ${bits}-bit` : ""}` };
    }
  }
}

/** compressed-tensors (llm-compressor): the first config group's weight scheme. */
function compressedTensors(c: ConfigReader): Quantization {
  const method = "compressed-tensors";
  const groups = c.child("config_groups");
  const first = groups ? Object.keys(groups.raw).map((k) => groups.child(k)).find((g) => g !== null) : null;
  const weights = first?.child("weights") ?? null;
  const format = typeof c.value("format") === "string" ? String(c.value("format")) : null;
  if (!weights) return { method, bits: null, groupSize: null, effectiveBits: null, label: `compressed-tensors${format ? ` (${format})` : ""}` };
  const bits = num(weights, "num_bits");
  const strategy = weights.value("strategy");
  const group = strategy === "group" || strategy === "tensor_group" ? num(weights, "group_size") : null;
  const type = weights.value("type") === "float" ? "FP" : "INT";
  // nvfp4: an FP8 scale per 16 weights; other groups: a 16-bit scale (plus a zero point when asymmetric).
  const scaleBits = format === "nvfp4-pack-quantized" ? 8 : 16;
  const zeroBits = weights.value("symmetric") === false && bits ? bits : 0;
  return {
    method,
    bits,
    groupSize: group,
    effectiveBits: bits === null ? null : withScales(bits, group, scaleBits, zeroBits),
    label: `compressed-tensors ${type}${bits ?? "?"}${group ? `, group ${group}` : ""}`,
  };
}
