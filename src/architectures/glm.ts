import { basePrefix, decoderBackbone, decoderHead, gatedMlp, inventoryOf } from "./decoder.js";
import { range, type Inventory } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * GLM-4 decoders in transformers:
 * - `glm` (modeling_glm.py, THUDM/glm-4-9b-chat-hf): Llama's names, q/k/v with a bias when
 *   `attention_bias` (GlmConfig default true), o_proj without one, gate and up fused into
 *   `mlp.gate_up_proj` (Phi-3's MLP), two RMSNorms per layer;
 * - `glm4` (modeling_glm4.py, GLM-4-0414): the same plus `post_self_attn_layernorm` and
 *   `post_mlp_layernorm` on the attention and MLP outputs, four RMSNorms per layer.
 * `partial_rotary_factor` (0.5) adds no parameters. Defaults from configuration_glm.py / configuration_glm4.py.
 */

const HEADS = ["causal-lm", "base", "sequence-classification"] as const;

function glmLike(layerNorms: string[]) {
  return (d: RequiredDims): Inventory => {
    const prefix = basePrefix(d.model.head);
    const bias = d.model.text.bool("attention_bias", true).value;
    const head = decoderHead(d, `${prefix}embed_tokens.weight`);
    const backbone = decoderBackbone(d, { attention: { qkvBias: bias, oBias: false }, layerNorms }, prefix);
    const mlp = gatedMlp(`${prefix}layers.{i}.mlp`, d.hiddenSize, d.intermediateSize, false, range(d.numLayers), true);
    return inventoryOf({ tensors: [...backbone, ...mlp, ...head.tensors], tied: head.tied }, d);
  };
}

const GLM_DEFAULTS = { vocabSize: 151552, hiddenSize: 4096, intermediateSize: 13696, numLayers: 40, numHeads: 32, numKvHeads: 2, headDim: 128, maxPositions: 131072 };

export const glmSpecs: ModelTypeSpec[] = [
  {
    modelType: "glm",
    family: "glm",
    kind: "decoder",
    modelingFile: "models/glm/modeling_glm.py",
    classPrefixes: ["Glm"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: { ...GLM_DEFAULTS },
    tieWordEmbeddingsDefault: false,
    inventory: glmLike(["input_layernorm", "post_attention_layernorm"]),
  },
  {
    modelType: "glm4",
    family: "glm",
    kind: "decoder",
    modelingFile: "models/glm4/modeling_glm4.py",
    classPrefixes: ["Glm4"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: { ...GLM_DEFAULTS },
    tieWordEmbeddingsDefault: false,
    inventory: glmLike(["input_layernorm", "post_attention_layernorm", "post_self_attn_layernorm", "post_mlp_layernorm"]),
  },
];
