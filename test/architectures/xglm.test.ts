import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

describe("xglm (modeling_xglm.py)", () => {
  const config = readFixtureConfig("facebook--xglm-564M");

  it("XGLM-564M: 564,463,616 by hand; sinusoidal positions are a buffer", () => {
    // embed_tokens 256,008 × 1,024 = 262,152,192; per layer q/k/v/out 4 × (1,024² + 1,024) = 4,198,400,
    // self_attn_layer_norm + final_layer_norm 4,096, fc1 4,194,304 + 4,096, fc2 4,194,304 + 1,024
    // → 12,596,224 × 24 = 302,309,376; layer_norm 2,048; lm_head tied.
    expect(262_152_192 + 12_596_224 * 24 + 2_048).toBe(564_463_616);
    const { parameters, inventory } = analyzeConfig(config);
    expect(parameters?.total).toBe(564_463_616);
    const names = [...expandTensors(inventory!)].map((t) => t.name);
    expect(names).toContain("model.layers.23.self_attn.out_proj.bias");
    expect(names).toContain("model.layer_norm.weight");
    expect(names.some((n) => n.includes("embed_positions"))).toBe(false);
    expect(names.some((n) => n.includes("encoder_attn"))).toBe(false);
  });

  it("reads attention_heads and d_model; head_dim 64", () => {
    const { model } = analyzeConfig(config);
    expect(model.numHeads.value).toBe(16);
    expect(model.numKvHeads.value).toBe(16);
    expect(model.headDim.value).toBe(64);
    expect(model.hiddenSize.value).toBe(1024);
  });

  it("add_cross_attention adds encoder_attn and its LayerNorm to every layer", () => {
    expect(totalOf({ ...config, add_cross_attention: true }) - totalOf(config)).toBe(24 * (4 * (1024 * 1024 + 1024) + 2048));
  });

  it("untied, the LM head adds vocab × d_model; XGLMModel counts the same as the tied LM", () => {
    expect(totalOf({ ...config, tie_word_embeddings: false }) - totalOf(config)).toBe(256_008 * 1_024);
    expect(totalOf({ ...config, architectures: ["XGLMModel"] })).toBe(564_463_616);
  });
});
