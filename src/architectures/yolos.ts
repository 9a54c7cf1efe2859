import { inventoryOf, numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { VIT_DEFAULTS, VIT_REQUIRES } from "./vit.js";
import { param, patchCount, patchEmbedding, readVitDims, vitEncoderLayers } from "./vit-encoder.js";

/**
 * YOLOS (modeling_yolos.py): a ViT encoder with num_detection_tokens detection tokens appended.
 * Embeddings: cls_token, detection_tokens [1, n_det, d], position_embeddings
 * [1, patches + n_det + 1, d] for the configured image_size (default [512, 864]); with
 * use_mid_position_embeddings (default true) the encoder holds mid_position_embeddings
 * [layers − 1, 1, 1 + H·W // p² + n_det, d] (note H·W // p², not (H // p)(W // p)). YolosModel has a
 * tanh pooler; YolosForObjectDetection builds it without the pooler (`vit.` prefix) and adds two
 * 3-layer MLP heads: class_labels_classifier to num_labels + 1 (the no-object class) and
 * bbox_predictor to 4.
 */

function mlpHead(name: string, hidden: number, out: number): TensorTemplate[] {
  return [...linear(`${name}.layers.0`, hidden, hidden, true, "other"), ...linear(`${name}.layers.1`, hidden, hidden, true, "other"), ...linear(`${name}.layers.2`, out, hidden, true, "other")];
}

function yolosInventory(d: RequiredDims): Inventory {
  const r = d.model.root;
  const head = d.model.head;
  const v = { ...readVitDims(r, { imageSize: [512, 864] }), hidden: d.hiddenSize, layers: d.numLayers, heads: d.numHeads, intermediate: d.intermediateSize };
  const h = v.hidden;
  const p = head === "base" ? "" : "vit.";
  const det = r.int("num_detection_tokens", 100, "count").value ?? 100;
  const tensors: TensorTemplate[] = [
    param(`${p}embeddings.cls_token`, [1, 1, h]),
    param(`${p}embeddings.detection_tokens`, [1, det, h]),
    param(`${p}embeddings.position_embeddings`, [1, patchCount(v) + det + 1, h]),
    ...patchEmbedding(`${p}embeddings.patch_embeddings.projection`, v),
  ];
  if (r.bool("use_mid_position_embeddings", true).value && v.layers > 1) {
    const seq = 1 + Math.floor((v.imageSize[0] * v.imageSize[1]) / (v.patchSize[0] * v.patchSize[1])) + det;
    tensors.push(param(`${p}encoder.mid_position_embeddings`, [v.layers - 1, 1, seq, h]));
  }
  tensors.push(...vitEncoderLayers(`${p}encoder.layer.{i}`, v, range(v.layers)), ...norm(`${p}layernorm`, h, true));
  if (head === "base" || head === "unknown") tensors.push(...linear(`${p}pooler.dense`, h, h, true, "other"));
  if (head === "object-detection") tensors.push(...mlpHead("class_labels_classifier", h, numLabels(d) + 1), ...mlpHead("bbox_predictor", h, 4));
  return inventoryOf({ tensors }, d);
}

export const yolosSpecs: ModelTypeSpec[] = [
  {
    modelType: "yolos",
    family: "yolos",
    kind: "vision",
    modelingFile: "models/yolos/modeling_yolos.py",
    requires: VIT_REQUIRES,
    classPrefixes: ["Yolos"],
    heads: ["base", "object-detection"],
    defaultHead: "base",
    defaults: VIT_DEFAULTS,
    tieWordEmbeddingsDefault: false,
    inventory: yolosInventory,
  },
];
