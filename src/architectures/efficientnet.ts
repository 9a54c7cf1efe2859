import type { ConfigReader } from "../normalize/config-reader.js";
import { inventoryOf, numLabels } from "./decoder.js";
import { linear, type Inventory, type TensorTemplate } from "./inventory.js";
import { makeDivisible } from "./mobilenet.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { batchNorm, conv2d } from "./vit-encoder.js";

/**
 * EfficientNet (modeling_efficientnet.py). Widths are round_filters(c) = make_divisible(c ·
 * width_coefficient, depth_divisor), repeats ceil(depth_coefficient · n). Stem: a bias-free 3×3 conv
 * to round_filters(32) and a BatchNorm (`embeddings.convolution`, `embeddings.batchnorm`). Each of
 * the seven base blocks repeats; a block of input i, output o and expand ratio e has an expansion
 * (1×1 conv to i·e + BatchNorm) when e ≠ 1, a bias-free depthwise k×k conv and BatchNorm, a
 * squeeze-excite with biased 1×1 convs reduce [max(1, int(i · se_ratio)), d] and expand back, and a
 * bias-free 1×1 projection with BatchNorm. Then top_conv to round_filters(1280) and top_bn of
 * hidden_dim. BatchNorm running statistics are buffers. EfficientNetForImageClassification adds
 * classifier [num_labels, hidden_dim]. Defaults are B7's (configuration_efficientnet.py).
 */

function listOr(r: ConfigReader, key: string, fallback: number[]): number[] {
  const value = r.value(key);
  if (!Array.isArray(value)) return fallback;
  const nums = value.filter((v): v is number => typeof v === "number" && Number.isFinite(v) && v > 0);
  return nums.length === value.length && nums.length > 0 ? nums : fallback;
}

function convBn(conv: string, bn: string, out: number, inChannels: number, kernel: number, groups = 1): TensorTemplate[] {
  return [...conv2d(conv, out, inChannels, kernel, false, "other", groups), ...batchNorm(bn, out, "norm")];
}

/** EfficientNet-B7 scales by 2.0 (width) and 3.1 (depth); past this a config would build millions of blocks. */
export const MAX_SCALING_COEFFICIENT = 100;

/** A scaling coefficient in (0, MAX_SCALING_COEFFICIENT]; anything else is a problem (MC003) and the default is used. */
function coefficient(r: RequiredDims["model"]["root"], key: string, fallback: number): number {
  const read = r.positiveNumber(key, fallback);
  if (read.value !== null && read.value > MAX_SCALING_COEFFICIENT && read.pointer !== null) {
    r.problems.push({ key, pointer: read.pointer, value: read.value, problem: "range", message: `"${key}" is implausibly large (over ${MAX_SCALING_COEFFICIENT}), found ${read.value}`, read: "number" });
    return fallback;
  }
  return read.value ?? fallback;
}

function efficientnetInventory(d: RequiredDims): Inventory {
  const r = d.model.root;
  const head = d.model.head;
  const p = head === "base" ? "" : "efficientnet.";
  const width = coefficient(r, "width_coefficient", 2.0);
  const depth = coefficient(r, "depth_coefficient", 3.1);
  const divisor = r.int("depth_divisor", 8).value ?? 8;
  const channels = r.int("num_channels", 3, "count").value ?? 3;
  const kernels = listOr(r, "kernel_sizes", [3, 3, 5, 3, 5, 5, 3]);
  const ins = listOr(r, "in_channels", [32, 16, 24, 40, 80, 112, 192]);
  const outs = listOr(r, "out_channels", [16, 24, 40, 80, 112, 192, 320]);
  const repeats = listOr(r, "num_block_repeats", [1, 2, 2, 3, 3, 4, 1]);
  const expands = listOr(r, "expand_ratios", [1, 6, 6, 6, 6, 6, 6]);
  const seRatio = r.number("squeeze_expansion_ratio", 0.25).value ?? 0.25;
  const hiddenDim = r.int("hidden_dim", 2560).value ?? 2560;
  const filters = (c: number) => makeDivisible(c * width, divisor);
  const stem = filters(32);
  const tensors: TensorTemplate[] = convBn(`${p}embeddings.convolution`, `${p}embeddings.batchnorm`, stem, channels, 3);
  let n = 0;
  let out = stem;
  for (let i = 0; i < ins.length; i++) {
    out = filters(outs[i]!);
    const reps = Math.ceil(depth * repeats[i]!);
    const e = expands[i] ?? 1;
    const k = kernels[i] ?? 3;
    for (let j = 0; j < reps; j++) {
      const cin = j === 0 ? filters(ins[i]!) : out;
      const expanded = cin * e;
      const dim = e !== 1 ? expanded : cin;
      const se = Math.max(1, Math.floor(cin * seRatio));
      const b = `${p}encoder.blocks.${n}`;
      if (e !== 1) tensors.push(...convBn(`${b}.expansion.expand_conv`, `${b}.expansion.expand_bn`, expanded, cin, 1));
      tensors.push(
        ...convBn(`${b}.depthwise_conv.depthwise_conv`, `${b}.depthwise_conv.depthwise_norm`, dim, dim, k, dim),
        ...conv2d(`${b}.squeeze_excite.reduce`, se, dim, 1, true, "other"),
        ...conv2d(`${b}.squeeze_excite.expand`, dim, se, 1, true, "other"),
        ...convBn(`${b}.projection.project_conv`, `${b}.projection.project_bn`, out, dim, 1),
      );
      n++;
    }
  }
  tensors.push(...conv2d(`${p}encoder.top_conv`, filters(1280), out, 1, false, "other"), ...batchNorm(`${p}encoder.top_bn`, hiddenDim, "norm"));
  if (head === "image-classification") tensors.push(...linear("classifier", numLabels(d), hiddenDim, true, "other"));
  return inventoryOf({ tensors, notes: ["BatchNorm running statistics are buffers, not parameters"] }, d);
}

export const efficientnetSpecs: ModelTypeSpec[] = [
  {
    modelType: "efficientnet",
    family: "efficientnet",
    kind: "vision",
    modelingFile: "models/efficientnet/modeling_efficientnet.py",
    requires: [],
    classPrefixes: ["EfficientNet"],
    heads: ["base", "image-classification"],
    defaultHead: "base",
    defaults: {},
    tieWordEmbeddingsDefault: false,
    inventory: efficientnetInventory,
  },
];
