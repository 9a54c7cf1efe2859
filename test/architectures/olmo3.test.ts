import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

describe("olmo3 (modeling_olmo3.py)", () => {
  const config = readFixtureConfig("allenai--Olmo-3-1025-7B");

  it("OLMo 3 7B: 7,298,011,136, as published", () => {
    // embed 100,278 × 4,096 = 410,738,688; per layer q/k/v/o 4 × 4,096² = 67,108,864, q_norm + k_norm
    // 8,192, gate/up/down 3 × 11,008 × 4,096 = 135,266,304, two norms 8,192 → 202,391,552 × 32;
    // norm 4,096; lm_head 410,738,688.
    expect(2 * 410_738_688 + 202_391_552 * 32 + 4_096).toBe(7_298_011_136);
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(7_298_011_136);
    expect(parameters?.estimated).toBe(false);
  });

  it("OLMo-2's layout: full-width q/k norms, norms after attention and MLP, no input_layernorm", () => {
    const t = new Map([...expandTensors(analyzeConfig(config).inventory!)].map((x) => [x.name, x.shape]));
    expect(t.get("model.layers.0.self_attn.q_norm.weight")).toEqual([4096]);
    expect(t.get("model.layers.0.post_feedforward_layernorm.weight")).toEqual([4096]);
    expect(t.has("model.layers.0.input_layernorm.weight")).toBe(false);
    expect(t.get("lm_head.weight")).toEqual([100278, 4096]);
  });

  it("sliding window 4,096 on the layers layer_types marks sliding: 24 of 32", () => {
    const { model, facts } = analyzeConfig(config);
    expect(model.slidingWindow.value).toBe(4096);
    expect(facts.memory?.kvCache?.layers).toMatchObject({ full: 8, sliding: 24 });
    expect(facts.memory?.kvCache?.slidingWindow).toBe(4096);
  });

  it("Olmo3Model drops lm_head; grouped KV shrinks k_norm with k_proj", () => {
    expect(totalOf(config) - totalOf({ ...config, architectures: ["Olmo3Model"] })).toBe(410_738_688);
    // 8 KV heads: k_proj, v_proj and k_norm shrink to a quarter.
    expect(totalOf(config) - totalOf({ ...config, num_key_value_heads: 8 })).toBe(32 * (2 * 3072 * 4096 + 3072));
  });
});
