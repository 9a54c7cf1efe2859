import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * dots.llm1 (modeling_dots1.py: Qwen3 attention on DeepSeek-V3's MoE). Source: derived from the
 * modeling file (below); rednote-hilab's model card gives 142B total / 14B activated.
 */
describe("dots1 (rednote-hilab/dots.llm1.base)", () => {
  const config = readFixtureConfig("rednote-hilab--dots.llm1.base");
  const d = 4096;
  const swiglu = (ff: number) => 3 * d * ff;

  it("counts 142,774,373,888 by hand and 14.0B active", () => {
    const attention = 4 * d * d + 2 * 128; // 32 heads and 32 KV heads of 128, per-head q/k norms
    const moeLayer = 128 * swiglu(1408) + swiglu(2 * 1408) + 128 * d; // routed, 2 shared (fused), router
    const total = 62 * (attention + 2 * d) + swiglu(10_944) + 61 * moeLayer + 2 * 152_064 * d + d;
    expect(total).toBe(142_774_373_888);
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(total);
    expect(parameters?.active).toBe(total - 61 * 122 * swiglu(1408));
    expect(Math.round(parameters!.active / 1e9)).toBe(14);
  });

  it("names: Qwen3 q_norm/k_norm, shared_experts 2 × 1,408 wide, untied head", () => {
    const s = shapes(config);
    expect(s.get("model.layers.0.self_attn.q_norm.weight")).toEqual([128]);
    expect(s.get("model.layers.0.self_attn.k_norm.weight")).toEqual([128]);
    expect(s.has("model.layers.0.self_attn.q_proj.bias")).toBe(false);
    expect(s.get("model.layers.0.mlp.down_proj.weight")).toEqual([4096, 10944]);
    expect(s.get("model.layers.61.mlp.shared_experts.gate_proj.weight")).toEqual([2816, 4096]);
    expect(s.get("model.layers.61.mlp.experts.127.up_proj.weight")).toEqual([1408, 4096]);
    expect(s.get("lm_head.weight")).toEqual([152064, 4096]);
  });

  it("Dots1Config defaults: no routed experts means every layer is dense; no sliding window on 62 layers", () => {
    const { parameters, inventory, model } = analyzeConfig({ architectures: ["Dots1ForCausalLM"], model_type: "dots1" });
    expect(parameters?.breakdown.router ?? 0).toBe(0);
    expect(inventory?.expertsPerToken).toBeNull();
    expect(model.slidingWindow.value).toBeNull();
    expect(totalOf({ ...config, architectures: ["Dots1Model"] })).toBe(142_774_373_888 - 152_064 * d);
  });
});
