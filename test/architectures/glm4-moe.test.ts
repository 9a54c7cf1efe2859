import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * GLM-4.5-Air (modeling_glm4_moe.py, transformers main). Source: derived from the modeling file
 * (below); zai-org's model card gives 106B total / 12B active; a public KTransformers benchmark
 * report logs logical_total=106852245504 for the model.
 */
describe("glm4_moe (zai-org/GLM-4.5-Air)", () => {
  const config = readFixtureConfig("zai-org--GLM-4.5-Air");
  const d = 4096;
  const swiglu = (ff: number) => 3 * d * ff;

  it("counts 106,852,245,504 by hand: MTP layer 46 not built, correction bias a buffer", () => {
    // q [96·128, d] and k/v [8·128, d] carry biases (attention_bias), o_proj never does.
    const attention = 12_288 * d + 12_288 + 2 * (1024 * d + 1024) + d * 12_288;
    const moeLayer = 128 * swiglu(1408) + swiglu(1408) + 128 * d; // routed, 1 shared, router
    const total = 46 * (attention + 2 * d) + swiglu(10_944) + 45 * moeLayer + 2 * 151_552 * d + d;
    expect(attention).toBe(109_066_240);
    expect(total).toBe(106_852_245_504);
    const { parameters, inventory } = analyzeConfig(config);
    expect(parameters?.total).toBe(total);
    expect(parameters?.active).toBe(total - 45 * 120 * swiglu(1408));
    expect(Math.round((parameters!.active - 2 * 151_552 * d) / 1e9)).toBe(12); // the card's 12B, embeddings aside
    expect(inventory!.notes.join(" ")).toMatch(/model\.layers\.46\.\* is not part of the class/);
    expect(inventory!.notes.join(" ")).toMatch(/e_score_correction_bias/);
  });

  it("names: layer 0 dense, routed experts per expert, shared_experts, no layer 46", () => {
    const s = shapes(config);
    expect(s.get("model.layers.0.mlp.gate_proj.weight")).toEqual([10944, 4096]);
    expect(s.has("model.layers.0.mlp.gate.weight")).toBe(false);
    expect(s.get("model.layers.1.mlp.gate.weight")).toEqual([128, 4096]);
    expect(s.get("model.layers.45.mlp.experts.127.down_proj.weight")).toEqual([4096, 1408]);
    expect(s.get("model.layers.1.mlp.shared_experts.up_proj.weight")).toEqual([1408, 4096]);
    expect(s.get("model.layers.0.self_attn.q_proj.bias")).toEqual([12288]);
    expect(s.has("model.layers.0.self_attn.o_proj.bias")).toBe(false);
    expect(s.has("model.layers.0.self_attn.q_norm.weight")).toBe(false);
    expect(s.has("model.layers.1.mlp.gate.e_score_correction_bias")).toBe(false);
    expect([...s.keys()].some((n) => n.startsWith("model.layers.46."))).toBe(false);
  });

  it("use_qk_norm adds per-head q/k norms (GLM-4.5); the bare model drops lm_head", () => {
    expect(totalOf({ ...config, use_qk_norm: true }) - totalOf(config)).toBe(46 * 2 * 128);
    expect(totalOf({ ...config, architectures: ["Glm4MoeModel"] })).toBe(106_852_245_504 - 151_552 * d);
    expect(totalOf({ ...config, first_k_dense_replace: 2 }) - totalOf(config)).toBe(swiglu(10_944) - (129 * swiglu(1408) + 128 * d));
  });
});
