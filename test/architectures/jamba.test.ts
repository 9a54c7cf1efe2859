import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig } from "../helpers/count.js";

/**
 * Jamba (modeling_jamba.py). Module counts are derived from the modeling file with the arithmetic
 * shown and were cross-checked by instantiating JambaForCausalLM on the meta device with
 * transformers 5.18.
 */

describe("jamba", () => {
  const d = 4096;
  // Jamba-v0.1: 32 layers; attention where i % 8 == 4 (4 layers), Mamba elsewhere (28); experts
  // where i % 2 == 1 (16 layers), dense SwiGLU elsewhere (16).
  const attention = 2 * d * d + 2 * 1024 * d; // q, o [4096, 4096]; k, v [1024, 4096]
  const inner = 2 * d;
  const mamba = 2 * inner * d + (inner * 4 + inner) + (256 + 32) * inner + (inner * 256 + inner) + (inner * 16 + inner) + d * inner + 256 + 16 + 16;
  const mlp = 3 * d * 14_336;
  const moe = 16 * d + 16 * mlp;
  const total = 4 * attention + 28 * mamba + 16 * mlp + 16 * moe + 32 * 2 * d + d + 2 * 65_536 * d;

  it("ai21labs/Jamba-v0.1 counts 51,570,323,328: the model card's 52B total (51.6B)", () => {
    expect(total).toBe(51_570_323_328);
    const { parameters } = analyzeConfig(readFixtureConfig("ai21labs--Jamba-v0.1"));
    expect(parameters!.total).toBe(total);
    expect(parameters!.estimated).toBe(false);
    expect((total / 1e9).toFixed(1)).toBe("51.6");
  });

  it("activates 12B per token with 2 of 16 experts (model card: 12B active)", () => {
    const active = total - 16 * 14 * mlp;
    const { parameters } = analyzeConfig(readFixtureConfig("ai21labs--Jamba-v0.1"));
    expect(parameters!.active).toBe(active);
    expect(Math.round(active / 1e9)).toBe(12);
  });

  it("places attention, Mamba, dense and sparse blocks by period and offset", () => {
    const { inventory } = analyzeConfig(readFixtureConfig("ai21labs--Jamba-v0.1"));
    const names = new Map([...expandTensors(inventory!)].map((t) => [t.name, t.shape]));
    expect(names.get("model.layers.4.self_attn.k_proj.weight")).toEqual([1024, 4096]);
    expect(names.has("model.layers.4.mamba.in_proj.weight")).toBe(false);
    expect(names.get("model.layers.0.mamba.conv1d.weight")).toEqual([8192, 1, 4]);
    expect(names.get("model.layers.0.mamba.dt_layernorm.weight")).toEqual([256]);
    expect(names.get("model.layers.0.feed_forward.gate_proj.weight")).toEqual([14336, 4096]);
    expect(names.get("model.layers.1.feed_forward.router.weight")).toEqual([16, 4096]);
    expect(names.get("model.layers.31.feed_forward.experts.15.down_proj.weight")).toEqual([4096, 14336]);
    expect(names.get("model.layers.31.pre_ff_layernorm.weight")).toEqual([4096]);
    expect(names.get("model.final_layernorm.weight")).toEqual([4096]);
  });

  it("defaults: attention every 8th layer from 4, experts every 2nd from 1, dt rank ceil(hidden/16) (configuration_jamba.py)", () => {
    const config = { model_type: "jamba", architectures: ["JambaForCausalLM"], hidden_size: 64, intermediate_size: 96, num_hidden_layers: 8, num_attention_heads: 4, vocab_size: 100 };
    const { inventory, model } = analyzeConfig(config);
    expect(model.numKvHeads.value).toBe(8);
    expect(model.numExperts.value).toBe(16);
    const layersOf = (name: string) => inventory!.tensors.find((t) => t.name === name)!.layers;
    expect(layersOf("model.layers.{i}.self_attn.q_proj.weight")).toEqual([4]);
    expect(layersOf("model.layers.{i}.feed_forward.router.weight")).toEqual([1, 3, 5, 7]);
    expect(inventory!.tensors.find((t) => t.name === "model.layers.{i}.mamba.dt_proj.weight")!.shape).toEqual([128, 4]);
  });

  it("tiny configs total what transformers 5.18 builds", () => {
    const base = { model_type: "jamba", hidden_size: 64, intermediate_size: 96, num_attention_heads: 4, num_key_value_heads: 2, vocab_size: 100 };
    // Attention at 1 and 4, experts at even layers, biased Mamba projections, no conv bias.
    const sparse = { ...base, num_hidden_layers: 6, num_experts: 4, num_experts_per_tok: 2, attn_layer_period: 3, attn_layer_offset: 1, expert_layer_period: 2, expert_layer_offset: 0, mamba_d_state: 8, mamba_dt_rank: "auto", mamba_proj_bias: true, mamba_conv_bias: false };
    expect(analyzeConfig(sparse).parameters!.total).toBe(434_576);
    // num_experts 1: every feed-forward dense; tied head.
    const dense = { ...base, num_hidden_layers: 4, num_experts: 1, attn_layer_period: 2, attn_layer_offset: 0, mamba_dt_rank: 5, tie_word_embeddings: true };
    expect(analyzeConfig(dense).parameters!.total).toBe(171_146);
  });
});
