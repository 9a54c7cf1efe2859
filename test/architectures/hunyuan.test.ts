import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Hunyuan MoE (modeling_hunyuan_v1_moe.py). Source: derived from the modeling file (below); a
 * public write-up says the same ledger reproduces the safetensors headers of Hunyuan-A13B exactly
 * (80,393,183,232); Tencent's card: 80B total, 13B active.
 */
describe("hunyuan_v1_moe (tencent/Hunyuan-A13B-Instruct)", () => {
  const config = readFixtureConfig("tencent--Hunyuan-A13B-Instruct");
  const d = 4096;
  const mlp = 3 * d * 3072;

  it("counts 80,393,183,232 by hand and 12.7B active", () => {
    const attention = 2 * d * d + 2 * 1024 * d + 2 * 128; // + query/key_layernorm [128]
    const layer = attention + 2 * d + mlp /* shared_mlp */ + 64 * mlp + 64 * d; /* gate.wg */
    const total = 32 * layer + 128_167 * d + d; // tied head
    expect(total).toBe(80_393_183_232);
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(total);
    expect(parameters?.active).toBe(total - 32 * 56 * mlp);
    expect(Math.round(parameters!.active / 1e9)).toBe(13);
  });

  it("reads the per-layer moe_topk list without a type finding, and names tensors as the class does", () => {
    const { model } = analyzeConfig(config);
    expect(model.expertsPerToken.value).toBe(8);
    expect(model.problems).toEqual([]);
    const s = shapes(config);
    expect(s.get("model.layers.0.self_attn.query_layernorm.weight")).toEqual([128]);
    expect(s.get("model.layers.0.self_attn.key_layernorm.weight")).toEqual([128]);
    expect(s.get("model.layers.31.mlp.gate.wg.weight")).toEqual([64, 4096]);
    expect(s.get("model.layers.0.mlp.shared_mlp.down_proj.weight")).toEqual([4096, 3072]);
    expect(s.get("model.layers.0.mlp.experts.63.gate_proj.weight")).toEqual([3072, 4096]);
    expect(s.has("lm_head.weight")).toBe(false);
  });

  it("heads and switches: sequence classification, no shared MLP, per-layer expert counts", () => {
    expect(totalOf({ ...config, architectures: ["HunYuanMoEV1ForSequenceClassification"] }) - totalOf(config)).toBe(2 * d);
    expect(totalOf(config) - totalOf({ ...config, use_mixed_mlp_moe: false })).toBe(32 * mlp);
    const perLayer = { ...config, num_experts: [...Array(16).fill(64), ...Array(16).fill(32)] };
    expect(totalOf(config) - totalOf(perLayer)).toBe(16 * 32 * (mlp + d));
  });
});
