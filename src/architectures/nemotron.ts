import { basePrefix, decoderBackbone, decoderHead, inventoryOf } from "./decoder.js";
import { linear, range, type Role, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * Nemotron-4 / Minitron (modeling_nemotron.py): Llama's attention names (all four projections
 * biased with `attention_bias`, head_dim from the config else hidden / heads), a non-gated MLP
 * (`up_proj`, `down_proj`, squared-ReLU, biased with `mlp_bias`), and NemotronLayerNorm1P
 * (a LayerNorm with weight and bias) for input_layernorm, post_attention_layernorm and the final
 * norm. Defaults from configuration_nemotron.py; `num_key_value_heads` has no default there and
 * is taken as the head count. `partial_rotary_factor` adds no parameters.
 */

/** A non-gated MLP: up [ff, d] and down [d, ff] (Nemotron, Arcee, Apertus). */
export function plainMlp(path: string, hidden: number, ff: number, bias: boolean, layers: readonly number[], role: Role = "mlp"): TensorTemplate[] {
  return [...linear(`${path}.up_proj`, ff, hidden, bias, role, layers), ...linear(`${path}.down_proj`, hidden, ff, bias, role, layers)];
}

export const nemotronSpecs: ModelTypeSpec[] = [
  {
    modelType: "nemotron",
    family: "nemotron",
    kind: "decoder",
    modelingFile: "models/nemotron/modeling_nemotron.py",
    classPrefixes: ["Nemotron"],
    heads: ["causal-lm", "base", "sequence-classification"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 256000, hiddenSize: 6144, intermediateSize: 24576, numLayers: 32, numHeads: 48, numKvHeads: (m) => m.numHeads ?? null, maxPositions: 4096 },
    tieWordEmbeddingsDefault: false,
    inventory: (d) => {
      const prefix = basePrefix(d.model.head);
      const attentionBias = d.model.text.bool("attention_bias", false).value;
      const mlpBias = d.model.text.bool("mlp_bias", false).value;
      const head = decoderHead(d, `${prefix}embed_tokens.weight`);
      const backbone = decoderBackbone(d, { attention: { qkvBias: attentionBias, oBias: attentionBias }, layerNorms: ["input_layernorm", "post_attention_layernorm"], normBias: true }, prefix);
      const mlp = plainMlp(`${prefix}layers.{i}.mlp`, d.hiddenSize, d.intermediateSize, mlpBias, range(d.numLayers));
      return inventoryOf({ tensors: [...backbone, ...mlp, ...head.tensors], tied: head.tied }, d);
    },
  },
];
