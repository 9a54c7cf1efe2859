import { field } from "../normalize/config-reader.js";
import type { NormalizedModel } from "../normalize/normalized-model.js";
import { basePrefix, decoderBackbone, decoderHead, inventoryOf } from "./decoder.js";
import { sharedExpertMoeMlp } from "./glm4-moe.js";
import type { Inventory } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * dots.llm1 (modeling_dots1.py, rednote-hilab): Qwen3's attention (q/k/v/o all follow
 * `attention_bias`, per-head q_norm/k_norm [head_dim], head_dim = hidden / heads unless given) on
 * DeepSeek-V3's MoE (dense layers before `first_k_dense_replace`, router `mlp.gate.weight`, routed
 * experts of `moe_intermediate_size`, one fused shared MLP of `n_shared_experts ×
 * moe_intermediate_size`; the router's `e_score_correction_bias` is a buffer), inside Qwen3's
 * model and LM head (tied when `tie_word_embeddings`, default false).
 *
 * Dots1Config's defaults for n_routed_experts, n_shared_experts and num_experts_per_tok are None:
 * without them every layer is dense.
 */

/** Sliding attention applies only to layers at or after `max_window_layers` (layer_types); reported only when it covers every layer. */
function dots1SlidingWindow(m: NormalizedModel) {
  const layers = m.numLayers.value ?? 0;
  const types = m.text.value("layer_types");
  const maxWindow = m.text.int("max_window_layers", 62, "count", true).value ?? 62;
  const allSliding = Array.isArray(types) ? types.length > 0 && types.every((t) => t === "sliding_attention") : maxWindow === 0 && layers > 0;
  if (!allSliding) return field<number | null>(null, null, "default");
  return m.text.int("sliding_window", 4096, "positions", true);
}

function dots1Inventory(d: RequiredDims): Inventory {
  const c = d.model.text;
  const prefix = basePrefix(d.model.head);
  const bias = c.bool("attention_bias", false).value;
  const moe = sharedExpertMoeMlp(d, prefix, { firstKDense: 0, moeIntermediateSize: 1408, nSharedExperts: 0 });
  const head = decoderHead(d, `${prefix}embed_tokens.weight`);
  const tensors = [...decoderBackbone(d, { attention: { qkvBias: bias, oBias: bias, qkNorm: "head" }, layerNorms: ["input_layernorm", "post_attention_layernorm"] }, prefix), ...moe.tensors, ...head.tensors];
  return inventoryOf({ tensors, tied: head.tied, expertsPerToken: moe.sparse.length ? d.model.expertsPerToken.value : null, notes: moe.notes }, d);
}

export const dots1Specs: ModelTypeSpec[] = [
  {
    modelType: "dots1",
    family: "dots1",
    kind: "decoder",
    modelingFile: "models/dots1/modeling_dots1.py",
    classPrefixes: ["Dots1"],
    heads: ["causal-lm", "base"],
    defaultHead: "causal-lm",
    // configuration_dots1.py.
    defaults: {
      vocabSize: 152064,
      hiddenSize: 4608,
      intermediateSize: 10944,
      numLayers: 62,
      numHeads: 32,
      numKvHeads: 32,
      maxPositions: 2048,
      numExperts: null,
      expertsPerToken: null,
    },
    tieWordEmbeddingsDefault: false,
    slidingWindow: dots1SlidingWindow,
    inventory: dots1Inventory,
  },
];
