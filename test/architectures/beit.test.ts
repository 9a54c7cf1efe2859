import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/** Source: derived from modeling_beit.py; timm beit_base_patch16_224 86.53M and the Hub's 86.5M agree. */
describe("beit (modeling_beit.py)", () => {
  const config = readFixtureConfig("microsoft--beit-base-patch16-224");

  it("beit-base-patch16-224 (BeitForImageClassification): 86,530,984", () => {
    // cls 768 + patch conv 590,592; per layer q, v, out 3 × 590,592 + key without bias 589,824 +
    // relative_position_bias_table (27 × 27 + 3) × 12 heads = 8,784 + MLP 4,722,432 + LayerNorms
    // 3,072 + lambda_1, lambda_2 1,536 = 7,097,424 × 12 = 85,169,088; pooler.layernorm 1,536;
    // classifier 769,000.
    expect(768 + 590_592 + 85_169_088 + 1_536 + 769_000).toBe(86_530_984);
    expect(totalOf(config)).toBe(86_530_984);
  });

  it("key has no bias, per-layer relative position tables, layer scales, mean-pooling LayerNorm", () => {
    const s = shapes(config);
    expect(s.has("beit.encoder.layer.0.attention.attention.key.bias")).toBe(false);
    expect(s.get("beit.encoder.layer.0.attention.attention.query.bias")).toEqual([768]);
    expect(s.get("beit.encoder.layer.11.attention.attention.relative_position_bias.relative_position_bias_table")).toEqual([732, 12]);
    expect(s.get("beit.encoder.layer.3.lambda_1")).toEqual([768]);
    expect(s.get("beit.pooler.layernorm.weight")).toEqual([768]);
    expect(s.has("beit.layernorm.weight")).toBe(false);
    expect(s.has("beit.embeddings.position_embeddings")).toBe(false);
  });

  it("options: shared bias table, absolute positions, no mean pooling, no layer scale", () => {
    const shared = shapes({ ...config, use_relative_position_bias: false, use_shared_relative_position_bias: true });
    expect(shared.get("beit.encoder.relative_position_bias.relative_position_bias_table")).toEqual([732, 12]);
    expect(totalOf({ ...config, use_absolute_position_embeddings: true }) - totalOf(config)).toBe(197 * 768);
    const cls = shapes({ ...config, use_mean_pooling: false });
    expect(cls.get("beit.layernorm.weight")).toEqual([768]);
    expect(cls.has("beit.pooler.layernorm.weight")).toBe(false);
    expect(totalOf(config) - totalOf({ ...config, layer_scale_init_value: 0 })).toBe(12 * 1536);
  });

  it("BeitForMaskedImageModeling: no pooler, layernorm and lm_head over 8,192 visual tokens", () => {
    const s = shapes({ ...config, architectures: ["BeitForMaskedImageModeling"], use_mask_token: true, use_mean_pooling: false });
    expect(s.get("lm_head.weight")).toEqual([8192, 768]);
    expect(s.get("layernorm.weight")).toEqual([768]);
    expect(s.get("beit.embeddings.mask_token")).toEqual([1, 1, 768]);
    expect(s.has("beit.pooler.layernorm.weight")).toBe(false);
  });
});
