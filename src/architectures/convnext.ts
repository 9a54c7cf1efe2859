import type { ConfigReader } from "../normalize/config-reader.js";
import { inventoryOf, numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { conv2d } from "./vit-encoder.js";

/**
 * ConvNeXt (modeling_convnext.py) and ConvNeXt V2 (modeling_convnextv2.py). A patchify stem (a
 * biased conv of patch_size from num_channels to hidden_sizes[0], then a channels-first LayerNorm
 * with weight and bias), stages of hidden_sizes[s] channels with depths[s] blocks; every stage
 * after the first starts with a downsampling LayerNorm and a biased 2×2 stride-2 conv (the first
 * stage's is an Identity). A block: a depthwise 7×7 conv [c, 1, 7, 7] with bias, a LayerNorm,
 * pwconv1 [4c, c] and pwconv2 [c, 4c] (biased linears), then ConvNeXt's layer_scale_parameter [c]
 * when layer_scale_init_value > 0 (default 1e-6) or, in V2, GRN's weight and bias [1, 1, 1, 4c]
 * between the two pointwise layers. The model ends in a LayerNorm of the last width and a
 * parameter-free pooler; …ForImageClassification adds classifier [num_labels, c_last].
 */

function intListOr(r: ConfigReader, key: string, fallback: number[]): number[] {
  const list = r.intList(key).value.filter((v) => v > 0);
  return list.length ? list : fallback;
}

function convnextInventory(version: 1 | 2) {
  return (d: RequiredDims): Inventory => {
    const r = d.model.root;
    const head = d.model.head;
    const base = version === 1 ? "convnext" : "convnextv2";
    const p = head === "base" || head === "backbone" ? "" : `${base}.`;
    const widths = intListOr(r, "hidden_sizes", [96, 192, 384, 768]);
    const depths = intListOr(r, "depths", [3, 3, 9, 3]);
    const channels = r.int("num_channels", 3, "count").value ?? 3;
    const patch = r.int("patch_size", 4, "positions").value ?? 4;
    const layerScale = version === 1 && (r.number("layer_scale_init_value", 1e-6).value ?? 1e-6) > 0;
    const tensors: TensorTemplate[] = [...conv2d(`${p}embeddings.patch_embeddings`, widths[0]!, channels, patch, true, "embedding"), ...norm(`${p}embeddings.layernorm`, widths[0]!, true)];
    const stages = Math.min(widths.length, depths.length);
    let inChannels = widths[0]!;
    for (let s = 0; s < stages; s++) {
      const c = widths[s]!;
      const st = `${p}encoder.stages.${s}`;
      if (s > 0 || inChannels !== c) {
        tensors.push(...norm(`${st}.downsampling_layer.0`, inChannels, true), ...conv2d(`${st}.downsampling_layer.1`, c, inChannels, s > 0 ? 2 : 1, true, "other"));
      }
      const blocks = range(depths[s]!);
      const b = `${st}.layers.{i}`;
      tensors.push(
        ...conv2d(`${b}.dwconv`, c, c, 7, true, "mlp", c, blocks),
        ...norm(`${b}.layernorm`, c, true, blocks),
        ...linear(`${b}.pwconv1`, 4 * c, c, true, "mlp", blocks),
        ...linear(`${b}.pwconv2`, c, 4 * c, true, "mlp", blocks),
      );
      if (layerScale) tensors.push({ name: `${b}.layer_scale_parameter`, shape: [c], role: "norm", layers: blocks });
      if (version === 2) {
        tensors.push({ name: `${b}.grn.weight`, shape: [1, 1, 1, 4 * c], role: "norm", layers: blocks }, { name: `${b}.grn.bias`, shape: [1, 1, 1, 4 * c], role: "norm", layers: blocks });
      }
      inChannels = c;
    }
    const last = widths[stages - 1]!;
    tensors.push(...norm(`${p}layernorm`, last, true));
    if (head === "image-classification") tensors.push(...linear("classifier", numLabels(d), last, true, "other"));
    return inventoryOf({ tensors }, d);
  };
}

export const convnextSpecs: ModelTypeSpec[] = [
  {
    modelType: "convnext",
    family: "convnext",
    kind: "vision",
    modelingFile: "models/convnext/modeling_convnext.py",
    requires: [],
    classPrefixes: ["ConvNext"],
    heads: ["base", "image-classification"],
    defaultHead: "base",
    defaults: {},
    tieWordEmbeddingsDefault: false,
    inventory: convnextInventory(1),
  },
  {
    modelType: "convnextv2",
    family: "convnext",
    kind: "vision",
    modelingFile: "models/convnextv2/modeling_convnextv2.py",
    requires: [],
    classPrefixes: ["ConvNextV2"],
    heads: ["base", "image-classification"],
    defaultHead: "base",
    defaults: {},
    tieWordEmbeddingsDefault: false,
    inventory: convnextInventory(2),
  },
];
