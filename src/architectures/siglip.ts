import { inventoryOf, numLabels } from "./decoder.js";
import { linear, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { SIGLIP_TEXT_DEFAULTS, clipTextTransformer, readTextTowerDims, readVisionDims, siglipVisionTransformer, towerConfig, visionDefaults, withComponent } from "./multimodal.js";

/**
 * SigLIP (modeling_siglip.py, configuration_siglip.py) and SigLIP 2 (modeling_siglip2.py,
 * configuration_siglip2.py). No projections between the towers:
 *
 * - SiglipModel: `text_model.*` (SiglipTextTransformer: CLIP's text layout without a causal mask,
 *   plus a biased `head` [projection_size, hidden] on the last token; projection_size defaults to
 *   hidden_size), `vision_model.*` (SiglipVisionTransformer: a biased patch convolution, one
 *   position per patch and no class token, layers, `post_layernorm`, and unless `vision_use_head`
 *   is false the attention-pooling `head`: probe [1, 1, h], nn.MultiheadAttention's packed
 *   in_proj [3h, h] + bias and out_proj, a LayerNorm and an MLP), and `logit_scale`, `logit_bias`
 *   (each shape [1]).
 * - SiglipForImageClassification: `vision_model.*` and `classifier` [num_labels, vision hidden].
 * - SiglipTextModel / SiglipVisionModel (prefixes SiglipText / SiglipVision): one tower.
 * - siglip2 is the NaFlex variant (the fixed-resolution SigLIP 2 checkpoints are model_type
 *   siglip): its patch embedding is an nn.Linear over flattened patches and its position table
 *   has `num_patches` rows (256 by default), a grid resized to each image at run time, so no
 *   image size enters the count. Its classes are Siglip2Model, Siglip2ForImageClassification,
 *   Siglip2TextModel and Siglip2VisionModel.
 */

function siglipFamily(d: RequiredDims, naflex: boolean): Inventory {
  const r = d.model.root;
  const arch = d.model.architecture ?? (naflex ? "Siglip2Model" : "SiglipModel");
  const prefix = naflex ? "Siglip2" : "Siglip";
  const textType = naflex ? "siglip2_text_model" : "siglip_text_model";
  const visionType = naflex ? "siglip2_vision_model" : "siglip_vision_model";
  const textConfig = towerConfig(r, "text_config", textType);
  const visionConfig = towerConfig(r, "vision_config", visionType);
  const text = readTextTowerDims(textConfig, SIGLIP_TEXT_DEFAULTS);
  const vision = readVisionDims(visionConfig, visionDefaults("siglip_vision_model"));
  const useHead = visionConfig?.bool("vision_use_head", true).value ?? true;
  const naflexPatches = naflex ? (visionConfig?.int("num_patches", 256, "positions").value ?? 256) : undefined;
  const visionTensors = () => siglipVisionTransformer("vision_model.", vision, "visionModel", { useHead, ...(naflexPatches === undefined ? {} : { naflexPatches }) });
  const textTensors = () => clipTextTransformer("text_model.", text, "textModel", { siglipHead: true });
  const tensors: TensorTemplate[] = [];
  if (arch.startsWith(`${prefix}Text`)) tensors.push(...textTensors());
  else if (arch.startsWith(`${prefix}Vision`)) tensors.push(...visionTensors());
  else if (d.model.head === "image-classification") {
    tensors.push(...visionTensors(), ...withComponent(linear("classifier", numLabels(d), vision.hidden, true, "other"), "classifier"));
  } else {
    tensors.push(
      ...textTensors(),
      ...visionTensors(),
      ...withComponent(
        [
          { name: "logit_scale", shape: [1], role: "other" },
          { name: "logit_bias", shape: [1], role: "other" },
        ],
        "projection",
      ),
    );
  }
  return inventoryOf({ tensors }, d);
}

const common = {
  family: "siglip",
  kind: "vision",
  requires: [],
  defaults: {},
  tieWordEmbeddingsDefault: false,
} as const;

const siglip = { ...common, modelingFile: "models/siglip/modeling_siglip.py", inventory: (d: RequiredDims) => siglipFamily(d, false) };
const siglip2 = { ...common, modelingFile: "models/siglip2/modeling_siglip2.py", inventory: (d: RequiredDims) => siglipFamily(d, true) };

export const siglipSpecs: ModelTypeSpec[] = [
  { ...siglip, modelType: "siglip", classPrefixes: ["Siglip"], heads: ["base", "image-classification"], defaultHead: "base" },
  { ...siglip, modelType: "siglip_text_model", classPrefixes: ["SiglipText"], heads: ["base"], defaultHead: "base" },
  { ...siglip, modelType: "siglip_vision_model", classPrefixes: ["SiglipVision"], heads: ["base"], defaultHead: "base" },
  { ...siglip2, modelType: "siglip2", classPrefixes: ["Siglip2", "Siglip2Text", "Siglip2Vision"], heads: ["base", "image-classification"], defaultHead: "base" },
];
