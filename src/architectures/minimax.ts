import { basePrefix, decoderHead, inventoryOf } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * MiniMax-Text-01 (modeling_minimax.py, configuration_minimax.py): Mixtral's sparse MoE in every
 * layer, with two kinds of attention chosen per layer by `layer_types`:
 *
 * - "full_attention" (MiniMaxAttention): Mixtral's q/k/v/o projections, no biases, head_dim from
 *   the config (else hidden / heads).
 * - "linear_attention" (MiniMaxLightningAttention): a fused `qkv_proj` [3·heads·head_dim, hidden],
 *   `out_proj` [hidden, heads·head_dim], a sigmoid `output_gate` [heads·head_dim, hidden] and an
 *   RMSNorm `norm` [heads·head_dim], all without bias. Its decay tables (slope_rate, query_decay,
 *   key_decay, diagonal_decay) are registered buffers: not parameters.
 *
 * MiniMaxConfig's default layer_types alternate (layer i is full when i is even); the original
 * remote-code configs give `attn_type_list` instead (1 = softmax/full, 0 = lightning), read here
 * when `layer_types` is absent. Experts are named per expert as the MiniMax-Text-01-hf checkpoint
 * stores them (`block_sparse_moe.experts.{e}.w1/w2/w3`, router `block_sparse_moe.gate`);
 * transformers 5 fuses them into `mlp.experts.gate_up_proj` / `down_proj` on load (same count).
 */

function fullAttentionLayers(d: RequiredDims): { full: number[]; linear: number[] } {
  const c = d.model.text;
  const types = c.value("layer_types");
  const attnTypes = c.value("attn_type_list");
  const full: number[] = [];
  const lin: number[] = [];
  for (const i of range(d.numLayers)) {
    let isFull: boolean;
    if (Array.isArray(types) && i < types.length) isFull = types[i] !== "linear_attention";
    else if (Array.isArray(attnTypes) && i < attnTypes.length) isFull = attnTypes[i] === 1;
    else isFull = (i + 1) % 2 === 1;
    (isFull ? full : lin).push(i);
  }
  return { full, linear: lin };
}

function minimaxInventory(d: RequiredDims): Inventory {
  const prefix = basePrefix(d.model.head);
  const all = range(d.numLayers);
  const experts = d.model.numExperts.value ?? 0;
  const h = d.hiddenSize;
  const q = d.numHeads * d.headDim;
  const kv = d.numKvHeads * d.headDim;
  const p = `${prefix}layers.{i}`;
  const { full, linear: lin } = fullAttentionLayers(d);
  const tensors: TensorTemplate[] = [{ name: `${prefix}embed_tokens.weight`, shape: [d.vocabSize, h], role: "embedding" }];
  if (full.length) {
    const at = full.length === d.numLayers ? all : full;
    tensors.push(
      ...linear(`${p}.self_attn.q_proj`, q, h, false, "attention", at),
      ...linear(`${p}.self_attn.k_proj`, kv, h, false, "attention", at),
      ...linear(`${p}.self_attn.v_proj`, kv, h, false, "attention", at),
      ...linear(`${p}.self_attn.o_proj`, h, q, false, "attention", at),
    );
  }
  if (lin.length) {
    const at = lin.length === d.numLayers ? all : lin;
    tensors.push(
      ...linear(`${p}.self_attn.qkv_proj`, 3 * q, h, false, "attention", at),
      ...linear(`${p}.self_attn.out_proj`, h, q, false, "attention", at),
      ...linear(`${p}.self_attn.output_gate`, q, h, false, "attention", at),
      ...norm(`${p}.self_attn.norm`, q, false, at),
    );
  }
  const moe = `${p}.block_sparse_moe`;
  tensors.push(
    ...norm(`${p}.input_layernorm`, h, false, all),
    ...norm(`${p}.post_attention_layernorm`, h, false, all),
    ...linear(`${moe}.gate`, experts, h, false, "router", all),
    { name: `${moe}.experts.{e}.w1.weight`, shape: [d.intermediateSize, h], role: "mlp", layers: all, experts },
    { name: `${moe}.experts.{e}.w2.weight`, shape: [h, d.intermediateSize], role: "mlp", layers: all, experts },
    { name: `${moe}.experts.{e}.w3.weight`, shape: [d.intermediateSize, h], role: "mlp", layers: all, experts },
    ...norm(`${prefix}norm`, h, false),
  );
  const head = decoderHead(d, `${prefix}embed_tokens.weight`);
  tensors.push(...head.tensors);
  const notes = lin.length
    ? [`${lin.length} of ${d.numLayers} layers use lightning (linear) attention, which keeps a fixed [heads, head_dim, head_dim] state instead of a KV cache; only the ${full.length} full-attention layers grow with the context`]
    : [];
  return inventoryOf({ tensors, tied: head.tied, expertsPerToken: d.model.expertsPerToken.value, notes }, d);
}

export const minimaxSpecs: ModelTypeSpec[] = [
  {
    modelType: "minimax",
    family: "minimax",
    kind: "hybrid",
    modelingFile: "models/minimax/modeling_minimax.py",
    classPrefixes: ["MiniMax"],
    heads: ["causal-lm", "base", "sequence-classification"],
    defaultHead: "causal-lm",
    // configuration_minimax.py (Mixtral's defaults).
    defaults: { vocabSize: 32000, hiddenSize: 4096, intermediateSize: 14336, numLayers: 32, numHeads: 32, numKvHeads: 8, maxPositions: 4096 * 32, numExperts: 8, expertsPerToken: 2 },
    tieWordEmbeddingsDefault: false,
    inventory: minimaxInventory,
  },
];
