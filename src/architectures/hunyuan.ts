import type { ConfigReader } from "../normalize/config-reader.js";
import { basePrefix, decoderBackbone, decoderHead, gatedMlp, inventoryOf } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * Hunyuan MoE (modeling_hunyuan_v1_moe.py, configuration_hunyuan_v1_moe.py; tencent/Hunyuan-A13B):
 *
 * - GQA attention, q/k/v/o biased by `attention_bias`, with per-head RMSNorms on queries and keys
 *   named `self_attn.query_layernorm` / `self_attn.key_layernorm` [head_dim].
 * - Every layer is sparse: router `mlp.gate.wg` [experts, hidden] (no bias), `num_experts` SwiGLU
 *   experts and, with `use_mixed_mlp_moe`, one shared SwiGLU `mlp.shared_mlp`. In transformers'
 *   HunYuanMoEV1MLP every one of them is `intermediate_size` wide (the config's per-layer
 *   `moe_intermediate_size` and `num_shared_expert` lists are not read by the class).
 * - `num_experts` and `moe_topk` may be per-layer lists; per-layer expert counts are honoured, the
 *   active count uses the first layer's top-k.
 * - HunYuanMoEV1ForCausalLM ties lm_head when `tie_word_embeddings` (default false; true in the
 *   A13B checkpoints); HunYuanMoEV1ForSequenceClassification adds `score` [labels, hidden].
 */

function perLayer(c: ConfigReader, key: string, layer: number, fallback: number): number {
  const v = c.value(key);
  const pick = Array.isArray(v) ? v[layer] : v;
  return typeof pick === "number" && Number.isInteger(pick) && pick >= 0 ? pick : fallback;
}

function hunyuanInventory(d: RequiredDims): Inventory {
  const c = d.model.text;
  const prefix = basePrefix(d.model.head);
  const bias = c.bool("attention_bias", false).value;
  const p = `${prefix}layers.{i}`;
  const all = range(d.numLayers);
  const tensors: TensorTemplate[] = [
    ...decoderBackbone(d, { attention: { qkvBias: bias, oBias: bias }, layerNorms: ["input_layernorm", "post_attention_layernorm"] }, prefix),
    ...norm(`${p}.self_attn.query_layernorm`, d.headDim, false, all),
    ...norm(`${p}.self_attn.key_layernorm`, d.headDim, false, all),
  ];
  if (c.bool("use_mixed_mlp_moe", false).value) tensors.push(...gatedMlp(`${p}.mlp.shared_mlp`, d.hiddenSize, d.intermediateSize, false, all));
  // Group layers by their expert count (one group when num_experts is an integer).
  const groups = new Map<number, number[]>();
  for (const i of all) {
    const e = perLayer(c, "num_experts", i, d.model.numExperts.value ?? 1);
    // Pushed, not copied: a copy per layer was quadratic (100,000 layers: 2 minutes).
    const group = groups.get(e);
    if (group) group.push(i);
    else groups.set(e, [i]);
  }
  for (const [experts, layers] of groups) {
    if (experts <= 0) continue;
    const at = layers.length === d.numLayers ? all : layers;
    tensors.push(...linear(`${p}.mlp.gate.wg`, experts, d.hiddenSize, false, "router", at));
    for (const t of gatedMlp(`${p}.mlp.experts.{e}`, d.hiddenSize, d.intermediateSize, false, at)) tensors.push({ ...t, experts });
  }
  const head = decoderHead(d, `${prefix}embed_tokens.weight`);
  tensors.push(...head.tensors);
  return inventoryOf({ tensors, tied: head.tied, expertsPerToken: d.model.expertsPerToken.value }, d);
}

export const hunyuanSpecs: ModelTypeSpec[] = [
  {
    modelType: "hunyuan_v1_moe",
    family: "hunyuan",
    kind: "decoder",
    modelingFile: "models/hunyuan_v1_moe/modeling_hunyuan_v1_moe.py",
    classPrefixes: ["HunYuanMoEV1"],
    heads: ["causal-lm", "base", "sequence-classification"],
    defaultHead: "causal-lm",
    // configuration_hunyuan_v1_moe.py. `num_experts` / `moe_topk` may be lists (one per layer): the
    // canonical count is the first layer's (moe_topk is not a common key, so its default reads it).
    defaults: {
      vocabSize: 290943,
      hiddenSize: 4096,
      intermediateSize: 11008,
      numLayers: 32,
      numHeads: 32,
      numKvHeads: (m) => m.numHeads ?? null,
      maxPositions: 2048,
      numExperts: 1,
      expertsPerToken: (_m, c) => perLayer(c, "moe_topk", 0, 1),
    },
    tieWordEmbeddingsDefault: false,
    inventory: hunyuanInventory,
  },
];
