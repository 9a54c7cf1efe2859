import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig } from "../helpers/count.js";

/** Zamba / Zamba2 (modeling_zamba.py, modeling_zamba2.py): Mamba backbones with shared transformer blocks counted once. */

describe("zamba", () => {
  const config = readFixtureConfig("Zyphra--Zamba-7B-v1");
  const d = 3712;

  it("Zyphra/Zamba-7B-v1 counts 7,232,490,496 with the shared block once", () => {
    const mamba = 2 * 7424 * d + 7424 * 5 + 2 * (232 + 32) * d + 2 * d * 232 + 7424 + 7424 * 16 + 7424 + d * 7424 + d;
    expect(mamba).toBe(86_530_432);
    const shared = 3 * 7424 * 7424 + d * 7424 + 3 * 14_848 * d + 7424 + d;
    const total = 76 * mamba + 13 * d * d + shared + 32_000 * d + d;
    expect(total).toBe(7_232_490_496);
    expect(analyzeConfig(config).parameters!.total).toBe(total);
  });

  it("places 13 hybrid layers (2, 7, 13, …, 73) and ties the other 12 occurrences of the shared block", () => {
    const { inventory, parameters } = analyzeConfig(config);
    const names = new Map([...expandTensors(inventory!)].map((t) => [t.name, t.shape]));
    expect(inventory!.tensors.find((t) => t.name === "model.layers.{i}.linear.weight")!.layers).toEqual([2, 7, 13, 19, 25, 31, 37, 43, 49, 55, 61, 67, 73]);
    expect(names.get("model.layers.2.shared_transf.self_attn.q_proj.weight")).toEqual([7424, 7424]);
    expect(names.get("model.layers.2.shared_transf.input_layernorm.weight")).toEqual([7424]);
    expect(names.has("model.layers.7.shared_transf.self_attn.q_proj.weight")).toBe(false);
    expect(names.get("model.layers.7.mamba_decoder.mamba.x_proj_weight")).toEqual([2, 264, 3712]);
    expect(names.get("model.layers.0.mamba.A_log")).toEqual([2, 3712, 16]);
    expect(parameters!.tied).toContainEqual({ name: "model.layers.73.shared_transf.feed_forward.down_proj.weight", tiedTo: "model.layers.2.shared_transf.feed_forward.down_proj.weight" });
    expect(parameters!.tied).toContainEqual({ name: "lm_head.weight", tiedTo: "model.embed_tokens.weight" });
  });
});

describe("zamba2", () => {
  const config = readFixtureConfig("Zyphra--Zamba2-2.7B");
  const d = 2560;

  it("Zyphra/Zamba2-2.7B counts 2,662,214,560: 2 shared blocks once each, 9 MLP adapters (one per hybrid invocation)", () => {
    const convDim = 5120 + 128;
    const mamba = (5120 + convDim + 80) * d + convDim * 5 + 240 + 5120 + d * 5120 + d;
    const block = 3 * 5120 * 5120 + d * 5120 + 2 * 10_240 * d + d * 10_240 + 5120 + d;
    const adapter = 128 * d + 2 * 10_240 * 128;
    const total = 54 * mamba + 9 * d * d + 2 * block + 9 * adapter + 32_000 * d + d;
    expect(total).toBe(2_662_214_560);
    expect(analyzeConfig(config).parameters!.total).toBe(total);
  });

  it("block 0 serves hybrid invocations 0, 2, 4, 6, 8 and block 1 serves 1, 3, 5, 7, each with its own adapters", () => {
    const { inventory, parameters } = analyzeConfig(config);
    const names = new Map([...expandTensors(inventory!)].map((t) => [t.name, t.shape]));
    // Hybrid layers 6, 12, 18, 24, 30, 36, 42, 47, 51: block 0 is first used at 6, block 1 at 12.
    expect(names.get("model.layers.6.shared_transformer.feed_forward.gate_up_proj_adapter_list.8.1.weight")).toEqual([20480, 128]);
    expect(names.get("model.layers.12.shared_transformer.feed_forward.gate_up_proj_adapter_list.7.0.weight")).toEqual([128, 2560]);
    expect(names.has("model.layers.12.shared_transformer.feed_forward.gate_up_proj_adapter_list.8.0.weight")).toBe(false);
    expect(names.has("model.layers.6.shared_transformer.self_attn.linear_q_adapter_list.0.0.weight")).toBe(false);
    expect(names.get("model.layers.51.mamba_decoder.mamba.in_proj.weight")).toEqual([10448, 2560]);
    expect(parameters!.tied).toContainEqual({ name: "model.layers.51.shared_transformer.self_attn.q_proj.weight", tiedTo: "model.layers.6.shared_transformer.self_attn.q_proj.weight" });
  });

  it("use_shared_attention_adapter adds q/k/v adapters per invocation: 9 × 3 × 2·(2·2560·128)", () => {
    const base = analyzeConfig(config).parameters!.total;
    expect(analyzeConfig({ ...config, use_shared_attention_adapter: true }).parameters!.total - base).toBe(9 * 3 * 2 * 2 * d * 128);
  });
});
