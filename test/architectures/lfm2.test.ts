import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig } from "../helpers/count.js";

/** LFM2 (modeling_lfm2.py): gated short-conv layers and GQA layers per layer_types. */

function lfm2(d: number, heads: number, kv: number, ff: number, attnLayers: number, convLayers: number, vocab: number): number {
  const hd = d / heads;
  const attention = heads * hd * d * 2 + 2 * kv * hd * d + 2 * hd; // q, out_proj, k, v, q/k layernorms
  const conv = d * 3 + 3 * d * d + d * d; // conv [d, 1, 3], in_proj, out_proj
  const perLayer = 3 * ff * d + 2 * d; // w1, w3, w2, operator_norm, ffn_norm
  return attnLayers * attention + convLayers * conv + (attnLayers + convLayers) * perLayer + vocab * d + d;
}

describe("lfm2", () => {
  it("LiquidAI/LFM2-1.2B counts 1,170,340,608, its model card's number", () => {
    // block_ff_dim 12288 → int(2·12288/3) = 8192, already a multiple of 256.
    expect(lfm2(2048, 32, 8, 8192, 6, 10, 65_536)).toBe(1_170_340_608);
    expect(analyzeConfig(readFixtureConfig("LiquidAI--LFM2-1.2B")).parameters!.total).toBe(1_170_340_608);
  });

  it("LiquidAI/LFM2-350M counts 354,483,968, its model card's number (ff 6656 → 4437 → 4608)", () => {
    expect(lfm2(1024, 16, 8, 4608, 6, 10, 65_536)).toBe(354_483_968);
    expect(analyzeConfig(readFixtureConfig("LiquidAI--LFM2-350M")).parameters!.total).toBe(354_483_968);
  });

  it("names conv and attention layers as Lfm2ForCausalLM saves them; the head is tied", () => {
    const { inventory, parameters } = analyzeConfig(readFixtureConfig("LiquidAI--LFM2-1.2B"));
    const names = new Map([...expandTensors(inventory!)].map((t) => [t.name, t.shape]));
    expect(names.get("model.layers.0.conv.conv.weight")).toEqual([2048, 1, 3]);
    expect(names.get("model.layers.0.conv.in_proj.weight")).toEqual([6144, 2048]);
    expect(names.has("model.layers.2.conv.in_proj.weight")).toBe(false);
    expect(names.get("model.layers.2.self_attn.out_proj.weight")).toEqual([2048, 2048]);
    expect(names.get("model.layers.2.self_attn.q_layernorm.weight")).toEqual([64]);
    expect(names.get("model.layers.15.feed_forward.w2.weight")).toEqual([2048, 8192]);
    expect(names.get("model.embedding_norm.weight")).toEqual([2048]);
    expect(parameters!.tied).toEqual([{ name: "lm_head.weight", tiedTo: "model.embed_tokens.weight" }]);
  });

  it("defaults: full_attn_idxs when no layer_types, every layer attention with neither; auto-adjust off keeps ff", () => {
    const small = { model_type: "lfm2", architectures: ["Lfm2Model"], hidden_size: 64, intermediate_size: 96, num_hidden_layers: 3, num_attention_heads: 4, num_key_value_heads: 2, vocab_size: 100 };
    const layersOf = (config: Record<string, unknown>, name: string) => analyzeConfig(config).inventory!.tensors.find((t) => t.name === name)?.layers;
    expect(layersOf(small, "layers.{i}.self_attn.q_proj.weight")).toEqual([0, 1, 2]);
    expect(layersOf({ ...small, full_attn_idxs: [1] }, "layers.{i}.self_attn.q_proj.weight")).toEqual([1]);
    expect(layersOf({ ...small, full_attn_idxs: [1] }, "layers.{i}.conv.in_proj.weight")).toEqual([0, 2]);
    const w1 = (config: Record<string, unknown>) => analyzeConfig(config).inventory!.tensors.find((t) => t.name === "layers.{i}.feed_forward.w1.weight")!.shape;
    expect(w1(small)).toEqual([256, 64]); // int(2·96/3) = 64 → rounded up to 256
    expect(w1({ ...small, block_auto_adjust_ff_dim: false })).toEqual([96, 64]);
  });
});
