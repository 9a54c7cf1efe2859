import { ConfigReader } from "../normalize/config-reader.js";
import { linear, norm } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { textModelTypeOf, visionTower, wrapperInventory, wrapperLmHead } from "./multimodal.js";
import { projectorPart, textModel } from "./vlm-parts.js";

/**
 * Aya Vision (modeling_aya_vision.py AyaVisionForConditionalGeneration / AyaVisionModel, LLaVA's
 * layout; configuration_aya_vision.py AyaVisionConfig): a SigLIP tower (SigLIP 2 So400m loaded as
 * `siglip_vision_model`, `vision_use_head` false), AyaVisionMultiModalProjector and a Cohere 2 base
 * model. The projector pixel-shuffles `downsample_factor`² patches into one (no parameters), then a
 * biased LayerNorm over vision·factor², `linear_1` (biased, to `alignment_intermediate_size`, the text
 * width when absent), a SwiGLU that halves it, and `linear_2` (biased, half of that → text width).
 * The LM head is tied to the embeddings (Cohere 2's default).
 *
 * Names as a current transformers writes them: `model.vision_tower.vision_model.*`,
 * `model.multi_modal_projector.*`, `model.language_model.*`, `lm_head`.
 */

/** AyaVisionConfig's tower without a vision_config: SigLIP So400m/14 at 384 px, 26 layers, no head. */
const DEFAULT_VISION = { model_type: "siglip_vision_model", hidden_size: 1152, intermediate_size: 4304, patch_size: 14, image_size: 384, num_hidden_layers: 26, vision_use_head: false };

/** AyaVisionConfig (current transformers): a text_config naming no type, or none at all, is Cohere 2. */
const ayaTextType = (textConfig: ConfigReader | null) => textModelTypeOf(textConfig, "cohere2");

function ayaVisionInventory(d: RequiredDims) {
  const withHead = d.model.head !== "base";
  const prefix = withHead ? "model." : "";
  const lmPrefix = `${prefix}language_model.`;
  const r = d.model.root;
  // A vision_config naming no type is SigLIP with SiglipVisionConfig's defaults; no vision_config at all is the SigLIP above.
  const root = r.child("vision_config") ? r : new ConfigReader({ vision_config: DEFAULT_VISION }, "", []);
  const vision = visionTower(root, `${prefix}vision_tower.`, "siglip_vision_model", { hidden: 1152, intermediate: 4304, layers: 26, channels: 3, imageSize: 384, patchSize: 14 });
  const factor = r.int("downsample_factor", 2, "count").value ?? 2;
  const alignment = r.int("alignment_intermediate_size", d.hiddenSize).value ?? d.hiddenSize;
  const shuffled = vision.dims.hidden * factor * factor;
  const p = `${prefix}multi_modal_projector`;
  const projector = projectorPart([
    ...norm(`${p}.layernorm`, shuffled, true, undefined, "projector"),
    ...linear(`${p}.linear_1`, alignment, shuffled, true, "projector"),
    ...linear(`${p}.linear_2`, d.hiddenSize, Math.floor(alignment / 2), true, "projector"),
  ]);
  const lm = textModel(d, ayaTextType(r.child("text_config")), lmPrefix);
  const head = withHead ? wrapperLmHead(d, `${lmPrefix}embed_tokens.weight`) : { tensors: [], tied: [] };
  return wrapperInventory(d, [vision, projector, lm], head);
}

export const ayaVisionSpecs: ModelTypeSpec[] = [
  {
    modelType: "aya_vision",
    family: "aya-vision",
    kind: "vision-language",
    modelingFile: "models/aya_vision/modeling_aya_vision.py",
    classPrefixes: ["AyaVision"],
    heads: ["conditional-generation", "base"],
    defaultHead: "conditional-generation",
    defaults: {},
    tieWordEmbeddingsDefault: true,
    textModelType: ayaTextType,
    inventory: ayaVisionInventory,
  },
];
