import { basePrefix, decoderHead, inventoryOf } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * Phi-1, Phi-1.5 and Phi-2 (modeling_phi.py) and Phi-3.5-MoE (modeling_phimoe.py), as in
 * transformers 5.18.
 *
 * Phi: every linear has a bias; attention output is `self_attn.dense`; the MLP is `fc1`/`fc2`; one
 * LayerNorm per layer (attention and MLP run in parallel) and `final_layernorm`; the untied
 * `lm_head` has a bias. `partial_rotary_factor` adds no parameters. With `qk_layernorm`, q and k get
 * LayerNorms of width hidden/heads.
 *
 * PhiMoE: Mixtral's layout with LayerNorms (weight and bias) instead of RMSNorms, optional
 * attention and LM-head biases (`attention_bias`, `lm_head_bias`). Checkpoints store the experts as
 * `block_sparse_moe.experts.{e}.w1/w2/w3` and the router as `block_sparse_moe.gate`, which
 * transformers 5 renames to `mlp.router` and fuses on load (conversion_mapping.py), same count.
 */

const HEADS = ["causal-lm", "base", "sequence-classification"] as const;

function phiInventory(d: RequiredDims): Inventory {
  const prefix = basePrefix(d.model.head);
  const layers = range(d.numLayers);
  const p = `${prefix}layers.{i}`;
  const h = d.hiddenSize;
  const q = d.numHeads * d.headDim;
  const kv = d.numKvHeads * d.headDim;
  const tensors: TensorTemplate[] = [
    { name: `${prefix}embed_tokens.weight`, shape: [d.vocabSize, h], role: "embedding" },
    ...linear(`${p}.self_attn.q_proj`, q, h, true, "attention", layers),
    ...linear(`${p}.self_attn.k_proj`, kv, h, true, "attention", layers),
    ...linear(`${p}.self_attn.v_proj`, kv, h, true, "attention", layers),
    ...linear(`${p}.self_attn.dense`, h, q, true, "attention", layers),
  ];
  if (d.model.text.bool("qk_layernorm", false).value) {
    // PhiAttention sizes these hidden_size // num_attention_heads, whatever head_dim says.
    const width = Math.floor(h / d.numHeads);
    tensors.push(...norm(`${p}.self_attn.q_layernorm`, width, true, layers), ...norm(`${p}.self_attn.k_layernorm`, width, true, layers));
  }
  tensors.push(
    ...linear(`${p}.mlp.fc1`, d.intermediateSize, h, true, "mlp", layers),
    ...linear(`${p}.mlp.fc2`, h, d.intermediateSize, true, "mlp", layers),
    ...norm(`${p}.input_layernorm`, h, true, layers),
    ...norm(`${prefix}final_layernorm`, h, true),
  );
  const head = decoderHead(d, `${prefix}embed_tokens.weight`, true);
  return inventoryOf({ tensors: [...tensors, ...head.tensors], tied: head.tied }, d);
}

function phimoeInventory(d: RequiredDims): Inventory {
  const c = d.model.text;
  const prefix = basePrefix(d.model.head);
  const layers = range(d.numLayers);
  const p = `${prefix}layers.{i}`;
  const h = d.hiddenSize;
  const q = d.numHeads * d.headDim;
  const kv = d.numKvHeads * d.headDim;
  const bias = c.bool("attention_bias", false).value;
  const experts = d.model.numExperts.value ?? 0;
  const ff = d.intermediateSize;
  const moe = `${p}.block_sparse_moe`;
  const tensors: TensorTemplate[] = [
    { name: `${prefix}embed_tokens.weight`, shape: [d.vocabSize, h], role: "embedding" },
    ...linear(`${p}.self_attn.q_proj`, q, h, bias, "attention", layers),
    ...linear(`${p}.self_attn.k_proj`, kv, h, bias, "attention", layers),
    ...linear(`${p}.self_attn.v_proj`, kv, h, bias, "attention", layers),
    ...linear(`${p}.self_attn.o_proj`, h, q, bias, "attention", layers),
    ...linear(`${moe}.gate`, experts, h, false, "router", layers),
    { name: `${moe}.experts.{e}.w1.weight`, shape: [ff, h], role: "mlp", layers, experts },
    { name: `${moe}.experts.{e}.w2.weight`, shape: [h, ff], role: "mlp", layers, experts },
    { name: `${moe}.experts.{e}.w3.weight`, shape: [ff, h], role: "mlp", layers, experts },
    ...norm(`${p}.input_layernorm`, h, true, layers),
    ...norm(`${p}.post_attention_layernorm`, h, true, layers),
    ...norm(`${prefix}norm`, h, true),
  ];
  const head = decoderHead(d, `${prefix}embed_tokens.weight`, c.bool("lm_head_bias", false).value);
  return inventoryOf({ tensors: [...tensors, ...head.tensors], tied: head.tied, expertsPerToken: d.model.expertsPerToken.value }, d);
}

export const phiSpecs: ModelTypeSpec[] = [
  {
    modelType: "phi",
    family: "phi",
    modelingFile: "models/phi/modeling_phi.py",
    classPrefixes: ["Phi"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    // configuration_phi.py: num_key_value_heads None → num_attention_heads.
    defaults: { vocabSize: 51200, hiddenSize: 2048, intermediateSize: 8192, numLayers: 24, numHeads: 32, numKvHeads: (m) => m.numHeads ?? null, maxPositions: 2048 },
    tieWordEmbeddingsDefault: false,
    inventory: phiInventory,
  },
  {
    modelType: "phimoe",
    family: "phi",
    modelingFile: "models/phimoe/modeling_phimoe.py",
    // transformers names the class PhimoeForCausalLM; the published configs say PhiMoEForCausalLM.
    classPrefixes: ["Phimoe", "PhiMoE"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 32064, hiddenSize: 4096, intermediateSize: 6400, numLayers: 32, numHeads: 32, numKvHeads: 8, maxPositions: 4096 * 32, numExperts: 16, expertsPerToken: 2 },
    tieWordEmbeddingsDefault: false,
    inventory: phimoeInventory,
  },
];
