import { ConfigReader } from "../normalize/config-reader.js";
import { linear } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { languageModel, textModelTypeOf, visionTower, wrapperInventory, wrapperLmHead } from "./multimodal.js";
import { projectorPart } from "./vlm-parts.js";

/**
 * PaliGemma and PaliGemma 2 (modeling_paligemma.py PaliGemmaForConditionalGeneration / PaliGemmaModel,
 * configuration_paligemma.py PaliGemmaConfig): a SiglipVisionModel (`vision_use_head` false in the
 * published configs), PaliGemmaMultiModalProjector — one biased nn.Linear `linear` from the vision
 * width to `projection_dim` — and the Gemma (PaliGemma) or Gemma 2 (PaliGemma 2) base model of
 * `text_config`. The LM head is tied to the embeddings unless the text config unties it.
 *
 * Names as a current transformers writes them: `model.vision_tower.vision_model.*`,
 * `model.multi_modal_projector.linear.*`, `model.language_model.*`, `lm_head`. Google's uploads use
 * `vision_tower.*`, `multi_modal_projector.*`, `language_model.model.*`; the counts are the same.
 */

/** PaliGemmaConfig's tower when the config has no vision_config: SigLIP So400m/14 at 224 px, no pooling head. */
const DEFAULT_VISION = { model_type: "siglip_vision_model", hidden_size: 1152, intermediate_size: 4096, patch_size: 14, image_size: 224, num_hidden_layers: 27, vision_use_head: false };

function paligemmaInventory(d: RequiredDims) {
  const withHead = d.model.head !== "base";
  const prefix = withHead ? "model." : "";
  const lmPrefix = `${prefix}language_model.`;
  const root = d.model.root.child("vision_config") ? d.model.root : new ConfigReader({ vision_config: DEFAULT_VISION }, "", []);
  const vision = visionTower(root, `${prefix}vision_tower.`, "siglip_vision_model", { hidden: 1152, intermediate: 4096, layers: 27, channels: 3, imageSize: 224, patchSize: 14 });
  const projectionDim = d.model.root.int("projection_dim", 2048).value ?? 2048;
  const projector = projectorPart(linear(`${prefix}multi_modal_projector.linear`, projectionDim, vision.dims.hidden, true, "projector"));
  const lm = languageModel(d, textModelTypeOf(d.model.root.child("text_config"), "gemma"), lmPrefix);
  const head = withHead ? wrapperLmHead(d, `${lmPrefix}embed_tokens.weight`) : { tensors: [], tied: [] };
  return wrapperInventory(d, [vision, projector, lm], head);
}

export const paligemmaSpecs: ModelTypeSpec[] = [
  {
    modelType: "paligemma",
    family: "paligemma",
    kind: "vision-language",
    modelingFile: "models/paligemma/modeling_paligemma.py",
    classPrefixes: ["PaliGemma"],
    heads: ["conditional-generation", "base"],
    defaultHead: "conditional-generation",
    // The language model's defaults are its own type's (gemma unless text_config names gemma2).
    defaults: {},
    tieWordEmbeddingsDefault: true,
    textModelType: (textConfig) => textModelTypeOf(textConfig, "gemma"),
    inventory: paligemmaInventory,
  },
];
