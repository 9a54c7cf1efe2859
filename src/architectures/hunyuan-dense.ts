import { basePrefix, decoderBackbone, decoderHead, gatedMlp, inventoryOf } from "./decoder.js";
import { norm, range } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * Hunyuan dense V1 (modeling_hunyuan_v1_dense.py, Hunyuan-0.5B…7B): Llama's layout (attention
 * biased with `attention_bias`, two RMSNorms per layer) plus per-head RMSNorms over head_dim named
 * `self_attn.query_layernorm` and `self_attn.key_layernorm`; gated MLP without bias. Defaults from
 * HunYuanDenseV1Config (head_dim from the config, else hidden / heads).
 */
export const hunyuanDenseSpecs: ModelTypeSpec[] = [
  {
    modelType: "hunyuan_v1_dense",
    family: "hunyuan-dense",
    kind: "decoder",
    modelingFile: "models/hunyuan_v1_dense/modeling_hunyuan_v1_dense.py",
    classPrefixes: ["HunYuanDenseV1"],
    heads: ["causal-lm", "base", "sequence-classification"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 290943, hiddenSize: 4096, intermediateSize: 11008, numLayers: 32, numHeads: 32, numKvHeads: (m) => m.numHeads ?? null, maxPositions: 2048 },
    tieWordEmbeddingsDefault: false,
    inventory: (d) => {
      const prefix = basePrefix(d.model.head);
      const layers = range(d.numLayers);
      const bias = d.model.text.bool("attention_bias", false).value;
      const head = decoderHead(d, `${prefix}embed_tokens.weight`);
      const backbone = decoderBackbone(d, { attention: { qkvBias: bias, oBias: bias }, layerNorms: ["input_layernorm", "post_attention_layernorm"] }, prefix);
      const qk = [...norm(`${prefix}layers.{i}.self_attn.query_layernorm`, d.headDim, false, layers), ...norm(`${prefix}layers.{i}.self_attn.key_layernorm`, d.headDim, false, layers)];
      const mlp = gatedMlp(`${prefix}layers.{i}.mlp`, d.hiddenSize, d.intermediateSize, false, layers);
      return inventoryOf({ tensors: [...backbone, ...qk, ...mlp, ...head.tensors], tied: head.tied }, d);
    },
  },
];
