import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

describe("codegen (modeling_codegen.py)", () => {
  const config = readFixtureConfig("Salesforce--codegen-350M-mono");

  it("CodeGen-350M-mono: 356,712,448 by hand", () => {
    // wte 51,200 × 1,024 = 52,428,800; per layer ln_1 2,048 + qkv_proj 3 × 1,024² = 3,145,728 +
    // out_proj 1,048,576 (no biases) + fc_in 4,194,304 + 4,096 + fc_out 4,194,304 + 1,024 = 12,590,080,
    // × 20 = 251,801,600; ln_f 2,048; lm_head 52,428,800 + bias 51,200 (untied).
    expect(52_428_800 + 12_590_080 * 20 + 2_048 + 52_428_800 + 51_200).toBe(356_712_448);
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(356_712_448);
    expect(parameters?.estimated).toBe(false);
  });

  it("one fused qkv_proj without bias, out_proj without bias, lm_head with bias", () => {
    const t = new Map([...expandTensors(analyzeConfig(config).inventory!)].map((x) => [x.name, x.shape]));
    expect(t.get("transformer.h.0.attn.qkv_proj.weight")).toEqual([3072, 1024]);
    expect(t.has("transformer.h.0.attn.qkv_proj.bias")).toBe(false);
    expect(t.has("transformer.h.0.attn.out_proj.bias")).toBe(false);
    expect(t.get("transformer.h.19.mlp.fc_in.bias")).toEqual([4096]);
    expect(t.get("lm_head.bias")).toEqual([51200]);
    // The rotary table embed_positions is a plain attribute.
    expect([...t.keys()].some((n) => n.includes("embed_positions"))).toBe(false);
  });

  it("tying shares only lm_head.weight; CodeGenModel has no head", () => {
    expect(totalOf(config) - totalOf({ ...config, tie_word_embeddings: true })).toBe(51_200 * 1_024);
    expect(totalOf(config) - totalOf({ ...config, architectures: ["CodeGenModel"] })).toBe(51_200 * 1_024 + 51_200);
  });

  it("defaults from configuration_codegen.py: n_inner null is 4 × n_embd, untied", () => {
    const { model } = analyzeConfig({ model_type: "codegen", n_embd: 64, n_head: 4, n_layer: 1, vocab_size: 100 });
    expect(model.intermediateSize.value).toBe(256);
    expect(model.tieWordEmbeddings.value).toBe(false);
    expect(model.maxPositions.value).toBe(2048);
  });
});
