import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/** Sources: ConvNeXt-T 28,589,128 (torchvision convnext_tiny num_params); V2 derived from it (GRN, no layer scale). */
describe("convnext (modeling_convnext.py)", () => {
  const config = readFixtureConfig("facebook--convnext-tiny-224");

  it("convnext-tiny-224: 28,589,128; ConvNextModel 27,820,128", () => {
    expect(totalOf(config)).toBe(28_589_128);
    expect(totalOf({ ...config, architectures: ["ConvNextModel"] })).toBe(27_820_128);
  });

  it("a block by hand (96 channels): 79,296", () => {
    // dwconv 96 × 1 × 7 × 7 + 96 = 4,800; layernorm 192; pwconv1 384 × 96 + 384 = 37,248;
    // pwconv2 96 × 384 + 96 = 36,960; layer_scale_parameter 96.
    expect(totalOf({ ...config, depths: [4, 3, 9, 3] }) - totalOf(config)).toBe(4_800 + 192 + 37_248 + 36_960 + 96);
  });

  it("names: depthwise kernel [c, 1, 7, 7], downsampling LayerNorm + 2×2 conv from stage 1, none in stage 0", () => {
    const s = shapes(config);
    expect(s.get("convnext.embeddings.patch_embeddings.weight")).toEqual([96, 3, 4, 4]);
    expect(s.get("convnext.embeddings.layernorm.bias")).toEqual([96]);
    expect(s.get("convnext.encoder.stages.0.layers.0.dwconv.weight")).toEqual([96, 1, 7, 7]);
    expect(s.get("convnext.encoder.stages.2.layers.8.layer_scale_parameter")).toEqual([384]);
    expect(s.has("convnext.encoder.stages.0.downsampling_layer.1.weight")).toBe(false);
    expect(s.get("convnext.encoder.stages.1.downsampling_layer.0.weight")).toEqual([96]);
    expect(s.get("convnext.encoder.stages.1.downsampling_layer.1.weight")).toEqual([192, 96, 2, 2]);
    expect(s.get("convnext.layernorm.weight")).toEqual([768]);
    expect(totalOf(config) - totalOf({ ...config, layer_scale_init_value: 0 })).toBe(3 * 96 + 3 * 192 + 9 * 384 + 3 * 768);
  });
});

describe("convnextv2 (modeling_convnextv2.py)", () => {
  const config = readFixtureConfig("facebook--convnextv2-tiny-1k-224");

  it("convnextv2-tiny-1k-224: 28,635,496 = ConvNeXt-T − layer scales 6,624 + GRN 52,992", () => {
    expect(28_589_128 - 6_624 + 52_992).toBe(28_635_496);
    expect(totalOf(config)).toBe(28_635_496);
    const s = shapes(config);
    expect(s.get("convnextv2.encoder.stages.3.layers.2.grn.weight")).toEqual([1, 1, 1, 3072]);
    expect(s.has("convnextv2.encoder.stages.0.layers.0.layer_scale_parameter")).toBe(false);
  });
});
