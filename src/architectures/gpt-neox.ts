import { inventoryOf, numLabels } from "./decoder.js";
import { linear, norm, range, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * GPT-NeoX and Pythia (modeling_gpt_neox.py): fused `query_key_value`, LayerNorms with bias, an
 * untied `embed_out` head by default. Parallel residuals and partial rotary add no parameters.
 */
export const gptNeoxSpecs: ModelTypeSpec[] = [
  {
    modelType: "gpt_neox",
    family: "gpt_neox",
    modelingFile: "models/gpt_neox/modeling_gpt_neox.py",
    classPrefixes: ["GPTNeoX"],
    heads: ["causal-lm", "base", "sequence-classification"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 50432, hiddenSize: 6144, numLayers: 44, numHeads: 64, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 24576, maxPositions: 2048 },
    tieWordEmbeddingsDefault: false,
    inventory: (d) => {
      const prefix = d.model.head === "base" ? "" : "gpt_neox.";
      const layers = range(d.numLayers);
      const h = d.hiddenSize;
      const bias = d.model.text.bool("attention_bias", true).value;
      const p = `${prefix}layers.{i}`;
      const tensors: TensorTemplate[] = [
        { name: `${prefix}embed_in.weight`, shape: [d.vocabSize, h], role: "embedding" },
        ...norm(`${p}.input_layernorm`, h, true, layers),
        ...norm(`${p}.post_attention_layernorm`, h, true, layers),
        ...linear(`${p}.attention.query_key_value`, 3 * h, h, bias, "attention", layers),
        ...linear(`${p}.attention.dense`, h, h, bias, "attention", layers),
        ...linear(`${p}.mlp.dense_h_to_4h`, d.intermediateSize, h, true, "mlp", layers),
        ...linear(`${p}.mlp.dense_4h_to_h`, h, d.intermediateSize, true, "mlp", layers),
        ...norm(`${prefix}final_layer_norm`, h, true),
      ];
      const tied = [];
      if (d.model.head === "causal-lm") {
        if (d.tied) tied.push({ name: "embed_out.weight", tiedTo: `${prefix}embed_in.weight` });
        else tensors.push(...linear("embed_out", d.vocabSize, h, false, "lmHead"));
      }
      if (d.model.head === "sequence-classification") tensors.push(...linear("score", numLabels(d), h, false, "other"));
      return inventoryOf({ tensors, tied }, d);
    },
  },
];
