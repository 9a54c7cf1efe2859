import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig } from "../helpers/count.js";

/** Falcon-H1 (modeling_falcon_h1.py): Mamba-2 mixer and attention side by side in every layer. */

describe("falcon_h1", () => {
  it("tiiuae/Falcon-H1-1.5B-Base counts 1,554,789,760 (Hub 1.55B)", () => {
    const d = 2048;
    const convDim = 3072 + 2 * 256; // mamba_d_ssm 3072, 1 group, state 256
    const mixer = (3072 + convDim + 48) * d + convDim * 4 + convDim + 3 * 48 + d * 3072; // no gated norm (mamba_rms_norm false)
    const attention = 2 * 1024 * d + 2 * 256 * d; // 8 heads × 128, 2 KV heads
    const layer = mixer + attention + 3 * 4608 * d + 2 * d;
    const total = 24 * layer + 2 * 65_537 * d + d;
    expect(total).toBe(1_554_789_760);
    expect(analyzeConfig(readFixtureConfig("tiiuae--Falcon-H1-1.5B-Base")).parameters!.total).toBe(total);
  });

  it("tiiuae/Falcon-H1-7B-Base counts 7,585,513,568 (Hub 7.59B)", () => {
    const d = 3072;
    const convDim = 3072 + 512;
    const layer = (3072 + convDim + 24) * d + convDim * 5 + 72 + d * 3072 + 2 * 1536 * d + 2 * 256 * d + 3 * 12_288 * d + 2 * d;
    expect(44 * layer + 2 * 130_048 * d + d).toBe(7_585_513_568);
    expect(analyzeConfig(readFixtureConfig("tiiuae--Falcon-H1-7B-Base")).parameters!.total).toBe(7_585_513_568);
  });

  it("every layer holds both mixers; no mup_vector or multiplier tensors", () => {
    const { inventory } = analyzeConfig(readFixtureConfig("tiiuae--Falcon-H1-1.5B-Base"));
    const names = new Map([...expandTensors(inventory!)].map((t) => [t.name, t.shape]));
    expect(names.get("model.layers.23.mamba.in_proj.weight")).toEqual([6704, 2048]);
    expect(names.get("model.layers.23.self_attn.q_proj.weight")).toEqual([1024, 2048]);
    expect(names.has("model.layers.0.mamba.norm.weight")).toBe(false);
    expect(names.has("model.layers.0.mamba.out_proj.bias")).toBe(false);
    expect([...names.keys()].some((n) => n.includes("mup") || n.includes("multiplier"))).toBe(false);
    expect(names.get("model.final_layernorm.weight")).toEqual([2048]);
  });

  it("defaults: mamba_d_ssm 1024 when absent, expand × hidden when null; projectors_bias adds out_proj.bias only", () => {
    const small = { model_type: "falcon_h1", architectures: ["FalconH1Model"], hidden_size: 64, intermediate_size: 96, num_hidden_layers: 1, num_attention_heads: 4, num_key_value_heads: 2, vocab_size: 100, mamba_n_heads: 8, mamba_d_state: 16 };
    const inProj = (config: Record<string, unknown>) => [...expandTensors(analyzeConfig(config).inventory!)].find((t) => t.name === "layers.0.mamba.in_proj.weight")!.shape;
    expect(inProj(small)).toEqual([1024 + 1024 + 32 + 8, 64]);
    expect(inProj({ ...small, mamba_d_ssm: null })).toEqual([128 + 128 + 32 + 8, 64]);
    const names = new Set([...expandTensors(analyzeConfig({ ...small, mamba_d_ssm: 128, projectors_bias: true, mamba_rms_norm: true }).inventory!)].map((t) => t.name));
    expect(names.has("layers.0.mamba.out_proj.bias")).toBe(true);
    expect(names.has("layers.0.mamba.in_proj.bias")).toBe(false);
    expect(names.has("layers.0.mamba.norm.weight")).toBe(true);
  });
});
