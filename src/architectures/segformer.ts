import type { ConfigReader } from "../normalize/config-reader.js";
import { inventoryOf, numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { batchNorm, conv2d } from "./vit-encoder.js";

/**
 * SegFormer / Mix Transformer (modeling_segformer.py). num_encoder_blocks stages; stage i has an
 * overlapping patch embedding (a biased conv of patch_sizes[i] from the previous width, then a
 * LayerNorm), depths[i] layers of hidden_sizes[i] and a closing LayerNorm (`encoder.layer_norm.i`).
 * A layer: layer_norm_1, efficient self-attention with biased query/key/value (and, when
 * sr_ratios[i] > 1, a biased sr conv of kernel sr_ratios[i] plus a LayerNorm on keys and values),
 * attention.output.dense, layer_norm_2, and the Mix-FFN: dense1 to int(c · mlp_ratios[i]), a biased
 * depthwise 3×3 conv, dense2. SegformerForImageClassification adds classifier [num_labels, c_last];
 * SegformerForSemanticSegmentation adds the all-MLP decode head: one linear_c.i.proj per stage to
 * decoder_hidden_size, linear_fuse (a bias-free 1×1 conv over the concatenation), a BatchNorm and a
 * 1×1 conv classifier to num_labels.
 */

function intListOr(r: ConfigReader, key: string, fallback: number[]): number[] {
  const list = r.intList(key).value.filter((v) => v > 0);
  return list.length ? list : fallback;
}

function segformerInventory(d: RequiredDims): Inventory {
  const r = d.model.root;
  const head = d.model.head;
  const p = head === "base" ? "" : "segformer.";
  const blocks = r.int("num_encoder_blocks", 4, "count").value ?? 4;
  const widths = intListOr(r, "hidden_sizes", [32, 64, 160, 256]);
  const depths = intListOr(r, "depths", [2, 2, 2, 2]);
  const srRatios = intListOr(r, "sr_ratios", [8, 4, 2, 1]);
  const patchSizes = intListOr(r, "patch_sizes", [7, 3, 3, 3]);
  const mlpRatios = intListOr(r, "mlp_ratios", [4, 4, 4, 4]);
  const channels = r.int("num_channels", 3, "count").value ?? 3;
  const tensors: TensorTemplate[] = [];
  const stages = Math.min(blocks, widths.length, depths.length);
  for (let i = 0; i < stages; i++) {
    const c = widths[i]!;
    const e = `${p}encoder.patch_embeddings.${i}`;
    tensors.push(...conv2d(`${e}.proj`, c, i === 0 ? channels : widths[i - 1]!, patchSizes[i] ?? 3, true, "embedding"), ...norm(`${e}.layer_norm`, c, true));
    const layers = range(depths[i]!);
    const l = `${p}encoder.block.${i}.{i}`;
    const sr = srRatios[i] ?? 1;
    const ff = Math.floor(c * (mlpRatios[i] ?? 4));
    tensors.push(
      ...norm(`${l}.layer_norm_1`, c, true, layers),
      ...linear(`${l}.attention.self.query`, c, c, true, "attention", layers),
      ...linear(`${l}.attention.self.key`, c, c, true, "attention", layers),
      ...linear(`${l}.attention.self.value`, c, c, true, "attention", layers),
    );
    if (sr > 1) tensors.push(...conv2d(`${l}.attention.self.sr`, c, c, sr, true, "attention", 1, layers), ...norm(`${l}.attention.self.layer_norm`, c, true, layers));
    tensors.push(
      ...linear(`${l}.attention.output.dense`, c, c, true, "attention", layers),
      ...norm(`${l}.layer_norm_2`, c, true, layers),
      ...linear(`${l}.mlp.dense1`, ff, c, true, "mlp", layers),
      ...conv2d(`${l}.mlp.dwconv.dwconv`, ff, ff, 3, true, "mlp", ff, layers),
      ...linear(`${l}.mlp.dense2`, c, ff, true, "mlp", layers),
    );
    tensors.push(...norm(`${p}encoder.layer_norm.${i}`, c, true));
  }
  const last = widths[stages - 1]!;
  if (head === "image-classification") tensors.push(...linear("classifier", numLabels(d), last, true, "other"));
  if (head === "semantic-segmentation") {
    const dh = r.int("decoder_hidden_size", 256).value ?? 256;
    for (let i = 0; i < stages; i++) tensors.push(...linear(`decode_head.linear_c.${i}.proj`, dh, widths[i]!, true, "other"));
    tensors.push(...conv2d("decode_head.linear_fuse", dh, dh * stages, 1, false, "other"), ...batchNorm("decode_head.batch_norm", dh, "norm"), ...conv2d("decode_head.classifier", numLabels(d), dh, 1, true, "other"));
  }
  return inventoryOf({ tensors }, d);
}

export const segformerSpecs: ModelTypeSpec[] = [
  {
    modelType: "segformer",
    family: "segformer",
    kind: "vision",
    modelingFile: "models/segformer/modeling_segformer.py",
    requires: [],
    ownAliasesOnly: ["numHeads"],
    classPrefixes: ["Segformer"],
    heads: ["base", "image-classification", "semantic-segmentation"],
    defaultHead: "base",
    defaults: {},
    tieWordEmbeddingsDefault: false,
    inventory: segformerInventory,
  },
];
