import { basePrefix, decoderBackbone, decoderHead, inventoryOf } from "./decoder.js";
import { linear, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * Granite MoE (modeling_granitemoe.py; IBM Granite 3.0/3.1 "A400M"/"A800M" models): Granite's
 * Llama-style attention (q/k/v/o all follow `attention_bias`, head_dim = hidden / heads) with a
 * sparse MLP in every layer whose experts are fused per layer (GraniteMoeParallelExperts):
 *
 * - `block_sparse_moe.input_linear.weight` [experts, 2·intermediate, hidden] (gate and up together),
 * - `block_sparse_moe.output_linear.weight` [experts, hidden, intermediate],
 * - `block_sparse_moe.router.layer.weight` [experts, hidden] (no bias).
 *
 * No MoE block at all when `num_local_experts` is 0 (the decoder layer skips it). The multipliers
 * (embedding, residual, attention, logits) are scalars in the config, not parameters.
 * GraniteMoeForCausalLM ties lm_head to embed_tokens when `tie_word_embeddings` (default false in
 * configuration_granitemoe.py; true in every Granite 3.x MoE checkpoint).
 *
 * granitemoeshared (modeling_granitemoeshared.py) adds a shared MLP per layer; no public checkpoint
 * of that type exists (llama.cpp PR #13269: "There is not a public model with this architecture"),
 * so it is not registered here.
 */

function graniteMoeInventory(d: RequiredDims): Inventory {
  const prefix = basePrefix(d.model.head);
  const layers = range(d.numLayers);
  const experts = d.model.numExperts.value ?? 0;
  const bias = d.model.text.bool("attention_bias", false).value;
  const tensors: TensorTemplate[] = [...decoderBackbone(d, { attention: { qkvBias: bias, oBias: bias }, layerNorms: ["input_layernorm", "post_attention_layernorm"] }, prefix)];
  if (experts > 0) {
    const moe = `${prefix}layers.{i}.block_sparse_moe`;
    tensors.push(
      { name: `${moe}.input_linear.weight`, shape: [2 * d.intermediateSize, d.hiddenSize], role: "mlp", layers, experts, fusedExperts: true },
      { name: `${moe}.output_linear.weight`, shape: [d.hiddenSize, d.intermediateSize], role: "mlp", layers, experts, fusedExperts: true },
      ...linear(`${moe}.router.layer`, experts, d.hiddenSize, false, "router", layers),
    );
  }
  const head = decoderHead(d, `${prefix}embed_tokens.weight`);
  tensors.push(...head.tensors);
  return inventoryOf({ tensors, tied: head.tied, expertsPerToken: experts > 0 ? d.model.expertsPerToken.value : null }, d);
}

export const graniteMoeSpecs: ModelTypeSpec[] = [
  {
    modelType: "granitemoe",
    family: "granitemoe",
    kind: "decoder",
    modelingFile: "models/granitemoe/modeling_granitemoe.py",
    classPrefixes: ["GraniteMoe"],
    heads: ["causal-lm", "base"],
    defaultHead: "causal-lm",
    // configuration_granitemoe.py: num_key_value_heads None means as many as the heads; head_dim is hidden / heads.
    defaults: {
      vocabSize: 32000,
      hiddenSize: 4096,
      intermediateSize: 11008,
      numLayers: 32,
      numHeads: 32,
      numKvHeads: (m) => m.numHeads ?? null,
      maxPositions: 2048,
      numExperts: 8,
      expertsPerToken: 2,
    },
    tieWordEmbeddingsDefault: false,
    inventory: graniteMoeInventory,
  },
];
