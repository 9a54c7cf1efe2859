import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

describe("seed_oss (modeling_seed_oss.py)", () => {
  it("Seed-OSS-36B-Instruct: 36,151,104,512", () => {
    // Per layer q 10,240 × 5,120 + 10,240, k and v 1,024 × 5,120 + 1,024 each, o 5,120 × 10,240,
    // MLP 3 × 5,120 × 27,648 = 424,673,280, norms 10,240 → 540,039,168 × 64 = 34,562,506,752;
    // final norm 5,120; embed and lm_head 155,136 × 5,120 = 794,296,320 each.
    expect(totalOf(readFixtureConfig("ByteDance-Seed--Seed-OSS-36B-Instruct"))).toBe(36_151_104_512);
  });

  it("q/k/v biased (attention_bias), o_proj only with attention_out_bias", () => {
    const config = readFixtureConfig("ByteDance-Seed--Seed-OSS-36B-Instruct");
    const s = shapes(config);
    expect(s.get("model.layers.0.self_attn.q_proj.bias")).toEqual([10240]);
    expect(s.has("model.layers.0.self_attn.o_proj.bias")).toBe(false);
    expect(totalOf({ ...config, attention_out_bias: true }) - totalOf(config)).toBe(64 * 5120);
    expect(totalOf({ ...config, mlp_bias: true }) - totalOf(config)).toBe(64 * (2 * 27648 + 5120));
  });

  it("defaults from SeedOssConfig: q/k/v bias on, untied", () => {
    const c = { model_type: "seed_oss", hidden_size: 64, intermediate_size: 128, num_attention_heads: 4, num_key_value_heads: 2, head_dim: 16, num_hidden_layers: 1, vocab_size: 100 };
    expect(shapes(c).get("model.layers.0.self_attn.q_proj.bias")).toEqual([64]);
    expect(analyzeConfig(c).model.tieWordEmbeddings.value).toBe(false);
  });
});
