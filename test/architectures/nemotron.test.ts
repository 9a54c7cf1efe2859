import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

describe("nemotron (modeling_nemotron.py)", () => {
  it("Minitron-8B-Base: 8,271,699,968 (published as 8B)", () => {
    const { parameters } = analyzeConfig(readFixtureConfig("nvidia--Minitron-8B-Base"));
    // Per layer q 6,144 × 4,096 = 25,165,824, k and v 1,024 × 4,096 = 4,194,304 each, o 4,096 × 6,144,
    // up and down 16,384 × 4,096 = 67,108,864 each, two LayerNorm1P (weight + bias) 16,384 →
    // 192,954,368 × 32 = 6,174,539,776; final norm 8,192; embed and lm_head 256,000 × 4,096 each.
    expect(parameters?.total).toBe(8_271_699_968);
    expect(parameters?.estimated).toBe(false);
  });

  it("head_dim decouples q width from hidden; non-gated MLP; LayerNorms with bias", () => {
    const s = shapes(readFixtureConfig("nvidia--Minitron-8B-Base"));
    expect(s.get("model.layers.0.self_attn.q_proj.weight")).toEqual([6144, 4096]);
    expect(s.get("model.layers.0.self_attn.o_proj.weight")).toEqual([4096, 6144]);
    expect(s.get("model.layers.0.mlp.up_proj.weight")).toEqual([16384, 4096]);
    expect(s.has("model.layers.0.mlp.gate_proj.weight")).toBe(false);
    expect(s.get("model.layers.0.input_layernorm.bias")).toEqual([4096]);
    expect(s.get("model.norm.bias")).toEqual([4096]);
  });

  it("attention_bias and mlp_bias", () => {
    const config = readFixtureConfig("nvidia--Minitron-8B-Base");
    expect(totalOf({ ...config, attention_bias: true }) - totalOf(config)).toBe(32 * (6144 + 1024 + 1024 + 4096));
    expect(totalOf({ ...config, mlp_bias: true }) - totalOf(config)).toBe(32 * (16384 + 4096));
  });

  it("defaults from configuration_nemotron.py: untied, K/V heads follow the heads, head_dim hidden / heads", () => {
    const { model } = analyzeConfig({ model_type: "nemotron", hidden_size: 64, intermediate_size: 128, num_attention_heads: 4, num_hidden_layers: 1, vocab_size: 100 });
    expect(model.tieWordEmbeddings.value).toBe(false);
    expect(model.numKvHeads.value).toBe(4);
    expect(model.headDim.value).toBe(16);
  });
});
