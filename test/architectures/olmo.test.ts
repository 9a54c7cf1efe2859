import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));
const small = { hidden_size: 64, intermediate_size: 128, num_attention_heads: 4, num_hidden_layers: 1, vocab_size: 100 };

describe("olmo (modeling_olmo.py): non-parametric LayerNorms", () => {
  it("OLMo-7B-hf: 6,888,095,744 and no norm parameters", () => {
    const { parameters } = analyzeConfig(readFixtureConfig("allenai--OLMo-7B-hf"));
    // Derived from modeling_olmo.py (the Hub shows 6.89B): embed 50,304 × 4,096 = 206,045,184;
    // per layer q/k/v/o 4 × 4,096² = 67,108,864 + gate/up/down 3 × 4,096 × 11,008 = 135,266,304 →
    // 202,375,168 × 32 = 6,476,005,376; OlmoLayerNorm has no weight or bias; untied lm_head 206,045,184.
    expect(parameters?.total).toBe(6_888_095_744);
    expect(parameters?.estimated).toBe(false);
    expect(parameters!.breakdown.norm).toBeUndefined();
  });

  it("OLMo-1B-hf (tied): 1,176,764,416", () => {
    // Derived: embed 50,304 × 2,048 = 103,022,592; per layer 4 × 2,048² + 3 × 2,048 × 8,192 =
    // 67,108,864 × 16 = 1,073,741,824; tied head (the Hub shows 1.18B).
    expect(totalOf(readFixtureConfig("allenai--OLMo-1B-hf"))).toBe(1_176_764_416);
  });

  it("defaults from configuration_olmo.py: untied, K/V heads follow the heads", () => {
    const { model, parameters } = analyzeConfig({ ...small, model_type: "olmo" });
    expect(model.numKvHeads.value).toBe(4);
    expect(model.tieWordEmbeddings.value).toBe(false);
    expect(parameters!.breakdown.lmHead).toBe(100 * 64);
  });
});

describe("cohere (modeling_cohere.py)", () => {
  it("Aya-23-8B: 8,028,033,024, published as 8B", () => {
    const { parameters } = analyzeConfig(readFixtureConfig("CohereForAI--aya-23-8B"));
    // Derived from modeling_cohere.py (no Hub total found; the model card says 8 billion):
    // embed 256,000 × 4,096 = 1,048,576,000; per layer q and o 4,096² each, k and v 1,024 × 4,096
    // each, MLP 3 × 4,096 × 14,336 = 176,160,768, one weight-only input_layernorm 4,096 →
    // 218,107,904 × 32 = 6,979,452,928; final norm 4,096; tied (CohereConfig default).
    expect(parameters?.total).toBe(8_028_033_024);
    expect(parameters?.estimated).toBe(false);
    expect(parameters!.total / 1e9).toBeCloseTo(8.0, 1);
  });

  it("use_qk_norm adds per-head norms shaped [heads, head_dim]", () => {
    const config = readFixtureConfig("CohereForAI--aya-23-8B");
    const s = shapes({ ...config, use_qk_norm: true });
    expect(s.get("model.layers.0.self_attn.q_norm.weight")).toEqual([32, 128]);
    expect(s.get("model.layers.0.self_attn.k_norm.weight")).toEqual([8, 128]);
    expect(totalOf({ ...config, use_qk_norm: true }) - totalOf(config)).toBe(32 * (32 + 8) * 128);
  });

  it("defaults from configuration_cohere.py: tied, no qk norm, K/V heads follow the heads, no post-attention norm", () => {
    const { model, parameters } = analyzeConfig({ ...small, model_type: "cohere" });
    expect(model.tieWordEmbeddings.value).toBe(true);
    expect(model.numKvHeads.value).toBe(4);
    expect(parameters!.breakdown.lmHead).toBeUndefined();
    // input_layernorm (64) + final norm (64), weights only.
    expect(parameters!.breakdown.norm).toBe(128);
  });
});

describe("stablelm (modeling_stablelm.py)", () => {
  it("StableLM-3B-4E1T: 2,795,443,200, the model card's count", () => {
    const { parameters } = analyzeConfig(readFixtureConfig("stabilityai--stablelm-3b-4e1t"));
    // Model card of stabilityai/stablelm-3b-4e1t, "Parameters 2,795,443,200". By modeling_stablelm.py:
    // embed 50,304 × 2,560 = 128,778,240; per layer 4 × 2,560² + 3 × 2,560 × 6,912 + two LayerNorms
    // with bias 10,240 = 79,308,800 × 32 = 2,537,881,600; final norm 5,120; untied lm_head 128,778,240.
    expect(parameters?.total).toBe(2_795_443_200);
    expect(parameters?.estimated).toBe(false);
  });

  it("use_qkv_bias, use_parallel_residual and qk_layernorm", () => {
    const config = readFixtureConfig("stabilityai--stablelm-3b-4e1t");
    expect(totalOf({ ...config, use_qkv_bias: true }) - totalOf(config)).toBe(32 * 3 * 2560);
    expect(totalOf(config) - totalOf({ ...config, use_parallel_residual: true })).toBe(32 * 2 * 2560);
    // One bias-free LayerNorm over head_dim 80 per head, for 32 query and 32 key heads.
    expect(totalOf({ ...config, qk_layernorm: true }) - totalOf(config)).toBe(32 * (32 + 32) * 80);
    expect(shapes({ ...config, qk_layernorm: true }).get("model.layers.0.self_attn.k_layernorm.norms.31.weight")).toEqual([80]);
  });

  it("defaults from configuration_stablelm.py: 32 K/V heads whatever the head count, untied", () => {
    const { model, parameters } = analyzeConfig({ ...small, num_attention_heads: 32, model_type: "stablelm" });
    expect(model.numKvHeads.value).toBe(32);
    expect(model.tieWordEmbeddings.value).toBe(false);
    expect(parameters!.breakdown.lmHead).toBe(100 * 64);
  });
});

describe("granite (modeling_granite.py): Llama's layout", () => {
  it("Granite-3.0-2B-Instruct: 2,533,531,648, the model card's 2.5B", () => {
    const { parameters } = analyzeConfig(readFixtureConfig("ibm-granite--granite-3.0-2b-instruct"));
    // Derived from modeling_granite.py (model card table: "# Parameters 2.5B"): embed 49,155 × 2,048
    // = 100,669,440; per layer q and o 2,048² each, k and v 512 × 2,048 each, MLP 3 × 2,048 × 8,192,
    // two RMSNorms 4,096 → 60,821,504 × 40 = 2,432,860,160; final norm 2,048; tied.
    expect(parameters?.total).toBe(2_533_531_648);
    expect(parameters?.estimated).toBe(false);
    expect(parameters!.total / 1e9).toBeCloseTo(2.5, 1);
  });

  it("the multipliers are scalars, not parameters", () => {
    const config = readFixtureConfig("ibm-granite--granite-3.0-2b-instruct");
    expect(totalOf({ ...config, embedding_multiplier: 12, attention_multiplier: 0.015625, residual_multiplier: 0.22, logits_scaling: 8 })).toBe(totalOf(config));
  });

  it("defaults from configuration_granite.py: untied, K/V heads follow the heads", () => {
    const { model, parameters } = analyzeConfig({ ...small, model_type: "granite" });
    expect(model.tieWordEmbeddings.value).toBe(false);
    expect(model.numKvHeads.value).toBe(4);
    expect(parameters!.breakdown.lmHead).toBe(100 * 64);
  });
});
