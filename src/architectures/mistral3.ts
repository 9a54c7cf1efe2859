import { linear, norm } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { languageModel, textModelTypeOf, wrapperInventory, wrapperLmHead } from "./multimodal.js";
import { pixtralVisionTower, readPixtralDims, type PixtralDims } from "./pixtral.js";
import { projectorPart } from "./vlm-parts.js";

/**
 * Mistral 3.x with vision (modeling_mistral3.py Mistral3ForConditionalGeneration / Mistral3Model,
 * configuration_mistral3.py Mistral3Config): a Pixtral vision tower (pixtral.ts), and
 * Mistral3MultiModalProjector — an RMSNorm `norm` over the vision width, the patch merger
 * `patch_merger.merging_layer` (bias-free [vision, vision·spatial_merge_size²]: it concatenates each
 * 2×2 block of patches), then `linear_1` (vision width × the number of `vision_feature_layer`s → text
 * width) and `linear_2` (text → text), both biased only with `multimodal_projector_bias` (false by
 * default) — and the Mistral base model of `text_config`.
 *
 * Names as a current transformers writes them: `model.vision_tower.*`, `model.multi_modal_projector.*`,
 * `model.language_model.*`, `lm_head` (Mistral's published checkpoints use exactly these).
 */

/** Mistral3Config's tower when the config has no vision_config: Pixtral with 14-pixel patches. */
const DEFAULT_VISION: PixtralDims = { hidden: 1024, intermediate: 4096, layers: 24, channels: 3, imageSize: 1540, patchSize: 14 };

function mistral3Inventory(d: RequiredDims) {
  const withHead = d.model.head !== "base";
  const prefix = withHead ? "model." : "";
  const lmPrefix = `${prefix}language_model.`;
  const r = d.model.root;
  const v = r.child("vision_config");
  const vision = pixtralVisionTower(`${prefix}vision_tower.`, v ? readPixtralDims(v) : DEFAULT_VISION);
  const vh = vision.dims.hidden;
  const merge = r.int("spatial_merge_size", 2, "count").value ?? 2;
  const featureLayer = r.value("vision_feature_layer");
  const featureLayers = Array.isArray(featureLayer) && featureLayer.length > 0 ? featureLayer.length : 1;
  const bias = r.bool("multimodal_projector_bias", false).value;
  const p = `${prefix}multi_modal_projector`;
  const projector = projectorPart([
    ...norm(`${p}.norm`, vh, false, undefined, "projector"),
    ...linear(`${p}.patch_merger.merging_layer`, vh, vh * merge * merge, false, "projector"),
    ...linear(`${p}.linear_1`, d.hiddenSize, vh * featureLayers, bias, "projector"),
    ...linear(`${p}.linear_2`, d.hiddenSize, d.hiddenSize, bias, "projector"),
  ]);
  const lm = languageModel(d, textModelTypeOf(r.child("text_config"), "mistral"), lmPrefix);
  const head = withHead ? wrapperLmHead(d, `${lmPrefix}embed_tokens.weight`) : { tensors: [], tied: [] };
  return wrapperInventory(d, [vision, projector, lm], head);
}

export const mistral3Specs: ModelTypeSpec[] = [
  {
    modelType: "mistral3",
    family: "mistral3",
    kind: "vision-language",
    modelingFile: "models/mistral3/modeling_mistral3.py",
    classPrefixes: ["Mistral3"],
    heads: ["conditional-generation", "base"],
    defaultHead: "conditional-generation",
    defaults: {},
    // Mistral 3.1's config states no tie: MistralConfig's default (untied) applies, and its
    // checkpoint stores its own lm_head.
    tieWordEmbeddingsDefault: false,
    textModelType: (textConfig) => textModelTypeOf(textConfig, "mistral"),
    inventory: mistral3Inventory,
  },
];
