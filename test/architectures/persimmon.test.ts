import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

describe("persimmon (modeling_persimmon.py)", () => {
  const config = readFixtureConfig("adept--persimmon-8b-base");

  it("Persimmon-8B: 9,397,175,296 by hand", () => {
    // embed 262,144 × 4,096 = 1,073,741,824; per layer query_key_value 3·4,096² + 12,288, dense
    // 4,096² + 4,096, q/k_layernorm 2 × (64 + 64), dense_h_to_4h 16,384·4,096 + 16,384,
    // dense_4h_to_h 4,096·16,384 + 4,096, two LayerNorms 16,384 → 201,380,096 × 36; final 8,192; lm_head.
    const perLayer = 3 * 4096 ** 2 + 12_288 + 4096 ** 2 + 4096 + 256 + 16_384 * 4096 + 16_384 + 4096 * 16_384 + 4096 + 16_384;
    expect(perLayer).toBe(201_380_096);
    expect(2 * 1_073_741_824 + perLayer * 36 + 8_192).toBe(9_397_175_296);
    expect(totalOf(config)).toBe(9_397_175_296);
  });

  it("fused query_key_value and dense with bias, per-head q/k LayerNorms with bias", () => {
    const t = new Map([...expandTensors(analyzeConfig(config).inventory!)].map((x) => [x.name, x.shape]));
    expect(t.get("model.layers.0.self_attn.query_key_value.bias")).toEqual([12288]);
    expect(t.get("model.layers.0.self_attn.q_layernorm.bias")).toEqual([64]);
    expect(t.get("model.layers.35.self_attn.k_layernorm.weight")).toEqual([64]);
    expect(t.get("model.final_layernorm.bias")).toEqual([4096]);
    expect(t.has("model.layers.0.mlp.gate_proj.weight")).toBe(false);
  });

  it("qk_layernorm false drops the q/k norms; the base model drops lm_head", () => {
    expect(totalOf(config) - totalOf({ ...config, qk_layernorm: false })).toBe(36 * 256);
    expect(totalOf(config) - totalOf({ ...config, architectures: ["PersimmonModel"] })).toBe(1_073_741_824);
    expect(totalOf({ ...config, architectures: ["PersimmonForSequenceClassification"] }) - totalOf({ ...config, architectures: ["PersimmonModel"] })).toBe(2 * 4096);
  });

  it("defaults from configuration_persimmon.py: qk_layernorm on, untied", () => {
    const { model, parameters } = analyzeConfig({ model_type: "persimmon", hidden_size: 64, num_attention_heads: 4, num_hidden_layers: 1, intermediate_size: 128, vocab_size: 10 });
    expect(model.tieWordEmbeddings.value).toBe(false);
    expect(parameters!.breakdown.norm).toBe(2 * (16 + 16) + 2 * 128 + 128);
  });
});
