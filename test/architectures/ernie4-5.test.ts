import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * ERNIE 4.5 MoE (modeling_ernie4_5_moe.py). Source: derived from the modeling file (below); the
 * Hub's Model size for baidu/ERNIE-4.5-21B-A3B-PT is 21.8B, baidu's card 21B total / 3B activated.
 */
describe("ernie4_5_moe (baidu/ERNIE-4.5-21B-A3B-PT)", () => {
  const config = readFixtureConfig("baidu--ERNIE-4.5-21B-A3B-PT");
  const d = 2560;
  const swiglu = (ff: number) => 3 * d * ff;

  it("counts 21,825,437,888 by hand, the correction bias included (an nn.Parameter)", () => {
    const attention = 2 * d * d + 2 * 512 * d; // 20 heads and 4 KV heads of 128, no biases
    const moeLayer = 64 * swiglu(1536) + swiglu(2 * 1536) + 64 * d + 64; // experts, 2 shared, gate, moe_statics
    const total = 28 * (attention + 2 * d) + swiglu(12_288) + 27 * moeLayer + 103_424 * d + d; // tied head
    expect(total).toBe(21_825_437_888);
    const { parameters, inventory } = analyzeConfig(config);
    expect(parameters?.total).toBe(total);
    expect(parameters?.active).toBe(total - 27 * 58 * swiglu(1536)); // top-6 of 64
    expect(Math.round(parameters!.active / 1e9)).toBe(3);
    expect(inventory!.notes.join(" ")).toMatch(/nn\.Parameter/);
  });

  it("names: moe_statics, shared_experts, dense layer 0, tied lm_head", () => {
    const s = shapes(config);
    expect(s.get("model.layers.1.mlp.moe_statics.e_score_correction_bias")).toEqual([1, 64]);
    expect(s.get("model.layers.1.mlp.gate.weight")).toEqual([64, 2560]);
    expect(s.get("model.layers.27.mlp.experts.63.down_proj.weight")).toEqual([2560, 1536]);
    expect(s.get("model.layers.1.mlp.shared_experts.gate_proj.weight")).toEqual([3072, 2560]);
    expect(s.get("model.layers.0.mlp.up_proj.weight")).toEqual([12288, 2560]);
    expect(s.has("model.layers.0.mlp.gate.weight")).toBe(false);
    expect(s.has("lm_head.weight")).toBe(false);
  });

  it("use_bias reaches attention, MLPs and the (tied) LM head's bias; the MoE span follows the config", () => {
    const perLayerAttn = 2560 + 512 + 512 + 2560;
    const expertBias = 2 * 1536 + 2560;
    const biasAdds = 28 * perLayerAttn + (2 * 12_288 + 2560) + 27 * (64 * expertBias + (2 * 3072 + 2560)) + 103_424;
    expect(totalOf({ ...config, use_bias: true }) - totalOf(config)).toBe(biasAdds);
    // moe_layer_end_index 26: the last layer becomes dense.
    expect(totalOf({ ...config, moe_layer_end_index: 26 }) - totalOf(config)).toBe(swiglu(12_288) - (66 * swiglu(1536) + 64 * d + 64));
  });
});
