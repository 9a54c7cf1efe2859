import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/** Sources: torchvision resnet50 25,557,032 and resnet18 11,689,512 (num_params; the same convs, BatchNorms and fc). */
describe("resnet (modeling_resnet.py)", () => {
  const config = readFixtureConfig("microsoft--resnet-50");

  it("resnet-50: 25,557,032; ResNetModel 23,508,032", () => {
    expect(totalOf(config)).toBe(25_557_032);
    expect(totalOf({ ...config, architectures: ["ResNetModel"] })).toBe(25_557_032 - 2_049_000);
  });

  it("BatchNorm weight and bias are parameters, running statistics are not; bias-free convs", () => {
    const s = shapes(config);
    expect(s.get("resnet.embedder.embedder.convolution.weight")).toEqual([64, 3, 7, 7]);
    expect(s.has("resnet.embedder.embedder.convolution.bias")).toBe(false);
    expect(s.get("resnet.embedder.embedder.normalization.weight")).toEqual([64]);
    expect(s.has("resnet.embedder.embedder.normalization.running_mean")).toBe(false);
    expect(s.get("resnet.encoder.stages.0.layers.0.shortcut.convolution.weight")).toEqual([256, 64, 1, 1]);
    expect(s.has("resnet.encoder.stages.0.layers.1.shortcut.convolution.weight")).toBe(false);
    expect(s.get("resnet.encoder.stages.3.layers.2.layer.1.convolution.weight")).toEqual([512, 512, 3, 3]);
    expect(s.get("classifier.1.weight")).toEqual([1000, 2048]);
  });

  it("a bottleneck of stage 3 by hand: 4,462,592", () => {
    // 1×1 2,048 → 512: 1,048,576 + BN 1,024; 3×3 512 → 512: 2,359,296 + 1,024; 1×1 512 → 2,048:
    // 1,048,576 + 4,096.
    expect(totalOf({ ...config, depths: [3, 4, 6, 4] }) - totalOf(config)).toBe(1_048_576 + 1_024 + 2_359_296 + 1_024 + 1_048_576 + 4_096);
  });

  it("basic layers (resnet-18 layout): 11,689,512; no shortcut in stage 0", () => {
    const c = { ...config, depths: [2, 2, 2, 2], hidden_sizes: [64, 128, 256, 512], layer_type: "basic" };
    expect(totalOf(c)).toBe(11_689_512);
    expect(shapes(c).has("resnet.encoder.stages.0.layers.0.shortcut.convolution.weight")).toBe(false);
    expect(shapes(c).get("resnet.encoder.stages.1.layers.0.shortcut.convolution.weight")).toEqual([128, 64, 1, 1]);
  });
});

describe("ResNetBackbone", () => {
  it("the same embedder and encoder as ResNetModel, unprefixed", () => {
    const config = { ...readFixtureConfig("microsoft--resnet-50"), architectures: ["ResNetBackbone"] };
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(23_508_032);
    expect(parameters?.estimated).toBe(false);
    expect(shapes(config).has("embedder.embedder.convolution.weight")).toBe(true);
  });
});
