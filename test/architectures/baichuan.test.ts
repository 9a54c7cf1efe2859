import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

describe("baichuan (remote modeling_baichuan.py)", () => {
  const config = readFixtureConfig("baichuan-inc--Baichuan2-7B-Chat");

  it("Baichuan2-7B: 7,505,973,248 by hand", () => {
    // embed 125,696 × 4,096 = 514,850,816; per layer W_pack 3·4,096² = 50,331,648, o_proj 16,777,216,
    // gate/up/down 3 × 11,008 × 4,096 = 135,266,304, two RMSNorms 8,192 → 202,383,360 × 32 =
    // 6,476,267,520; norm 4,096; NormHead lm_head 514,850,816.
    expect(2 * 514_850_816 + 202_383_360 * 32 + 4_096).toBe(7_505_973_248);
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(7_505_973_248);
    expect(parameters?.estimated).toBe(false);
  });

  it("W_pack fuses q, k and v; no biases; lm_head is one weight", () => {
    const t = new Map([...expandTensors(analyzeConfig(config).inventory!)].map((x) => [x.name, x.shape]));
    expect(t.get("model.layers.0.self_attn.W_pack.weight")).toEqual([12288, 4096]);
    expect([...t.keys()].some((n) => n.endsWith(".bias"))).toBe(false);
    expect(t.get("lm_head.weight")).toEqual([125696, 4096]);
  });

  it("Baichuan2-13B (ALiBi, model_max_length only): 13,896,668,160", () => {
    const { max_position_embeddings: _, ...rest } = config;
    const c13 = { ...rest, hidden_size: 5120, intermediate_size: 13696, num_hidden_layers: 40, num_attention_heads: 40 };
    expect(totalOf(c13)).toBe(2 * 125_696 * 5_120 + 40 * (4 * 5120 ** 2 + 3 * 13_696 * 5_120 + 2 * 5_120) + 5_120);
    expect(totalOf(c13)).toBe(13_896_668_160);
    expect(analyzeConfig(c13).model.maxPositions.value).toBe(4096);
  });

  it("Baichuan-7B (v1) spells the class BaiChuanForCausalLM: the same layout", () => {
    const { model, parameters } = analyzeConfig({ ...config, architectures: ["BaiChuanForCausalLM"], vocab_size: 64000 });
    expect(model.estimateReason).toBeNull();
    expect(parameters?.total).toBe(2 * 64_000 * 4_096 + 202_383_360 * 32 + 4_096);
  });
});
