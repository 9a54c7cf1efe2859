import { basePrefix, decoderHead, inventoryOf } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * LFM2 (modeling_lfm2.py, configuration_lfm2.py): a stack of gated short-convolution layers and
 * GQA attention layers. Layer i is attention when `layer_types[i]` is "full_attention"; without
 * `layer_types`, when i is in `full_attn_idxs`; with neither, every layer is attention.
 *
 * - Attention `self_attn`: bias-free q/k/v and `out_proj`, plus per-head RMSNorms `q_layernorm`
 *   and `k_layernorm` [head_dim].
 * - Short conv `conv`: depthwise `conv` [hidden, 1, conv_L_cache], `in_proj` [3·hidden, hidden] and
 *   `out_proj` [hidden, hidden], all with bias only when `conv_bias` (default false).
 * - Every layer: `operator_norm`, `ffn_norm` and a SwiGLU `feed_forward` (w1, w3 [ff, hidden], w2
 *   [hidden, ff], no biases), where ff = intermediate_size (saved as `block_ff_dim` in the original
 *   configs, which wins) and, with block_auto_adjust_ff_dim (default true), ff = int(2·ff/3), then
 *   int(block_ffn_dim_multiplier·ff) rounded up to block_multiple_of when the multiplier is set.
 * - The model ends in `embedding_norm` (the final norm, despite its name). The LM head is Llama's,
 *   tied by default; the original configs spell the flag `tie_embedding`, which wins.
 */

function ffWidth(d: RequiredDims): number {
  const c = d.model.text;
  let ff = d.intermediateSize;
  if (!c.bool("block_auto_adjust_ff_dim", true).value) return ff;
  ff = Math.floor((2 * ff) / 3);
  const multiplier = c.has("block_ffn_dim_multiplier") ? c.number("block_ffn_dim_multiplier", 1).value : Object.hasOwn(c.raw, "block_ffn_dim_multiplier") ? null : 1;
  if (multiplier === null) return ff;
  ff = Math.floor(multiplier * ff);
  const multipleOf = c.int("block_multiple_of", 256).value ?? 256;
  return multipleOf * Math.ceil(ff / multipleOf);
}

function lfm2Inventory(d: RequiredDims): Inventory {
  const c = d.model.text;
  const prefix = basePrefix(d.model.head);
  const p = `${prefix}layers.{i}`;
  const h = d.hiddenSize;
  const all = range(d.numLayers);
  const types = c.value("layer_types");
  const idxs = new Set(c.intList("full_attn_idxs").value);
  const isAttention = (i: number) =>
    Array.isArray(types) && types.length > 0 ? types[i] === "full_attention" : c.has("full_attn_idxs") ? idxs.has(i) : true;
  const attention = all.filter(isAttention);
  const conv = all.filter((i) => !isAttention(i));
  const convBias = c.bool("conv_bias", false).value;
  const kernel = c.int("conv_L_cache", 3).value ?? 3;
  const ff = ffWidth(d);
  const q = d.numHeads * d.headDim;
  const kv = d.numKvHeads * d.headDim;
  const a = `${p}.self_attn`;
  const tensors: TensorTemplate[] = [{ name: `${prefix}embed_tokens.weight`, shape: [d.vocabSize, h], role: "embedding" }];
  if (attention.length) {
    tensors.push(
      ...linear(`${a}.q_proj`, q, h, false, "attention", attention),
      ...linear(`${a}.k_proj`, kv, h, false, "attention", attention),
      ...linear(`${a}.v_proj`, kv, h, false, "attention", attention),
      ...linear(`${a}.out_proj`, h, q, false, "attention", attention),
      ...norm(`${a}.q_layernorm`, d.headDim, false, attention),
      ...norm(`${a}.k_layernorm`, d.headDim, false, attention),
    );
  }
  if (conv.length) {
    tensors.push(
      { name: `${p}.conv.conv.weight`, shape: [h, 1, kernel], role: "ssm", layers: conv },
      ...(convBias ? [{ name: `${p}.conv.conv.bias`, shape: [h], role: "ssm" as const, layers: conv }] : []),
      ...linear(`${p}.conv.in_proj`, 3 * h, h, convBias, "ssm", conv),
      ...linear(`${p}.conv.out_proj`, h, h, convBias, "ssm", conv),
    );
  }
  tensors.push(
    ...linear(`${p}.feed_forward.w1`, ff, h, false, "mlp", all),
    ...linear(`${p}.feed_forward.w3`, ff, h, false, "mlp", all),
    ...linear(`${p}.feed_forward.w2`, h, ff, false, "mlp", all),
    ...norm(`${p}.operator_norm`, h, false, all),
    ...norm(`${p}.ffn_norm`, h, false, all),
    ...norm(`${prefix}embedding_norm`, h, false),
  );
  const tied = c.has("tie_embedding") ? c.bool("tie_embedding", true).value : d.tied;
  const head = decoderHead({ ...d, tied }, `${prefix}embed_tokens.weight`);
  return inventoryOf({ tensors: [...tensors, ...head.tensors], tied: head.tied }, d);
}

export const lfm2Specs: ModelTypeSpec[] = [
  {
    modelType: "lfm2",
    family: "lfm2",
    kind: "hybrid",
    modelingFile: "models/lfm2/modeling_lfm2.py",
    classPrefixes: ["Lfm2"],
    heads: ["causal-lm", "base"],
    defaultHead: "causal-lm",
    aliases: { intermediateSize: ["block_ff_dim"] },
    defaults: { vocabSize: 65536, hiddenSize: 2560, intermediateSize: 12288, numLayers: 32, numHeads: 32, numKvHeads: 8, maxPositions: 128000 },
    tieWordEmbeddingsDefault: true,
    inventory: lfm2Inventory,
  },
];
