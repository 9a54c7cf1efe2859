import { linear, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { languageModel, textModelTypeOf, visionTower, wrapperInventory, wrapperLmHead, type VisionDims } from "./multimodal.js";

/**
 * LLaVA (modeling_llava.py, configuration_llava.py): a vision tower (CLIP unless `vision_config`
 * names another), a two-layer projector, and the language model of `text_config` (Llama unless it
 * names another model type, with that type's defaults for every key it leaves out: llava-1.5-7b's
 * text_config holds little more than its vocabulary).
 *
 * Names are those a current transformers (4.52 and later) writes for LlavaForConditionalGeneration:
 * `model.vision_tower.*`, `model.multi_modal_projector.*`, `model.language_model.*` and `lm_head`.
 * Checkpoints saved before then (llava-hf's own) use `vision_tower.*`, `multi_modal_projector.*`,
 * `language_model.model.*` and `language_model.lm_head`; the counts are the same.
 */

/** LlavaConfig's vision tower when the config has no vision_config: CLIP ViT-L/14 at 336 px. */
const LLAVA_DEFAULT_VISION: VisionDims = { hidden: 1024, intermediate: 4096, layers: 24, channels: 3, imageSize: 336, patchSize: 14 };

/**
 * LlavaMultiModalProjector: linear_1 takes the vision features of every layer `vision_feature_layer`
 * lists, concatenated; linear_2 maps text hidden to text hidden. Both carry a bias unless
 * `multimodal_projector_bias` is false.
 */
function projector(d: RequiredDims, prefix: string, vision: VisionDims): TensorTemplate[] {
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

function llavaInventory(d: RequiredDims) {
  const withHead = d.model.head !== "base";
  const prefix = withHead ? "model." : "";
  const lmPrefix = `${prefix}language_model.`;
  const vision = visionTower(d.model.root, `${prefix}vision_tower.`, "clip_vision_model", LLAVA_DEFAULT_VISION);
  const lm = languageModel(d, textModelTypeOf(d.model.root.child("text_config"), "llama"), lmPrefix);
  const head = withHead ? wrapperLmHead(d, `${lmPrefix}embed_tokens.weight`) : { tensors: [], tied: [] };
  const projectorPart = { tensors: projector(d, prefix, vision.dims), tied: [], notes: [], estimated: false };
  return wrapperInventory(d, [vision, projectorPart, lm], head);
}

export const llavaSpecs: ModelTypeSpec[] = [
  {
    modelType: "llava",
    family: "llava",
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
];
