import { basePrefix, decoderBackbone, decoderHead, gatedMlp, inventoryOf } from "./decoder.js";
import { range } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * Seed-OSS (modeling_seed_oss.py): Llama's layout where q/k/v carry a bias with `attention_bias`
 * (default true) and o_proj one with `attention_out_bias` (default false); gated MLP biased with
 * `mlp_bias`; two RMSNorms per layer. Defaults from SeedOssConfig.
 */
export const seedOssSpecs: ModelTypeSpec[] = [
  {
    modelType: "seed_oss",
    family: "seed-oss",
    kind: "decoder",
    modelingFile: "models/seed_oss/modeling_seed_oss.py",
    classPrefixes: ["SeedOss"],
    heads: ["causal-lm", "base", "sequence-classification"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 155136, hiddenSize: 4096, intermediateSize: 27648, numLayers: 64, numHeads: 80, numKvHeads: 8, headDim: 128, maxPositions: 524288 },
    tieWordEmbeddingsDefault: false,
    inventory: (d) => {
      const prefix = basePrefix(d.model.head);
      const t = d.model.text;
      const head = decoderHead(d, `${prefix}embed_tokens.weight`);
      const backbone = decoderBackbone(d, { attention: { qkvBias: t.bool("attention_bias", true).value, oBias: t.bool("attention_out_bias", false).value }, layerNorms: ["input_layernorm", "post_attention_layernorm"] }, prefix);
      const mlp = gatedMlp(`${prefix}layers.{i}.mlp`, d.hiddenSize, d.intermediateSize, t.bool("mlp_bias", false).value, range(d.numLayers));
      return inventoryOf({ tensors: [...backbone, ...mlp, ...head.tensors], tied: head.tied }, d);
    },
  },
];
