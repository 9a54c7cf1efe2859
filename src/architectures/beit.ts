import { inventoryOf, numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { VIT_DEFAULTS, VIT_REQUIRES } from "./vit.js";
import { param, patchCount, patchEmbedding, readVitDims, vitEncoderLayers } from "./vit-encoder.js";

/**
 * BEiT (modeling_beit.py). ViT's layer names, but the key projection has no bias; with
 * `use_relative_position_bias` every layer owns a relative_position_bias_table
 * [(2·Wh − 1)(2·Ww − 1) + 3, heads] for the patch grid Wh × Ww (its index is computed, not a
 * parameter); with `use_shared_relative_position_bias` one table sits on the encoder instead; a
 * positive `layer_scale_init_value` (default 0.1) adds lambda_1 and lambda_2 [d] per layer. Absolute
 * positions only with `use_absolute_position_embeddings`, the mask token only with `use_mask_token`.
 * With `use_mean_pooling` (default) the final `layernorm` is an Identity and the pooler holds a
 * LayerNorm over the mean of the patch tokens; otherwise `layernorm` is a LayerNorm and the pooler
 * has none. BeitForImageClassification keeps the pooler and adds `classifier`; BeitForMaskedImageModeling
 * drops the pooler and adds `layernorm` and `lm_head` [vocab_size, d] over the visual tokens.
 */

function beitInventory(d: RequiredDims): Inventory {
  const r = d.model.root;
  const head = d.model.head;
  const v = { ...readVitDims(r), hidden: d.hiddenSize, layers: d.numLayers, heads: d.numHeads, intermediate: d.intermediateSize };
  const h = v.hidden;
  const p = head === "base" ? "" : "beit.";
  const grid = [Math.floor(v.imageSize[0] / v.patchSize[0]), Math.floor(v.imageSize[1] / v.patchSize[1])] as const;
  const relativeDistances = (2 * grid[0] - 1) * (2 * grid[1] - 1) + 3;
  const meanPooling = r.bool("use_mean_pooling", true).value;
  const layerScale = (r.number("layer_scale_init_value", 0.1).value ?? 0.1) > 0;
  const tensors: TensorTemplate[] = [param(`${p}embeddings.cls_token`, [1, 1, h])];
  if (r.bool("use_mask_token", false).value) tensors.push(param(`${p}embeddings.mask_token`, [1, 1, h]));
  if (r.bool("use_absolute_position_embeddings", false).value) tensors.push(param(`${p}embeddings.position_embeddings`, [1, patchCount(v) + 1, h]));
  tensors.push(...patchEmbedding(`${p}embeddings.patch_embeddings.projection`, v));
  if (r.bool("use_shared_relative_position_bias", false).value) {
    tensors.push({ name: `${p}encoder.relative_position_bias.relative_position_bias_table`, shape: [relativeDistances, v.heads], role: "attention" });
  }
  const layers = range(v.layers);
  tensors.push(...vitEncoderLayers(`${p}encoder.layer.{i}`, { ...v, qkvBias: true }, layers, { keyBias: false, ...(layerScale ? { layerScale: ["lambda_1", "lambda_2"] } : {}) }));
  if (r.bool("use_relative_position_bias", false).value) {
    tensors.push({ name: `${p}encoder.layer.{i}.attention.attention.relative_position_bias.relative_position_bias_table`, shape: [relativeDistances, v.heads], role: "attention", layers });
  }
  if (!meanPooling) tensors.push(...norm(`${p}layernorm`, h, true));
  const pooler = head === "base" || head === "image-classification" || head === "unknown";
  if (pooler && meanPooling) tensors.push(...norm(`${p}pooler.layernorm`, h, true));
  if (head === "image-classification") tensors.push(...linear("classifier", numLabels(d), h, true, "other"));
  if (head === "masked-image-modeling") {
    const vocab = r.int("vocab_size", 8192, "vocab").value ?? 8192;
    tensors.push(...norm("layernorm", h, true), ...linear("lm_head", vocab, h, true, "lmHead"));
  }
  return inventoryOf({ tensors }, d);
}

export const beitSpecs: ModelTypeSpec[] = [
  {
    modelType: "beit",
    family: "beit",
    kind: "vision",
    modelingFile: "models/beit/modeling_beit.py",
    requires: VIT_REQUIRES,
    classPrefixes: ["Beit"],
    heads: ["base", "image-classification", "masked-image-modeling"],
    defaultHead: "base",
    defaults: VIT_DEFAULTS,
    tieWordEmbeddingsDefault: false,
    inventory: beitInventory,
  },
];
