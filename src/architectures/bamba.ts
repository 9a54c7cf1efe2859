import type { ConfigReader } from "../normalize/config-reader.js";
import { basePrefix, decoderHead, gatedMlp, inventoryOf } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * Bamba (modeling_bamba.py, configuration_bamba.py): a Mamba-2 stack with full attention at the
 * layers listed in `attn_layer_indices` (none by default). Every layer has `input_layernorm`, either
 * a `mamba` mixer or Llama attention `self_attn` (q/k/v/o, no biases: BambaConfig hard-codes
 * attention_bias and mlp_bias false), `pre_ff_layernorm` and a SwiGLU `feed_forward`; the model ends
 * in `final_layernorm`. The rotary embedding's inv_freq is a buffer.
 *
 * The mixer (BambaMixer, also used by GraniteMoeHybrid): inner = int(mamba_expand × hidden), conv_dim
 * = inner + 2·mamba_n_groups·mamba_d_state; in_proj [inner + conv_dim + mamba_n_heads, hidden]
 * (bias with mamba_proj_bias), depthwise conv1d [conv_dim, 1, mamba_d_conv] (bias with
 * mamba_conv_bias), dt_bias, A_log, D [mamba_n_heads], a gated RMSNorm `norm` [inner], out_proj
 * [hidden, inner]. mamba_d_head only reshapes (heads × d_head must equal inner).
 */

/** The widths of a Mamba-2 mixer (Mamba2Mixer, BambaMixer, FalconH1Mixer, Zamba2MambaMixer). */
export interface Mamba2Dims {
  inner: number;
  heads: number;
  groups: number;
  state: number;
  kernel: number;
  projBias: boolean;
  convBias: boolean;
  /** The gated RMSNorm `norm` [inner] before out_proj; Falcon-H1 drops it without `mamba_rms_norm`. */
  gatedNorm: boolean;
  /** out_proj's bias when it differs from in_proj's (Falcon-H1's `projectors_bias`). */
  outBias?: boolean;
}

/** The `mamba_*` keys of Bamba-style hybrid configs, with BambaConfig's defaults unless given. */
export function readMamba2Dims(c: ConfigReader, hidden: number, defaults: Partial<{ heads: number; groups: number; state: number; kernel: number; expand: number }> = {}): Mamba2Dims {
  const expand = c.number("mamba_expand", defaults.expand ?? 2).value ?? 2;
  return {
    inner: Math.floor(expand * hidden),
    heads: c.int("mamba_n_heads", defaults.heads ?? 128, "count").value ?? 128,
    groups: c.int("mamba_n_groups", defaults.groups ?? 1, "count").value ?? 1,
    state: c.int("mamba_d_state", defaults.state ?? 256).value ?? 256,
    kernel: c.int("mamba_d_conv", defaults.kernel ?? 4).value ?? 4,
    projBias: c.bool("mamba_proj_bias", false).value,
    convBias: c.bool("mamba_conv_bias", true).value,
    gatedNorm: true,
  };
}

/** The tensors of a Mamba-2 mixer at `path` (e.g. `model.layers.{i}.mamba`) on the given layers. */
export function mamba2Mixer(path: string, hidden: number, m: Mamba2Dims, layers: readonly number[]): TensorTemplate[] {
  const convDim = m.inner + 2 * m.groups * m.state;
  return [
    ...linear(`${path}.in_proj`, m.inner + convDim + m.heads, hidden, m.projBias, "ssm", layers),
    { name: `${path}.conv1d.weight`, shape: [convDim, 1, m.kernel], role: "ssm", layers },
    ...(m.convBias ? [{ name: `${path}.conv1d.bias`, shape: [convDim], role: "ssm" as const, layers }] : []),
    { name: `${path}.dt_bias`, shape: [m.heads], role: "ssm", layers },
    { name: `${path}.A_log`, shape: [m.heads], role: "ssm", layers },
    { name: `${path}.D`, shape: [m.heads], role: "ssm", layers },
    ...(m.gatedNorm ? norm(`${path}.norm`, m.inner, false, layers, "ssm") : []),
    ...linear(`${path}.out_proj`, hidden, m.inner, m.outBias ?? m.projBias, "ssm", layers),
  ];
}

/** Bias-free q/k/v/o projections of a Llama-style attention at `path` on the given layers. */
export function plainAttention(path: string, d: RequiredDims, layers: readonly number[], bias = false): TensorTemplate[] {
  const q = d.numHeads * d.headDim;
  const kv = d.numKvHeads * d.headDim;
  return [
    ...linear(`${path}.q_proj`, q, d.hiddenSize, bias, "attention", layers),
    ...linear(`${path}.k_proj`, kv, d.hiddenSize, bias, "attention", layers),
    ...linear(`${path}.v_proj`, kv, d.hiddenSize, bias, "attention", layers),
    ...linear(`${path}.o_proj`, d.hiddenSize, q, bias, "attention", layers),
  ];
}

function bambaInventory(d: RequiredDims): Inventory {
  const c = d.model.text;
  const prefix = basePrefix(d.model.head);
  const p = `${prefix}layers.{i}`;
  const h = d.hiddenSize;
  const all = range(d.numLayers);
  const indices = new Set(c.intList("attn_layer_indices").value);
  const attention = all.filter((i) => indices.has(i));
  const mamba = all.filter((i) => !indices.has(i));
  const tensors: TensorTemplate[] = [
    { name: `${prefix}embed_tokens.weight`, shape: [d.vocabSize, h], role: "embedding" },
    ...norm(`${p}.input_layernorm`, h, false, all),
  ];
  if (mamba.length) tensors.push(...mamba2Mixer(`${p}.mamba`, h, readMamba2Dims(c, h), mamba));
  if (attention.length) tensors.push(...plainAttention(`${p}.self_attn`, d, attention));
  tensors.push(...norm(`${p}.pre_ff_layernorm`, h, false, all), ...gatedMlp(`${p}.feed_forward`, h, d.intermediateSize, false, all), ...norm(`${prefix}final_layernorm`, h, false));
  const head = decoderHead(d, `${prefix}embed_tokens.weight`);
  return inventoryOf({ tensors: [...tensors, ...head.tensors], tied: head.tied }, d);
}

export const bambaSpecs: ModelTypeSpec[] = [
  {
    modelType: "bamba",
    family: "bamba",
    kind: "hybrid",
    modelingFile: "models/bamba/modeling_bamba.py",
    classPrefixes: ["Bamba"],
    heads: ["causal-lm", "base"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 128000, hiddenSize: 4096, intermediateSize: 14336, numLayers: 32, numHeads: 32, numKvHeads: 8, maxPositions: 262144 },
    tieWordEmbeddingsDefault: false,
    inventory: bambaInventory,
  },
];
