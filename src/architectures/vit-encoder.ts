import type { ConfigReader } from "../normalize/config-reader.js";
import { linear, norm, type Role, type TensorTemplate } from "./inventory.js";

/**
 * Building blocks of the ViT-style image encoders (modeling_vit.py and the families that copy it:
 * DeiT, BEiT, DINOv2, YOLOS…), and of convolutional vision models: a patch convolution, the
 * pre-norm encoder layer under its two naming schemes, and conv/BatchNorm helpers. Reused by the
 * vision towers of vision-language wrappers.
 */

/** The dims of a ViT-like encoder, read from its config. */
export interface VitDims {
  hidden: number;
  layers: number;
  heads: number;
  intermediate: number;
  channels: number;
  /** [height, width]. */
  imageSize: [number, number];
  /** [height, width]. */
  patchSize: [number, number];
  qkvBias: boolean;
}

/**
 * An image or patch size as transformers accepts it: one integer (square) or a [height, width] list.
 * Invalid values fall back to the default (and an integer of the wrong type is reported by the reader).
 */
export function readSize(r: ConfigReader, key: string, fallback: number | [number, number]): [number, number] {
  const pair: [number, number] = typeof fallback === "number" ? [fallback, fallback] : fallback;
  const raw = r.value(key);
  if (Array.isArray(raw)) {
    const list = r.intList(key).value.filter((v) => v > 0);
    if (list.length >= 2) return [list[0]!, list[1]!];
    if (list.length === 1) return [list[0]!, list[0]!];
    return pair;
  }
  const v = r.int(key, null, "positions").value;
  return v ? [v, v] : pair;
}

/** Patches of the patch convolution: (H / p_h) · (W / p_w), integer division as the modeling code does. */
export function patchCount(v: Pick<VitDims, "imageSize" | "patchSize">): number {
  return Math.floor(v.imageSize[0] / v.patchSize[0]) * Math.floor(v.imageSize[1] / v.patchSize[1]);
}

export interface VitDimsDefaults {
  hidden?: number;
  layers?: number;
  heads?: number;
  intermediate?: number;
  channels?: number;
  imageSize?: number | [number, number];
  patchSize?: number | [number, number];
  qkvBias?: boolean;
}

/**
 * Read a ViT-like config (ViTConfig's keys: hidden_size, num_hidden_layers, num_attention_heads,
 * intermediate_size, num_channels, image_size, patch_size, qkv_bias) with the class's defaults.
 */
export function readVitDims(r: ConfigReader, defaults: VitDimsDefaults = {}): VitDims {
  const hidden = r.int("hidden_size", defaults.hidden ?? 768).value ?? defaults.hidden ?? 768;
  return {
    hidden,
    layers: r.int("num_hidden_layers", defaults.layers ?? 12, "count").value ?? defaults.layers ?? 12,
    heads: r.int("num_attention_heads", defaults.heads ?? 12, "count").value ?? defaults.heads ?? 12,
    intermediate: r.int("intermediate_size", defaults.intermediate ?? 4 * hidden).value ?? defaults.intermediate ?? 4 * hidden,
    channels: r.int("num_channels", defaults.channels ?? 3, "count").value ?? defaults.channels ?? 3,
    imageSize: readSize(r, "image_size", defaults.imageSize ?? 224),
    patchSize: readSize(r, "patch_size", defaults.patchSize ?? 16),
    qkvBias: r.bool("qkv_bias", defaults.qkvBias ?? true).value,
  };
}

/** A Conv2d as PyTorch stores it: weight [out, in / groups, kh, kw] and an optional bias [out]. */
export function conv2d(name: string, out: number, inChannels: number, kernel: number | [number, number], bias: boolean, role: Role, groups = 1, layers?: readonly number[]): TensorTemplate[] {
  const [kh, kw] = typeof kernel === "number" ? [kernel, kernel] : kernel;
  const at = layers ? { layers } : {};
  const t: TensorTemplate[] = [{ name: `${name}.weight`, shape: [out, Math.floor(inChannels / groups), kh, kw], role, ...at }];
  if (bias) t.push({ name: `${name}.bias`, shape: [out], role, ...at });
  return t;
}

/**
 * A BatchNorm2d's parameters: weight and bias [channels]. Its running_mean, running_var and
 * num_batches_tracked are buffers (stored in checkpoints, not parameters) and are not listed.
 */
export function batchNorm(name: string, channels: number, role: Role, layers?: readonly number[]): TensorTemplate[] {
  return norm(name, channels, true, layers, role);
}

/** The patch embedding of ViT and its copies: a biased Conv2d with kernel and stride the patch size. */
export function patchEmbedding(name: string, v: Pick<VitDims, "hidden" | "channels" | "patchSize">, role: Role = "embedding", bias = true): TensorTemplate[] {
  return conv2d(name, v.hidden, v.channels, v.patchSize, bias, role);
}

/** How one encoder layer names its tensors. */
export interface VitLayerNames {
  /** The two per-layer LayerNorms: ViT's layernorm_before / layernorm_after, DINOv2's norm1 / norm2. */
  norms: [string, string];
  /** q, k, v and the output projection, relative to the layer. */
  query: string;
  key: string;
  value: string;
  out: string;
  /** The MLP's two linears: ViT's intermediate.dense / output.dense, DINOv2's mlp.fc1 / mlp.fc2. */
  fc1: string;
  fc2: string;
}

export const VIT_LAYER_NAMES: VitLayerNames = {
  norms: ["layernorm_before", "layernorm_after"],
  query: "attention.attention.query",
  key: "attention.attention.key",
  value: "attention.attention.value",
  out: "attention.output.dense",
  fc1: "intermediate.dense",
  fc2: "output.dense",
};

export const DINOV2_LAYER_NAMES: VitLayerNames = { ...VIT_LAYER_NAMES, norms: ["norm1", "norm2"], fc1: "mlp.fc1", fc2: "mlp.fc2" };

export interface VitLayerOptions {
  names?: VitLayerNames;
  /** One role for every tensor (a VLM's vision tower: "vision"); absent: attention, mlp and norm. */
  role?: Role;
  /** BEiT's key projection has no bias while query and value keep theirs. */
  keyBias?: boolean;
  /** Per-layer scale vectors [hidden], e.g. DINOv2's layer_scale1.lambda1 / layer_scale2.lambda1, BEiT's lambda_1 / lambda_2. */
  layerScale?: string[];
  /**
   * DINOv2's SwiGLU FFN instead of the two-linear MLP: mlp.weights_in [2·ff, d] and
   * mlp.weights_out [d, ff], both biased, with this ff.
   */
  swiglu?: { hidden: number; in: string; out: string };
  /** Layer norms with no bias (RMSNorm-style towers: weight only). */
  normBias?: boolean;
  /** One fused q/k/v projection under this name ([3d, d], biased per qkv_bias) instead of query, key and value (Qwen2-VL's `attn.qkv`). */
  fusedQkv?: string;
  /** Bias of the attention output projection; default true. */
  outBias?: boolean;
  /** Bias of the MLP linears; default true. */
  mlpBias?: boolean;
  /** A gated MLP gate/up [ff, d] and down [d, ff] under these names (biased per mlpBias), instead of fc1/fc2. */
  gatedMlp?: { gate: string; up: string; down: string };
}

/**
 * The pre-norm encoder layers of ViT and its copies, `{i}` in `path` (e.g. `vit.encoder.layer.{i}`):
 * two LayerNorms, q/k/v/out linears (q/k/v biased per qkv_bias, out by default), a biased two-linear
 * GELU MLP, and optional layer scales. The options cover other towers' variants: names
 * (VitLayerNames), a fused qkv, bias-free norms, a gated MLP, and one role for a VLM's tower.
 */
export function vitEncoderLayers(path: string, v: Pick<VitDims, "hidden" | "intermediate" | "qkvBias">, layers: readonly number[], options: VitLayerOptions = {}): TensorTemplate[] {
  const n = options.names ?? VIT_LAYER_NAMES;
  const attn: Role = options.role ?? "attention";
  const mlp: Role = options.role ?? "mlp";
  const nrm: Role = options.role ?? "norm";
  const h = v.hidden;
  const normBias = options.normBias ?? true;
  const mlpBias = options.mlpBias ?? true;
  const out: TensorTemplate[] = [...norm(`${path}.${n.norms[0]}`, h, normBias, layers, nrm)];
  if (options.fusedQkv) out.push(...linear(`${path}.${options.fusedQkv}`, 3 * h, h, v.qkvBias, attn, layers));
  else {
    out.push(
      ...linear(`${path}.${n.query}`, h, h, v.qkvBias, attn, layers),
      ...linear(`${path}.${n.key}`, h, h, options.keyBias ?? v.qkvBias, attn, layers),
      ...linear(`${path}.${n.value}`, h, h, v.qkvBias, attn, layers),
    );
  }
  out.push(...linear(`${path}.${n.out}`, h, h, options.outBias ?? true, attn, layers), ...norm(`${path}.${n.norms[1]}`, h, normBias, layers, nrm));
  if (options.swiglu) {
    out.push(...linear(`${path}.${options.swiglu.in}`, 2 * options.swiglu.hidden, h, true, mlp, layers));
    out.push(...linear(`${path}.${options.swiglu.out}`, h, options.swiglu.hidden, true, mlp, layers));
  } else if (options.gatedMlp) {
    const g = options.gatedMlp;
    out.push(...linear(`${path}.${g.gate}`, v.intermediate, h, mlpBias, mlp, layers), ...linear(`${path}.${g.up}`, v.intermediate, h, mlpBias, mlp, layers), ...linear(`${path}.${g.down}`, h, v.intermediate, mlpBias, mlp, layers));
  } else {
    out.push(...linear(`${path}.${n.fc1}`, v.intermediate, h, mlpBias, mlp, layers));
    out.push(...linear(`${path}.${n.fc2}`, h, v.intermediate, mlpBias, mlp, layers));
  }
  for (const s of options.layerScale ?? []) out.push({ name: `${path}.${s}`, shape: [h], role: nrm, layers });
  return out;
}

/** A learned token or vector parameter (cls_token [1, 1, d], mask_token, register_tokens…). */
export function param(name: string, shape: number[], role: Role = "embedding"): TensorTemplate {
  return { name, shape, role };
}
