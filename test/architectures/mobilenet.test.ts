import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { makeDivisible } from "../../src/architectures/mobilenet.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/** Source: torchvision mobilenet_v2 num_params 3,504,872 (1,000 classes); Google's checkpoint has 1,001 labels. */
describe("mobilenet_v2 (modeling_mobilenet_v2.py)", () => {
  const config = readFixtureConfig("google--mobilenet_v2_1.0_224");

  it("mobilenet_v2_1.0_224: 3,506,153 with 1,001 labels, 3,504,872 with 1,000", () => {
    expect(totalOf(config)).toBe(3_506_153);
    expect(totalOf({ ...config, num_labels: 1000 })).toBe(3_504_872);
    expect(3_504_872 + 1_280 + 1).toBe(3_506_153);
  });

  it("names: stem without expand_1x1, depthwise kernels [c, 1, 3, 3], conv_1x1 to 1,280, bias-free convs", () => {
    const s = shapes(config);
    expect(s.get("mobilenet_v2.conv_stem.first_conv.convolution.weight")).toEqual([32, 3, 3, 3]);
    expect(s.has("mobilenet_v2.conv_stem.expand_1x1.convolution.weight")).toBe(false);
    expect(s.get("mobilenet_v2.conv_stem.conv_3x3.convolution.weight")).toEqual([32, 1, 3, 3]);
    expect(s.get("mobilenet_v2.conv_stem.reduce_1x1.convolution.weight")).toEqual([16, 32, 1, 1]);
    expect(s.get("mobilenet_v2.layer.0.expand_1x1.convolution.weight")).toEqual([96, 16, 1, 1]);
    expect(s.get("mobilenet_v2.layer.15.reduce_1x1.convolution.weight")).toEqual([320, 960, 1, 1]);
    expect(s.get("mobilenet_v2.conv_1x1.convolution.weight")).toEqual([1280, 320, 1, 1]);
    expect(s.has("mobilenet_v2.conv_1x1.convolution.bias")).toBe(false);
    expect(s.get("mobilenet_v2.conv_1x1.normalization.weight")).toEqual([1280]);
    expect(s.get("classifier.weight")).toEqual([1001, 1280]);
  });

  it("make_divisible rounds to the nearest multiple of 8 and never below 90 %; depth multiplier 0.35 keeps 1,280", () => {
    expect(makeDivisible(16 * 0.35, 8, 8)).toBe(8);
    expect(makeDivisible(32 * 0.35, 8, 8)).toBe(16);
    expect(makeDivisible(96 * 6, 8, 8)).toBe(576);
    expect(shapes({ ...config, depth_multiplier: 0.35 }).get("mobilenet_v2.conv_1x1.convolution.weight")).toEqual([1280, 112, 1, 1]);
  });
});
