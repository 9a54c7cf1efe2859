import { basePrefix, decoderBackbone, decoderHead, gatedMlp, inventoryOf } from "./decoder.js";
import { range } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * Phi-3 and Phi-4-mini (modeling_phi3.py): Llama's layout with q/k/v fused into `qkv_proj` and
 * gate/up fused into `gate_up_proj`, no biases. `partial_rotary_factor` adds no parameters.
 */
export const phi3Specs: ModelTypeSpec[] = [
  {
    modelType: "phi3",
    family: "phi3",
    modelingFile: "models/phi3/modeling_phi3.py",
    classPrefixes: ["Phi3"],
    heads: ["causal-lm", "base", "sequence-classification"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 32064, hiddenSize: 3072, intermediateSize: 8192, numLayers: 32, numHeads: 32, numKvHeads: (m) => m.numHeads ?? null, maxPositions: 4096 },
    tieWordEmbeddingsDefault: false,
    inventory: (d) => {
      const prefix = basePrefix(d.model.head);
      const head = decoderHead(d, `${prefix}embed_tokens.weight`);
      const backbone = decoderBackbone(d, { attention: { qkvBias: false, oBias: false, fusedQkv: true }, layerNorms: ["input_layernorm", "post_attention_layernorm"] }, prefix);
      return inventoryOf({ tensors: [...backbone, ...gatedMlp(`${prefix}layers.{i}.mlp`, d.hiddenSize, d.intermediateSize, false, range(d.numLayers), true), ...head.tensors], tied: head.tied }, d);
    },
  },
];
