import { basePrefix, decoderBackbone, decoderHead, gatedMlp, inventoryOf } from "./decoder.js";
import { range } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * Cohere 2 / Command R7B (modeling_cohere2.py): Cohere's parallel block — one weight-only
 * LayerNorm `input_layernorm` feeding attention and MLP — without Cohere's optional q/k norms;
 * all four attention projections biased with `attention_bias`; gated MLP without bias; final
 * weight-only LayerNorm; LM head tied by default. Cohere2Config always sets head_dim to
 * hidden / heads, whatever the config file says. Interleaved sliding-window layers add no
 * parameters. Only Cohere2ForCausalLM and Cohere2Model exist.
 */
export const cohere2Specs: ModelTypeSpec[] = [
  {
    modelType: "cohere2",
    family: "cohere2",
    kind: "decoder",
    modelingFile: "models/cohere2/modeling_cohere2.py",
    classPrefixes: ["Cohere2"],
    heads: ["causal-lm", "base"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 256000, hiddenSize: 8192, intermediateSize: 22528, numLayers: 40, numHeads: 64, numKvHeads: (m) => m.numHeads ?? null, maxPositions: 8192 },
    tieWordEmbeddingsDefault: true,
    inventory: (dims) => {
      const d = { ...dims, headDim: Math.floor(dims.hiddenSize / dims.numHeads) };
      const prefix = basePrefix(d.model.head);
      const bias = d.model.text.bool("attention_bias", false).value;
      const head = decoderHead(d, `${prefix}embed_tokens.weight`);
      const backbone = decoderBackbone(d, { attention: { qkvBias: bias, oBias: bias }, layerNorms: ["input_layernorm"], normBias: false }, prefix);
      const mlp = gatedMlp(`${prefix}layers.{i}.mlp`, d.hiddenSize, d.intermediateSize, false, range(d.numLayers));
      return inventoryOf({ tensors: [...backbone, ...mlp, ...head.tensors], tied: head.tied }, d);
    },
  },
];
