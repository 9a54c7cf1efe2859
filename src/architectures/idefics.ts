import { linear, norm, range, type TensorTemplate } from "./inventory.js";
import { gatedMlp } from "./decoder.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { languageModel, textModelTypeOf, wrapperInventory, wrapperLmHead } from "./multimodal.js";
import { readVisionDims } from "./multimodal.js";
import { projectorPart, siglipLikeTower, type SiglipLikeDims } from "./vlm-parts.js";

/**
 * Idefics 2 (modeling_idefics2.py), Idefics 3 (modeling_idefics3.py) and SmolVLM (modeling_smolvlm.py,
 * Idefics 3's layout): `model.vision_model` — a SigLIP-style encoder the family builds itself
 * (vlm-parts.ts siglipLikeTower, no pooling head) —, `model.connector`, `model.text_model` (the
 * language model of `text_config`: Mistral for Idefics 2, Llama for Idefics 3 and SmolVLM, by
 * default) and `lm_head`, tied to the embeddings only when the config ties them (all three
 * configuration classes default to untied).
 *
 * Idefics2Connector: `modality_projection`, a bias-free SwiGLU from the vision width through the
 * TEXT model's intermediate size to the text width, then `perceiver_resampler`: `latents`
 * [n_latents, text hidden], `resampler_depth` layers (RMSNorms input_latents_norm,
 * input_context_norm and post_attention_layernorm; bias-free q [heads·head_dim], k and v
 * [kv_heads·head_dim], o; a bias-free SwiGLU of 4 × the text width) and a final RMSNorm `norm`.
 * Idefics2Config forces the perceiver's width to the text width.
 *
 * Idefics3Connector / SmolVLMConnector: pixel shuffle (no parameters) by `scale_factor`, then
 * `modality_projection.proj`, a bias-free [text hidden, vision hidden · scale_factor²].
 */

/** Idefics2VisionConfig's defaults (SigLIP-base-like, 32-pixel patches at 224 px). */
const IDEFICS2_VISION: SiglipLikeDims = { hidden: 768, intermediate: 3072, layers: 12, channels: 3, imageSize: 224, patchSize: 32 };
/** Idefics3VisionConfig's and SmolVLMVisionConfig's defaults. */
const IDEFICS3_VISION: SiglipLikeDims = { hidden: 1152, intermediate: 3072, layers: 12, channels: 3, imageSize: 224, patchSize: 32 };

function perceiver(d: RequiredDims, p: string): TensorTemplate[] {
  const c = d.model.root.child("perceiver_config");
  const int = (key: string, fallback: number) => c?.int(key, fallback, "count").value ?? fallback;
  const latents = int("resampler_n_latents", 64);
  const depth = int("resampler_depth", 3);
  const heads = int("resampler_n_heads", 16);
  const headDim = int("resampler_head_dim", 96);
  const kvHeads = int("num_key_value_heads", 4);
  const h = d.hiddenSize;
  const layers = range(depth);
  const l = `${p}layers.{i}`;
  return [
    { name: `${p}latents`, shape: [latents, h], role: "projector" },
    ...norm(`${l}.input_latents_norm`, h, false, layers, "projector"),
    ...norm(`${l}.input_context_norm`, h, false, layers, "projector"),
    ...linear(`${l}.self_attn.q_proj`, heads * headDim, h, false, "projector", layers),
    ...linear(`${l}.self_attn.k_proj`, kvHeads * headDim, h, false, "projector", layers),
    ...linear(`${l}.self_attn.v_proj`, kvHeads * headDim, h, false, "projector", layers),
    ...linear(`${l}.self_attn.o_proj`, h, heads * headDim, false, "projector", layers),
    ...norm(`${l}.post_attention_layernorm`, h, false, layers, "projector"),
    ...gatedMlp(`${l}.mlp`, h, 4 * h, false, layers, false, "projector"),
    ...norm(`${p}norm`, h, false, undefined, "projector"),
  ];
}

function idefics2Connector(d: RequiredDims, p: string, vision: SiglipLikeDims): TensorTemplate[] {
  return [
    ...linear(`${p}modality_projection.gate_proj`, d.intermediateSize, vision.hidden, false, "projector"),
    ...linear(`${p}modality_projection.up_proj`, d.intermediateSize, vision.hidden, false, "projector"),
    ...linear(`${p}modality_projection.down_proj`, d.hiddenSize, d.intermediateSize, false, "projector"),
    ...perceiver(d, `${p}perceiver_resampler.`),
  ];
}

function idefics3Connector(d: RequiredDims, p: string, vision: SiglipLikeDims): TensorTemplate[] {
  const scale = d.model.root.int("scale_factor", 2, "count").value ?? 2;
  return linear(`${p}modality_projection.proj`, d.hiddenSize, vision.hidden * scale * scale, false, "projector");
}

function ideficsInventory(visionDefaults: SiglipLikeDims, defaultText: string, connector: (d: RequiredDims, p: string, v: SiglipLikeDims) => TensorTemplate[]) {
  return (d: RequiredDims) => {
    const withHead = d.model.head !== "base";
    const prefix = withHead ? "model." : "";
    const textPrefix = `${prefix}text_model.`;
    const dims = readVisionDims(d.model.root.child("vision_config"), visionDefaults);
    const vision = { tensors: siglipLikeTower(`${prefix}vision_model.`, dims), tied: [], notes: [], estimated: false };
    const projector = projectorPart(connector(d, `${prefix}connector.`, dims));
    const lm = languageModel(d, textModelTypeOf(d.model.root.child("text_config"), defaultText), textPrefix);
    const head = withHead ? wrapperLmHead(d, `${textPrefix}embed_tokens.weight`) : { tensors: [], tied: [] };
    return wrapperInventory(d, [vision, projector, lm], head);
  };
}

const common = {
  family: "idefics",
  kind: "vision-language" as const,
  heads: ["conditional-generation" as const, "base" as const],
  defaultHead: "conditional-generation" as const,
  defaults: {},
  tieWordEmbeddingsDefault: false,
};

export const ideficsSpecs: ModelTypeSpec[] = [
  {
    ...common,
    modelType: "idefics2",
    modelingFile: "models/idefics2/modeling_idefics2.py",
    classPrefixes: ["Idefics2"],
    textModelType: (textConfig) => textModelTypeOf(textConfig, "mistral"),
    inventory: ideficsInventory(IDEFICS2_VISION, "mistral", idefics2Connector),
  },
  {
    ...common,
    modelType: "idefics3",
    modelingFile: "models/idefics3/modeling_idefics3.py",
    classPrefixes: ["Idefics3"],
    textModelType: (textConfig) => textModelTypeOf(textConfig, "llama"),
    inventory: ideficsInventory(IDEFICS3_VISION, "llama", idefics3Connector),
  },
  {
    ...common,
    modelType: "smolvlm",
    modelingFile: "models/smolvlm/modeling_smolvlm.py",
    classPrefixes: ["SmolVLM"],
    textModelType: (textConfig) => textModelTypeOf(textConfig, "llama"),
    inventory: ideficsInventory(IDEFICS3_VISION, "llama", idefics3Connector),
  },
];
