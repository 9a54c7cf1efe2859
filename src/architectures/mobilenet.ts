import { inventoryOf, numLabels } from "./decoder.js";
import { linear, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { batchNorm, conv2d } from "./vit-encoder.js";

/**
 * MobileNetV2 (modeling_mobilenet_v2.py). Every MobileNetV2ConvLayer is a bias-free conv and a
 * BatchNorm (weight and bias; running statistics are buffers). Channel widths are the fixed list
 * 16, 24, 24, 32, 32, 32, 64 ×4, 96 ×3, 160 ×3, 320, each scaled by depth_multiplier and rounded by
 * make_divisible(·, depth_divisible_by, min_depth) (TensorFlow's rule: to the nearest multiple, at
 * least min, never below 90 %). Stem: first_conv 3×3 to 32·m, an expand_1x1 only when
 * first_layer_is_expansion is false, a depthwise conv_3x3 and reduce_1x1 to channels[0]. Then 16
 * inverted residuals (expand_1x1 to make_divisible(round(in · expand_ratio)), depthwise conv_3x3,
 * reduce_1x1) and conv_1x1 to 1,280 (scaled by the multiplier unless finegrained_output and it is
 * below 1). MobileNetV2ForImageClassification adds classifier [num_labels, 1280]; Google's
 * checkpoints have 1,001 labels (a background class).
 */

/** Python's round(): halves go to the even neighbour. */
function pyRound(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

export function makeDivisible(value: number, divisor = 8, minValue: number | null = null): number {
  const min = minValue ?? divisor;
  let v = Math.max(min, Math.floor(Math.floor(value + divisor / 2) / divisor) * divisor);
  if (v < 0.9 * value) v += divisor;
  return v;
}

const CHANNELS = [16, 24, 24, 32, 32, 32, 64, 64, 64, 64, 96, 96, 96, 160, 160, 160, 320];

function convLayer(name: string, out: number, inChannels: number, kernel: number, groups = 1): TensorTemplate[] {
  return [...conv2d(`${name}.convolution`, out, inChannels, kernel, false, "other", groups), ...batchNorm(`${name}.normalization`, out, "norm")];
}

function mobilenetV2Inventory(d: RequiredDims): Inventory {
  const r = d.model.root;
  const head = d.model.head;
  const p = head === "base" ? "" : "mobilenet_v2.";
  const multiplier = r.number("depth_multiplier", 1).value ?? 1;
  const divisor = r.int("depth_divisible_by", 8).value ?? 8;
  const minDepth = r.int("min_depth", 8).value ?? 8;
  const expandRatio = r.number("expand_ratio", 6).value ?? 6;
  const channels = r.int("num_channels", 3, "count").value ?? 3;
  const scale = (c: number) => makeDivisible(pyRound(c * multiplier), divisor, minDepth);
  const widths = CHANNELS.map(scale);
  const stem = scale(32);
  const tensors: TensorTemplate[] = [...convLayer(`${p}conv_stem.first_conv`, stem, channels, 3)];
  if (!r.bool("first_layer_is_expansion", true).value) tensors.push(...convLayer(`${p}conv_stem.expand_1x1`, stem, stem, 1));
  tensors.push(...convLayer(`${p}conv_stem.conv_3x3`, stem, stem, 3, stem), ...convLayer(`${p}conv_stem.reduce_1x1`, widths[0]!, stem, 1));
  for (let i = 0; i < 16; i++) {
    const cin = widths[i]!;
    const cout = widths[i + 1]!;
    const expanded = makeDivisible(pyRound(cin * expandRatio), divisor, minDepth);
    const l = `${p}layer.${i}`;
    tensors.push(...convLayer(`${l}.expand_1x1`, expanded, cin, 1), ...convLayer(`${l}.conv_3x3`, expanded, expanded, 3, expanded), ...convLayer(`${l}.reduce_1x1`, cout, expanded, 1));
  }
  const finegrained = r.bool("finegrained_output", true).value;
  const last = finegrained && multiplier < 1 ? 1280 : scale(1280);
  tensors.push(...convLayer(`${p}conv_1x1`, last, widths[16]!, 1));
  if (head === "image-classification") tensors.push(...linear("classifier", numLabels(d), last, true, "other"));
  return inventoryOf({ tensors, notes: ["BatchNorm running statistics are buffers, not parameters"] }, d);
}

export const mobilenetSpecs: ModelTypeSpec[] = [
  {
    modelType: "mobilenet_v2",
    family: "mobilenet",
    kind: "vision",
    modelingFile: "models/mobilenet_v2/modeling_mobilenet_v2.py",
    requires: [],
    classPrefixes: ["MobileNetV2"],
    heads: ["base", "image-classification"],
    defaultHead: "base",
    defaults: {},
    tieWordEmbeddingsDefault: false,
    inventory: mobilenetV2Inventory,
  },
];
