import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Sources: Swin-T 28,288,354 (torchvision swin_t num_params, the same tensors as
 * SwinForImageClassification); Swin V2-T at 256 28,347,154 (a public model zoo's param_count).
 */
describe("swin (modeling_swin.py)", () => {
  const config = readFixtureConfig("microsoft--swin-tiny-patch4-window7-224");

  it("swin-tiny-patch4-window7-224: 28,288,354; SwinModel 27,519,354", () => {
    const { parameters, model } = analyzeConfig(config);
    expect(parameters?.total).toBe(28_288_354);
    expect(parameters?.estimated).toBe(false);
    expect(totalOf({ ...config, architectures: ["SwinModel"] })).toBe(28_288_354 - 769_000);
    // num_heads is a per-stage list: it is not read as a head count (and raises no type problem).
    expect(model.numHeads.value).toBeNull();
    expect(model.problems).toEqual([]);
  });

  it("stage 0 by hand: 2 blocks of 96 channels", () => {
    // LayerNorms 2 × 192; relative_position_bias_table 13² × 3 = 507; q/k/v/out 4 × (96² + 96) =
    // 37,248; MLP 96 × 384 × 2 + 384 + 96 = 74,208 → 112,347 per block; patch merging
    // reduction 192 × 384 = 73,728 + norm [384] 768.
    const s = shapes(config);
    expect(s.get("swin.encoder.layers.0.blocks.1.attention.self.relative_position_bias_table")).toEqual([169, 3]);
    expect(s.get("swin.encoder.layers.0.downsample.reduction.weight")).toEqual([192, 384]);
    expect(s.has("swin.encoder.layers.0.downsample.reduction.bias")).toBe(false);
    expect(s.get("swin.encoder.layers.0.downsample.norm.weight")).toEqual([384]);
    expect(s.has("swin.encoder.layers.3.downsample.norm.weight")).toBe(false);
    expect(s.get("swin.embeddings.patch_embeddings.projection.weight")).toEqual([96, 3, 4, 4]);
    expect(s.get("swin.embeddings.norm.weight")).toEqual([96]);
    expect(s.get("swin.layernorm.weight")).toEqual([768]);
    expect(s.get("classifier.weight")).toEqual([1000, 768]);
    expect(totalOf({ ...config, depths: [3, 2, 6, 2] }) - totalOf(config)).toBe(2 * 96 + 2 * 96 + 507 + 37_248 + 74_208);
  });

  it("the window sizes the bias tables; SwinForMaskedImageModeling adds the mask token and decoder", () => {
    expect(shapes({ ...config, window_size: 12 }).get("swin.encoder.layers.2.blocks.0.attention.self.relative_position_bias_table")).toEqual([529, 12]);
    const s = shapes({ ...config, architectures: ["SwinForMaskedImageModeling"] });
    expect(s.get("swin.embeddings.mask_token")).toEqual([1, 1, 96]);
    expect(s.get("decoder.0.weight")).toEqual([32 * 32 * 3, 768, 1, 1]);
  });
});

describe("swinv2 (modeling_swinv2.py)", () => {
  const config = readFixtureConfig("microsoft--swinv2-tiny-patch4-window8-256");

  it("swinv2-tiny-patch4-window8-256: 28,347,154", () => {
    expect(totalOf(config)).toBe(28_347_154);
  });

  it("continuous position bias MLP, logit_scale, key without bias, merging norm after the reduction", () => {
    const s = shapes(config);
    const a = "swinv2.encoder.layers.1.blocks.0.attention.self";
    expect(s.get(`${a}.logit_scale`)).toEqual([6, 1, 1]);
    expect(s.get(`${a}.continuous_position_bias_mlp.0.weight`)).toEqual([512, 2]);
    expect(s.get(`${a}.continuous_position_bias_mlp.0.bias`)).toEqual([512]);
    expect(s.get(`${a}.continuous_position_bias_mlp.2.weight`)).toEqual([6, 512]);
    expect(s.has(`${a}.continuous_position_bias_mlp.2.bias`)).toBe(false);
    expect(s.has(`${a}.key.bias`)).toBe(false);
    expect(s.has(`${a}.relative_position_bias_table`)).toBe(false);
    expect(s.get("swinv2.encoder.layers.0.downsample.norm.weight")).toEqual([192]);
    // The window only sizes buffers.
    expect(totalOf({ ...config, window_size: 16 })).toBe(28_347_154);
  });
});
