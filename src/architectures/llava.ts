import { linear, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { languageModel, textModelTypeOf, visionTower, wrapperInventory, wrapperLmHead, type Part, type VisionDims, type VisionTowerType } from "./multimodal.js";
import { pixtralVisionTower, readPixtralDims } from "./pixtral.js";

/**
 * LLaVA (modeling_llava.py, configuration_llava.py): a vision tower (CLIP unless `vision_config`
 * names another: SigLIP, or Pixtral's as in mistral-community/pixtral-12b), a two-layer projector, and the language model of `text_config` (Llama unless it
 * names another model type, with that type's defaults for every key it leaves out: llava-1.5-7b's
 * text_config holds little more than its vocabulary).
 *
 * Names are those a current transformers (4.52 and later) writes for LlavaForConditionalGeneration:
 * `model.vision_tower.*`, `model.multi_modal_projector.*`, `model.language_model.*` and `lm_head`.
 * Checkpoints saved before then (llava-hf's own) use `vision_tower.*`, `multi_modal_projector.*`,
 * `language_model.model.*` and `language_model.lm_head`; the counts are the same.
 *
 * LLaVA-NeXT and LLaVA-OneVision (same file) add one `image_newline` vector of the text width.
 */

/** LlavaConfig's vision tower when the config has no vision_config: CLIP ViT-L/14 at 336 px. */
const LLAVA_DEFAULT_VISION: VisionDims = { hidden: 1024, intermediate: 4096, layers: 24, channels: 3, imageSize: 336, patchSize: 14 };

/**
 * The tower `vision_config` names: Pixtral's (modeling_pixtral.py; mistral-community/pixtral-12b is
 * a LlavaForConditionalGeneration with `vision_config.model_type` "pixtral"), else CLIP or SigLIP
 * from multimodal.ts. Only the width matters to the projector.
 */
function llavaVisionTower(d: RequiredDims, prefix: string, defaultType: VisionTowerType, fallback: VisionDims): Part & { hidden: number } {
  const v = d.model.root.child("vision_config");
  if (v?.string("model_type").value === "pixtral") {
    const tower = pixtralVisionTower(prefix, readPixtralDims(v));
    return { ...tower, hidden: tower.dims.hidden };
  }
  const tower = visionTower(d.model.root, prefix, defaultType, fallback);
  return { ...tower, hidden: tower.dims.hidden };
}

/**
 * LlavaMultiModalProjector: linear_1 takes the vision features of every layer `vision_feature_layer`
 * lists, concatenated; linear_2 maps text hidden to text hidden. Both carry a bias unless
 * `multimodal_projector_bias` is false.
 */
function projector(d: RequiredDims, prefix: string, vision: { hidden: number }): TensorTemplate[] {
  const r = d.model.root;
  const featureLayer = r.value("vision_feature_layer");
  const featureLayers = Array.isArray(featureLayer) && featureLayer.length > 0 ? featureLayer.length : 1;
  const bias = r.bool("multimodal_projector_bias", true).value;
  const p = `${prefix}multi_modal_projector`;
  return [...linear(`${p}.linear_1`, d.hiddenSize, vision.hidden * featureLayers, bias, "projector"), ...linear(`${p}.linear_2`, d.hiddenSize, d.hiddenSize, bias, "projector")].map((t) => ({
    ...t,
    component: "projector",
  }));
}

interface LlavaLayout {
  defaultVision: VisionTowerType;
  fallbackVision: VisionDims;
  defaultText: string;
  /** LLaVA-NeXT and LLaVA-OneVision: an `image_newline` parameter [text hidden] on the base model. */
  imageNewline: boolean;
}

function llavaLikeInventory(layout: LlavaLayout) {
  return (d: RequiredDims) => {
    const withHead = d.model.head !== "base";
    const prefix = withHead ? "model." : "";
    const lmPrefix = `${prefix}language_model.`;
    const vision = llavaVisionTower(d, `${prefix}vision_tower.`, layout.defaultVision, layout.fallbackVision);
    const lm = languageModel(d, textModelTypeOf(d.model.root.child("text_config"), layout.defaultText), lmPrefix);
    const head = withHead ? wrapperLmHead(d, `${lmPrefix}embed_tokens.weight`) : { tensors: [], tied: [] };
    const projectorTensors = projector(d, prefix, vision);
    if (layout.imageNewline) projectorTensors.push({ name: `${prefix}image_newline`, shape: [d.hiddenSize], role: "projector", component: "projector" });
    const projectorPart = { tensors: projectorTensors, tied: [], notes: [], estimated: false };
    return wrapperInventory(d, [vision, projectorPart, lm], head);
  };
}

const llavaInventory = llavaLikeInventory({ defaultVision: "clip_vision_model", fallbackVision: LLAVA_DEFAULT_VISION, defaultText: "llama", imageNewline: false });

/**
 * LlavaOnevisionConfig's tower without a vision_config: SiglipVisionConfig with CLIP-L/14-336's
 * sizes (its own defaults for everything else, the pooling head included).
 */
const ONEVISION_DEFAULT_VISION: VisionDims = { hidden: 1024, intermediate: 4096, layers: 24, channels: 3, imageSize: 336, patchSize: 14 };

export const llavaSpecs: ModelTypeSpec[] = [
  {
    modelType: "llava",
    family: "llava",
    kind: "vision-language",
    modelingFile: "models/llava/modeling_llava.py",
    classPrefixes: ["Llava"],
    heads: ["conditional-generation", "base"],
    defaultHead: "conditional-generation",
    // The language model's defaults come from its own model type (textModelType).
    defaults: {},
    // LlavaConfig: tie_word_embeddings=False unless the text config ties.
    tieWordEmbeddingsDefault: false,
    textModelType: (textConfig) => textModelTypeOf(textConfig, "llama"),
    inventory: llavaInventory,
  },
  {
    // modeling_llava_next.py / configuration_llava_next.py: LLaVA's parts plus `image_newline`;
    // CLIP ViT-L/14-336 and Llama by default, vision_feature_layer -2, projector biased.
    modelType: "llava_next",
    family: "llava",
    kind: "vision-language",
    modelingFile: "models/llava_next/modeling_llava_next.py",
    classPrefixes: ["LlavaNext"],
    heads: ["conditional-generation", "base"],
    defaultHead: "conditional-generation",
    defaults: {},
    tieWordEmbeddingsDefault: false,
    textModelType: (textConfig) => textModelTypeOf(textConfig, "llama"),
    inventory: llavaLikeInventory({ defaultVision: "clip_vision_model", fallbackVision: LLAVA_DEFAULT_VISION, defaultText: "llama", imageNewline: true }),
  },
  {
    // modeling_llava_onevision.py / configuration_llava_onevision.py: LLaVA-NeXT's layout with a
    // SigLIP tower (a vision_config naming no type is SigLIP) and Qwen2 by default.
    modelType: "llava_onevision",
    family: "llava",
    kind: "vision-language",
    modelingFile: "models/llava_onevision/modeling_llava_onevision.py",
    classPrefixes: ["LlavaOnevision"],
    heads: ["conditional-generation", "base"],
    defaultHead: "conditional-generation",
    defaults: {},
    tieWordEmbeddingsDefault: false,
    textModelType: (textConfig) => textModelTypeOf(textConfig, "qwen2"),
    inventory: llavaLikeInventory({ defaultVision: "siglip_vision_model", fallbackVision: ONEVISION_DEFAULT_VISION, defaultText: "qwen2", imageNewline: true }),
  },
];
