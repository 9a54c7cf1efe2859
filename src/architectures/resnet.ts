import type { ConfigReader } from "../normalize/config-reader.js";
import { inventoryOf, numLabels } from "./decoder.js";
import { linear, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { batchNorm, conv2d } from "./vit-encoder.js";

/**
 * ResNet (modeling_resnet.py). Every ResNetConvLayer is a bias-free conv plus a BatchNorm (weight and
 * bias are parameters; running_mean, running_var and num_batches_tracked are buffers, stored in
 * checkpoints but not counted). Stem: `embedder.embedder`, a 7×7 conv from num_channels to
 * embedding_size. Stage s has depths[s] layers of hidden_sizes[s] output channels; its first layer
 * takes the previous width (embedding_size for stage 0) with stride 2 (stage 0: stride 2 only with
 * downsample_in_first_stage). A layer gets a shortcut (1×1 conv + BatchNorm) when its input and output
 * widths differ or its stride is not 1. Bottleneck layers (layer_type "bottleneck", reduction 4):
 * 1×1 in → out/4, 3×3 out/4 → out/4, 1×1 out/4 → out. Basic layers: two 3×3 convs. ResNetModel ends
 * in a parameter-free pooler (ResNetBackbone builds the same embedder and encoder, unprefixed);
 * ResNetForImageClassification's classifier is Sequential(Flatten, Linear), hence `classifier.1`.
 */

function intListOr(r: ConfigReader, key: string, fallback: number[]): number[] {
  const list = r.intList(key).value.filter((v) => v > 0);
  return list.length ? list : fallback;
}

/** A conv (no bias) with its BatchNorm, as ResNetConvLayer names them. */
function convLayer(name: string, out: number, inChannels: number, kernel: number, layers?: readonly number[]): TensorTemplate[] {
  return [...conv2d(`${name}.convolution`, out, inChannels, kernel, false, "other", 1, layers), ...batchNorm(`${name}.normalization`, out, "norm", layers)];
}

function resnetInventory(d: RequiredDims): Inventory {
  const r = d.model.root;
  const head = d.model.head;
  const p = head === "base" || head === "backbone" ? "" : "resnet.";
  const channels = r.int("num_channels", 3, "count").value ?? 3;
  const stem = r.int("embedding_size", 64).value ?? 64;
  const widths = intListOr(r, "hidden_sizes", [256, 512, 1024, 2048]);
  const depths = intListOr(r, "depths", [3, 4, 6, 3]);
  const bottleneck = (r.string("layer_type").value ?? "bottleneck") === "bottleneck";
  const downsampleFirst = r.bool("downsample_in_first_stage", false).value;
  const tensors: TensorTemplate[] = convLayer(`${p}embedder.embedder`, stem, channels, 7);
  let inChannels = stem;
  const stages = Math.min(widths.length, depths.length);
  for (let s = 0; s < stages; s++) {
    const out = widths[s]!;
    const stride = s === 0 && !downsampleFirst ? 1 : 2;
    const reduced = Math.floor(out / 4);
    for (let j = 0; j < depths[s]!; j++) {
      const l = `${p}encoder.stages.${s}.layers.${j}`;
      const cin = j === 0 ? inChannels : out;
      if (j === 0 && (cin !== out || stride !== 1)) tensors.push(...convLayer(`${l}.shortcut`, out, cin, 1));
      if (bottleneck) tensors.push(...convLayer(`${l}.layer.0`, reduced, cin, 1), ...convLayer(`${l}.layer.1`, reduced, reduced, 3), ...convLayer(`${l}.layer.2`, out, reduced, 1));
      else tensors.push(...convLayer(`${l}.layer.0`, out, cin, 3), ...convLayer(`${l}.layer.1`, out, out, 3));
    }
    inChannels = out;
  }
  if (head === "image-classification") tensors.push(...linear("classifier.1", numLabels(d), inChannels, true, "other"));
  return inventoryOf({ tensors, notes: ["BatchNorm running statistics are buffers, not parameters"] }, d);
}

export const resnetSpecs: ModelTypeSpec[] = [
  {
    modelType: "resnet",
    family: "resnet",
    kind: "vision",
    modelingFile: "models/resnet/modeling_resnet.py",
    requires: [],
    classPrefixes: ["ResNet"],
    heads: ["base", "image-classification", "backbone"],
    defaultHead: "base",
    defaults: {},
    tieWordEmbeddingsDefault: false,
    inventory: resnetInventory,
  },
];
