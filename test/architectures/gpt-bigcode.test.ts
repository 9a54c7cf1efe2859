import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

describe("gpt_bigcode (modeling_gpt_bigcode.py)", () => {
  it("SantaCoder: 1,124,886,528, the model card's 1.1B", () => {
    const { parameters, facts } = analyzeConfig(readFixtureConfig("bigcode--gpt_bigcode-santacoder"));
    // Derived from modeling_gpt_bigcode.py: wte 49,280 × 2,048 = 100,925,440; wpe 2,048 × 2,048 =
    // 4,194,304; per layer ln_1 + ln_2 8,192, c_attn (2,048 + 2 × 128) × 2,048 + 2,304 = 4,720,896,
    // c_proj 4,196,352, c_fc 16,785,408, mlp.c_proj 16,779,264 → 42,490,112 × 24 = 1,019,762,688;
    // ln_f 4,096; lm_head tied.
    expect(parameters?.total).toBe(1_124_886_528);
    expect(parameters?.estimated).toBe(false);
    expect(parameters!.total / 1e9).toBeCloseTo(1.1, 1);
    expect(facts.attention.type).toBe("MQA");
  });

  it("multi_query false gives every head its own K and V: c_attn is 3 × hidden", () => {
    const config = readFixtureConfig("bigcode--gpt_bigcode-santacoder");
    // Per layer c_attn grows by (3 × 2,048 − 2,304) × (2,048 + 1) in 24 layers.
    expect(totalOf({ ...config, multi_query: false }) - totalOf(config)).toBe(24 * (3 * 2048 - 2304) * 2049);
  });

  it("defaults from configuration_gpt_bigcode.py: multi_query true, tied, n_inner 4 × n_embd, n_positions 1024", () => {
    const { model, parameters, inventory } = analyzeConfig({ model_type: "gpt_bigcode", n_embd: 64, n_head: 4, n_layer: 1, vocab_size: 100 });
    expect(model.numKvHeads.value).toBe(1);
    expect(model.intermediateSize.value).toBe(256);
    expect(model.tieWordEmbeddings.value).toBe(true);
    expect(parameters!.breakdown.lmHead).toBeUndefined();
    const cAttn = [...expandTensors(inventory!)].find((t) => t.name === "transformer.h.0.attn.c_attn.weight");
    expect(cAttn?.shape).toEqual([64 + 2 * 16, 64]);
    expect([...expandTensors(inventory!)].find((t) => t.name === "transformer.wpe.weight")?.shape).toEqual([1024, 64]);
  });
});

describe("starcoder2 (modeling_starcoder2.py)", () => {
  it("StarCoder2-7B: 7,173,923,840, published as 7B", () => {
    const { parameters } = analyzeConfig(readFixtureConfig("bigcode--starcoder2-7b"));
    // Derived from modeling_starcoder2.py (no Hub total found): embed 49,152 × 4,608 = 226,492,416;
    // per layer q and o 4,608² + 4,608 = 21,238,272 each, k and v 512 × 4,608 + 512 = 2,359,808
    // each, two LayerNorms 18,432, c_fc 18,432 × 4,608 + 18,432 and c_proj 4,608 × 18,432 + 4,608
    // (169,892,352) → 217,106,944 × 32 = 6,947,422,208; final norm 9,216; lm_head tied (no key:
    // Starcoder2Config defaults tie_word_embeddings to true).
    expect(parameters?.total).toBe(7_173_923_840);
    expect(parameters?.estimated).toBe(false);
    expect(parameters!.total / 1e9).toBeCloseTo(7.2, 1);
  });

  it("use_bias false drops every projection bias, not the LayerNorm biases", () => {
    const config = readFixtureConfig("bigcode--starcoder2-7b");
    // q 4,608 + k 512 + v 512 + o 4,608 + c_fc 18,432 + c_proj 4,608 per layer.
    expect(totalOf(config) - totalOf({ ...config, use_bias: false })).toBe(32 * (4608 + 512 + 512 + 4608 + 18432 + 4608));
  });

  it("defaults from configuration_starcoder2.py: 2 KV heads, use_bias true, tied", () => {
    const { model, parameters, inventory } = analyzeConfig({ model_type: "starcoder2", hidden_size: 64, intermediate_size: 128, num_attention_heads: 4, num_hidden_layers: 1, vocab_size: 100 });
    expect(model.numKvHeads.value).toBe(2);
    expect(model.tieWordEmbeddings.value).toBe(true);
    expect(parameters!.breakdown.lmHead).toBeUndefined();
    expect([...expandTensors(inventory!)].map((t) => t.name)).toContain("model.layers.0.self_attn.k_proj.bias");
  });
});
