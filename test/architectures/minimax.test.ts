import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * MiniMax-Text-01 (modeling_minimax.py). Source: derived from the modeling file (below); MiniMax's
 * report gives 456B total and 45.9B activated; a public table lists 456,089,655,296 parameters for
 * MiniMax-M1 (same architecture and sizes).
 */
describe("minimax (MiniMaxAI/MiniMax-Text-01-hf)", () => {
  const config = readFixtureConfig("MiniMaxAI--MiniMax-Text-01-hf");
  const d = 6144;
  const q = 64 * 128;
  const lightning = 3 * q * d + d * q + q * d + q; // qkv_proj, out_proj, output_gate, norm
  const softmax = 2 * q * d + 2 * 1024 * d; // q/o and k/v (8 KV heads)
  const expert = 3 * d * 9216;

  it("counts 456,089,655,296 by hand: 70 lightning + 10 softmax layers, 45.9B active without embeddings", () => {
    const total = 70 * lightning + 10 * softmax + 80 * (32 * expert + 32 * d + 2 * d) + 2 * 200_064 * d + d;
    expect(total).toBe(456_089_655_296);
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(total);
    expect(parameters?.active).toBe(total - 80 * 30 * expert);
    expect(Math.round((parameters!.active - 2 * 200_064 * d) / 1e8) / 10).toBe(45.9);
  });

  it("names: lightning tensors on linear layers, q/k/v/o on every 8th, Mixtral-style experts; no decay buffers", () => {
    const s = shapes(config);
    expect(s.get("model.layers.0.self_attn.qkv_proj.weight")).toEqual([24576, 6144]);
    expect(s.get("model.layers.0.self_attn.output_gate.weight")).toEqual([8192, 6144]);
    expect(s.get("model.layers.0.self_attn.norm.weight")).toEqual([8192]);
    expect(s.has("model.layers.0.self_attn.q_proj.weight")).toBe(false);
    expect(s.get("model.layers.7.self_attn.k_proj.weight")).toEqual([1024, 6144]);
    expect(s.has("model.layers.7.self_attn.qkv_proj.weight")).toBe(false);
    expect(s.get("model.layers.79.block_sparse_moe.experts.31.w2.weight")).toEqual([6144, 9216]);
    expect(s.get("model.layers.0.block_sparse_moe.gate.weight")).toEqual([32, 6144]);
    expect([...s.keys()].some((n) => /slope_rate|decay/.test(n))).toBe(false);
  });

  it("layer kinds: layer_types, else the remote-code attn_type_list, else MiniMaxConfig's alternation", () => {
    const { layer_types: _omit, ...noTypes } = config;
    const attnTypeList = Array.from({ length: 80 }, (_, i) => (i % 8 === 7 ? 1 : 0));
    expect(totalOf({ ...noTypes, attn_type_list: attnTypeList })).toBe(456_089_655_296);
    expect(totalOf(noTypes)).toBe(456_089_655_296 - 30 * (lightning - softmax));
  });
});
