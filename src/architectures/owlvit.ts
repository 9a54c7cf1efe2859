import { inventoryOf } from "./decoder.js";
import { linear, norm, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { CLIP_TEXT_DEFAULTS, clipTextTransformer, clipVisionTransformer, readTextTowerDims, readVisionDims, towerConfig, withComponent, type TextTowerDims, type VisionDims } from "./multimodal.js";

/**
 * OWL-ViT (modeling_owlvit.py, configuration_owlvit.py) and OWLv2 (modeling_owlv2.py,
 * configuration_owlv2.py): a CLIP model with a detection head.
 *
 * - OwlViTModel: CLIP's towers and projections (`text_model.*`, `vision_model.*`,
 *   `visual_projection`, `text_projection` without bias, scalar `logit_scale`); the vision tower
 *   spells its first norm `pre_layernorm`.
 * - OwlViTForObjectDetection: that model under `owlvit.` (`owlv2.` for OWLv2), then
 *   `class_head` (dense0 [text hidden, vision hidden], logit_shift and logit_scale [1, vision
 *   hidden], all biased), `box_head` (dense0, dense1 [vision hidden]², dense2 [4, vision hidden]),
 *   for OWLv2 also `objectness_head` (the box head with one output), and `layer_norm` over the
 *   vision width. `box_bias` is a buffer, not a parameter.
 * - OwlViTTextModel / OwlViTVisionModel (and Owlv2…): one tower.
 *
 * Defaults: OwlViTTextConfig (vocab 49,408, width 512, 2,048, 12 layers, 16 positions),
 * OwlViTVisionConfig (768, 3,072, 12 layers, 768 px, patch 32; OWLv2: patch 16), projection_dim 512.
 */

const OWL_TEXT_DEFAULTS: TextTowerDims = { ...CLIP_TEXT_DEFAULTS, maxPositions: 16 };
const OWLVIT_VISION_DEFAULTS: VisionDims = { hidden: 768, intermediate: 3072, layers: 12, channels: 3, imageSize: 768, patchSize: 32 };
const OWLV2_VISION_DEFAULTS: VisionDims = { ...OWLVIT_VISION_DEFAULTS, patchSize: 16 };

/** OwlViTBoxPredictionHead: two hidden layers at the vision width, then `out` outputs. */
function boxHead(p: string, width: number, out: number): TensorTemplate[] {
  return [...linear(`${p}.dense0`, width, width, true, "other"), ...linear(`${p}.dense1`, width, width, true, "other"), ...linear(`${p}.dense2`, out, width, true, "other")];
}

function owlInventory(d: RequiredDims, v2: boolean): Inventory {
  const r = d.model.root;
  const prefix = v2 ? "Owlv2" : "OwlViT";
  const arch = d.model.architecture ?? `${prefix}ForObjectDetection`;
  const textConfig = towerConfig(r, "text_config", v2 ? "owlv2_text_model" : "owlvit_text_model");
  const visionConfig = towerConfig(r, "vision_config", v2 ? "owlv2_vision_model" : "owlvit_vision_model");
  const text = readTextTowerDims(textConfig, OWL_TEXT_DEFAULTS);
  const vision = readVisionDims(visionConfig, v2 ? OWLV2_VISION_DEFAULTS : OWLVIT_VISION_DEFAULTS);
  const textTower = (p: string) => clipTextTransformer(`${p}text_model.`, text, "textModel");
  const visionTower = (p: string) => clipVisionTransformer(`${p}vision_model.`, vision, "visionModel", { preNorm: "pre_layernorm" });
  const tensors: TensorTemplate[] = [];
  if (arch.startsWith(`${prefix}Text`)) tensors.push(...textTower(""));
  else if (arch.startsWith(`${prefix}Vision`)) tensors.push(...visionTower(""));
  else {
    const p = d.model.head === "object-detection" ? (v2 ? "owlv2." : "owlvit.") : "";
    const dim = r.int("projection_dim", 512, "width").value ?? 512;
    tensors.push(
      ...textTower(p),
      ...visionTower(p),
      ...withComponent(
        [...linear(`${p}visual_projection`, dim, vision.hidden, false, "projector"), ...linear(`${p}text_projection`, dim, text.hidden, false, "projector"), { name: `${p}logit_scale`, shape: [], role: "other" }],
        "projection",
      ),
    );
    if (d.model.head === "object-detection") {
      const w = vision.hidden;
      const heads: TensorTemplate[] = [
        ...linear("class_head.dense0", text.hidden, w, true, "other"),
        ...linear("class_head.logit_shift", 1, w, true, "other"),
        ...linear("class_head.logit_scale", 1, w, true, "other"),
        ...boxHead("box_head", w, 4),
        ...(v2 ? boxHead("objectness_head", w, 1) : []),
        ...norm("layer_norm", w, true, undefined, "other"),
      ];
      tensors.push(...withComponent(heads, "detectionHead"));
    }
  }
  return inventoryOf({ tensors }, d);
}

const common: Pick<ModelTypeSpec, "kind" | "requires" | "heads" | "defaultHead" | "defaults" | "tieWordEmbeddingsDefault"> = {
  kind: "vision",
  requires: [],
  heads: ["object-detection", "base"],
  defaultHead: "object-detection",
  defaults: {},
  tieWordEmbeddingsDefault: false,
};

export const owlvitSpecs: ModelTypeSpec[] = [
  { ...common, modelType: "owlvit", family: "owlvit", modelingFile: "models/owlvit/modeling_owlvit.py", classPrefixes: ["OwlViT", "OwlViTText", "OwlViTVision"], inventory: (d) => owlInventory(d, false) },
  { ...common, modelType: "owlv2", family: "owlvit", modelingFile: "models/owlv2/modeling_owlv2.py", classPrefixes: ["Owlv2", "Owlv2Text", "Owlv2Vision"], inventory: (d) => owlInventory(d, true) },
];
