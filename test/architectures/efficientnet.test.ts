import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/** Sources: torchvision efficientnet_b0 5,288,548, efficientnet_b1 7,794,184, efficientnet_b7 66,347,960 (num_params). */
describe("efficientnet (modeling_efficientnet.py)", () => {
  const config = readFixtureConfig("google--efficientnet-b0");

  it("efficientnet-b0: 5,288,548; B1 and B7 scaling", () => {
    expect(totalOf(config)).toBe(5_288_548);
    expect(totalOf({ ...config, depth_coefficient: 1.1 })).toBe(7_794_184);
    expect(totalOf({ ...config, width_coefficient: 2.0, depth_coefficient: 3.1, hidden_dim: 2560 })).toBe(66_347_960);
  });

  it("names: first block without expansion, squeeze-excite biased 1×1 convs sized from the block input", () => {
    const s = shapes(config);
    expect(s.get("efficientnet.embeddings.convolution.weight")).toEqual([32, 3, 3, 3]);
    expect(s.get("efficientnet.embeddings.batchnorm.weight")).toEqual([32]);
    expect(s.has("efficientnet.encoder.blocks.0.expansion.expand_conv.weight")).toBe(false);
    expect(s.get("efficientnet.encoder.blocks.0.depthwise_conv.depthwise_conv.weight")).toEqual([32, 1, 3, 3]);
    expect(s.get("efficientnet.encoder.blocks.0.squeeze_excite.reduce.weight")).toEqual([8, 32, 1, 1]);
    expect(s.get("efficientnet.encoder.blocks.1.expansion.expand_conv.weight")).toEqual([96, 16, 1, 1]);
    expect(s.get("efficientnet.encoder.blocks.1.squeeze_excite.reduce.weight")).toEqual([4, 96, 1, 1]);
    expect(s.get("efficientnet.encoder.blocks.1.squeeze_excite.expand.bias")).toEqual([96]);
    expect(s.get("efficientnet.encoder.blocks.15.projection.project_conv.weight")).toEqual([320, 1152, 1, 1]);
    expect(s.has("efficientnet.encoder.blocks.16.projection.project_conv.weight")).toBe(false);
    expect(s.get("efficientnet.encoder.top_conv.weight")).toEqual([1280, 320, 1, 1]);
    expect(s.get("efficientnet.encoder.top_bn.bias")).toEqual([1280]);
    expect(s.get("classifier.weight")).toEqual([1000, 1280]);
  });
});
