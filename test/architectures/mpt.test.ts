import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const names = (config: Record<string, unknown>) => [...expandTensors(analyzeConfig(config).inventory!)].map((t) => t.name);

describe("mpt (modeling_mpt.py, and the remote code of mosaicml/mpt-7b)", () => {
  it("MPT-7B: 6,649,286,656, the model card's 6.7B", () => {
    const { parameters } = analyzeConfig(readFixtureConfig("mosaicml--mpt-7b"));
    // Derived from modeling_mpt.py: wte 50,432 × 4,096 = 206,569,472; per layer norm_1 + norm_2
    // 8,192 (no bias), Wqkv 3 × 4,096² = 50,331,648, out_proj 16,777,216, up/down 2 × 4,096 ×
    // 16,384 = 134,217,728 → 201,334,784 × 32 = 6,442,713,088; norm_f 4,096; tied head. The model
    // card (huggingface.co/mosaicml/mpt-7b) rounds it to 6.7B.
    expect(parameters?.total).toBe(6_649_286_656);
    expect(parameters?.estimated).toBe(false);
    expect(parameters!.total / 1e9).toBeCloseTo(6.65, 2);
  });

  it("the transformers class MptForCausalLM counts the same for the published config", () => {
    const config = readFixtureConfig("mosaicml--mpt-7b");
    expect(totalOf({ ...config, architectures: ["MptForCausalLM"] })).toBe(6_649_286_656);
    expect(names(config)).toContain("transformer.blocks.31.ffn.down_proj.weight");
  });

  it("remote code: no_bias false adds every bias, expansion_ratio sets the MLP, no ALiBi adds wpe", () => {
    const config = readFixtureConfig("mosaicml--mpt-7b");
    // Wqkv 3 × 4,096, out_proj 4,096, up_proj 16,384, down_proj 4,096, norm_1/norm_2 2 × 4,096 per layer; norm_f 4,096.
    expect(totalOf({ ...config, no_bias: false }) - totalOf(config)).toBe(32 * (3 * 4096 + 4096 + 16384 + 4096 + 2 * 4096) + 4096);
    // expansion_ratio 2 halves the two MLP matrices: 32 × 2 × 4,096 × 8,192 fewer.
    expect(totalOf(config) - totalOf({ ...config, expansion_ratio: 2 })).toBe(32 * 2 * 4096 * 8192);
    expect(totalOf({ ...config, attn_config: { alibi: false } }) - totalOf(config)).toBe(2048 * 4096);
  });

  it("transformers' MptForCausalLM hard-codes no bias and a 4 × d_model MLP", () => {
    const config = { ...readFixtureConfig("mosaicml--mpt-7b"), architectures: ["MptForCausalLM"] };
    expect(totalOf({ ...config, no_bias: false, expansion_ratio: 2 })).toBe(6_649_286_656);
  });

  it("defaults from configuration_mpt.py: tied head, 4 × d_model, heads as K/V heads", () => {
    const { model, parameters } = analyzeConfig({ model_type: "mpt", d_model: 64, n_heads: 4, n_layers: 1, vocab_size: 100 });
    expect(model.intermediateSize.value).toBe(256);
    expect(model.numKvHeads.value).toBe(4);
    expect(model.maxPositions.value).toBe(2048);
    expect(model.tieWordEmbeddings.value).toBe(true);
    expect(parameters!.breakdown.lmHead).toBeUndefined();
    // vocab_size absent → 50,368 (MptConfig).
    expect(analyzeConfig({ model_type: "mpt", d_model: 64, n_heads: 4, n_layers: 1 }).model.vocabSize.value).toBe(50_368);
  });
});
