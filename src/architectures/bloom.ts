import { basePrefix, decoderHead, inventoryOf } from "./decoder.js";
import { linear, norm, range, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * BLOOM (modeling_bloom.py, configuration_bloom.py): a LayerNorm right after the word embeddings,
 * fused `query_key_value`, biases everywhere, and an MLP fixed at 4 × hidden (BloomMLP reads no
 * width from the config, so `n_inner` is ignored). ALiBi: no position embeddings. Tied head.
 */
export const bloomSpecs: ModelTypeSpec[] = [
  {
    modelType: "bloom",
    family: "bloom",
    modelingFile: "models/bloom/modeling_bloom.py",
    classPrefixes: ["Bloom"],
    heads: ["causal-lm", "base", "sequence-classification"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 250880, hiddenSize: 64, numLayers: 2, numHeads: 8, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: (m) => (m.hiddenSize ? 4 * m.hiddenSize : null) },
    tieWordEmbeddingsDefault: true,
    inventory: (d) => {
      const prefix = basePrefix(d.model.head, "transformer.");
      const layers = range(d.numLayers);
      const h = d.hiddenSize;
      const p = `${prefix}h.{i}`;
      const tensors: TensorTemplate[] = [
        { name: `${prefix}word_embeddings.weight`, shape: [d.vocabSize, h], role: "embedding" },
        ...norm(`${prefix}word_embeddings_layernorm`, h, true),
        ...norm(`${p}.input_layernorm`, h, true, layers),
        ...linear(`${p}.self_attention.query_key_value`, 3 * h, h, true, "attention", layers),
        ...linear(`${p}.self_attention.dense`, h, h, true, "attention", layers),
        ...norm(`${p}.post_attention_layernorm`, h, true, layers),
        ...linear(`${p}.mlp.dense_h_to_4h`, 4 * h, h, true, "mlp", layers),
        ...linear(`${p}.mlp.dense_4h_to_h`, h, 4 * h, true, "mlp", layers),
        ...norm(`${prefix}ln_f`, h, true),
      ];
      const head = decoderHead(d, `${prefix}word_embeddings.weight`);
      return inventoryOf({ tensors: [...tensors, ...head.tensors], tied: head.tied }, d);
    },
  },
];
