import type { ConfigReader } from "../normalize/config-reader.js";
import { inventoryOf, numLabels } from "./decoder.js";
import { linear, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { CLIP_TEXT_DEFAULTS, clipTextTransformer, clipVisionTransformer, readTextTowerDims, readVisionDims, towerConfig, visionDefaults, withComponent } from "./multimodal.js";

/**
 * CLIP (modeling_clip.py, configuration_clip.py). Two towers and two bias-free projections:
 *
 * - CLIPModel: `text_model.*` (CLIPTextTransformer: token and position embeddings, pre-norm layers,
 *   `final_layer_norm`), `vision_model.*` (CLIPVisionTransformer: class embedding, bias-free patch
 *   convolution, positions for every patch plus the class token, `pre_layrnorm`, layers,
 *   `post_layernorm`), `visual_projection` [projection_dim, vision hidden] and `text_projection`
 *   [projection_dim, text hidden], both without bias, and the scalar `logit_scale` (shape []).
 *   projection_dim is CLIPConfig's own key (512 by default).
 * - CLIPForImageClassification: `vision_model.*` and a biased `classifier` [num_labels, vision hidden].
 * - CLIPTextModel / CLIPVisionModel (class prefixes CLIPText / CLIPVision, head "base"): one tower
 *   under `text_model.` / `vision_model.`; ...WithProjection adds `text_projection` /
 *   `visual_projection` with the tower config's own projection_dim (512 by default).
 *
 * A tower's config is the root when the config is that tower alone (model_type clip_text_model /
 * clip_vision_model, as Stable Diffusion's text encoder or IP-Adapter's image encoder ship), else
 * `text_config` / `vision_config` of a CLIPConfig, with the class defaults for every key left out.
 * Buffers (`position_ids`) are not parameters.
 */

function tag(tensors: TensorTemplate[], component: string): TensorTemplate[] {
  return withComponent(tensors, component);
}

function projectionOf(c: ConfigReader | null, fallback: number): number {
  return c?.int("projection_dim", fallback, "width").value ?? fallback;
}

function clipInventory(d: RequiredDims): Inventory {
  const r = d.model.root;
  const arch = d.model.architecture ?? "CLIPModel";
  const textConfig = towerConfig(r, "text_config", "clip_text_model");
  const visionConfig = towerConfig(r, "vision_config", "clip_vision_model");
  const text = readTextTowerDims(textConfig, CLIP_TEXT_DEFAULTS);
  const vision = readVisionDims(visionConfig, visionDefaults("clip_vision_model"));
  const tensors: TensorTemplate[] = [];
  const head = d.model.head;
  if (arch.startsWith("CLIPText")) {
    tensors.push(...clipTextTransformer("text_model.", text, "textModel"));
    if (head === "with-projection") tensors.push(...tag(linear("text_projection", projectionOf(textConfig, 512), text.hidden, false, "projector"), "projection"));
  } else if (arch.startsWith("CLIPVision")) {
    tensors.push(...clipVisionTransformer("vision_model.", vision, "visionModel"));
    if (head === "with-projection") tensors.push(...tag(linear("visual_projection", projectionOf(visionConfig, 512), vision.hidden, false, "projector"), "projection"));
  } else if (head === "image-classification") {
    tensors.push(...clipVisionTransformer("vision_model.", vision, "visionModel"));
    tensors.push(...tag(linear("classifier", numLabels(d), vision.hidden, true, "other"), "classifier"));
  } else {
    const dim = projectionOf(r, 512);
    tensors.push(
      ...clipTextTransformer("text_model.", text, "textModel"),
      ...clipVisionTransformer("vision_model.", vision, "visionModel"),
      ...tag(
        [
          ...linear("visual_projection", dim, vision.hidden, false, "projector"),
          ...linear("text_projection", dim, text.hidden, false, "projector"),
          { name: "logit_scale", shape: [], role: "other" },
        ],
        "projection",
      ),
    );
  }
  return inventoryOf({ tensors }, d);
}

const common = {
  family: "clip",
  kind: "vision",
  modelingFile: "models/clip/modeling_clip.py",
  // Two towers of different widths: the inventory reads text_config and vision_config itself.
  requires: [],
  defaults: {},
  tieWordEmbeddingsDefault: false,
  inventory: clipInventory,
} as const;

export const clipSpecs: ModelTypeSpec[] = [
  { ...common, modelType: "clip", classPrefixes: ["CLIP"], heads: ["base", "image-classification"], defaultHead: "base" },
  { ...common, modelType: "clip_text_model", classPrefixes: ["CLIPText"], heads: ["base", "with-projection"], defaultHead: "base" },
  { ...common, modelType: "clip_vision_model", classPrefixes: ["CLIPVision"], heads: ["base", "with-projection"], defaultHead: "base" },
];
