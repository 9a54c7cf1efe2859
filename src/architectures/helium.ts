import { basePrefix, decoderBackbone, decoderHead, gatedMlp, inventoryOf } from "./decoder.js";
import { range } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * Helium (modeling_helium.py): Llama's layout; q/k/v biased with `attention_bias`, o_proj never
 * biased (HeliumAttention rebuilds it as [hidden, hidden], which equals heads × head_dim in the
 * published checkpoints), gated MLP biased with `mlp_bias`, two RMSNorms per layer. Defaults from
 * HeliumConfig.
 */
export const heliumSpecs: ModelTypeSpec[] = [
  {
    modelType: "helium",
    family: "helium",
    kind: "decoder",
    modelingFile: "models/helium/modeling_helium.py",
    classPrefixes: ["Helium"],
    heads: ["causal-lm", "base", "sequence-classification"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 48000, hiddenSize: 2560, intermediateSize: 7040, numLayers: 24, numHeads: 20, numKvHeads: 20, headDim: 128, maxPositions: 4096 },
    tieWordEmbeddingsDefault: false,
    inventory: (d) => {
      const prefix = basePrefix(d.model.head);
      const t = d.model.text;
      const head = decoderHead(d, `${prefix}embed_tokens.weight`);
      const backbone = decoderBackbone(d, { attention: { qkvBias: t.bool("attention_bias", false).value, oBias: false }, layerNorms: ["input_layernorm", "post_attention_layernorm"] }, prefix);
      const mlp = gatedMlp(`${prefix}layers.{i}.mlp`, d.hiddenSize, d.intermediateSize, t.bool("mlp_bias", false).value, range(d.numLayers));
      return inventoryOf({ tensors: [...backbone, ...mlp, ...head.tensors], tied: head.tied }, d);
    },
  },
];
