import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { cacheLayout } from "../../src/facts/cache-layout.js";
import { analyzeConfig, readFixtureConfig } from "../helpers/count.js";

/** Bamba (modeling_bamba.py): Mamba-2 layers with Llama attention at attn_layer_indices. */

describe("bamba", () => {
  const config = readFixtureConfig("ibm-ai-platform--Bamba-9B");
  const d = 4096;
  const inner = 8192;
  const convDim = inner + 2 * 1 * 128; // n_groups 1, d_state 128
  const mamba = (inner + convDim + 128) * d + convDim * 4 + convDim + 3 * 128 + inner + d * inner;
  const attention = 2 * d * d + 2 * 1024 * d;
  const ffn = 3 * d * 14_336 + 2 * d; // SwiGLU + input_layernorm + pre_ff_layernorm

  it("ibm-ai-platform/Bamba-9B counts 9,780,235,392 (Hub model size 9.78B)", () => {
    expect(mamba).toBe(102_286_976);
    const total = 29 * mamba + 3 * attention + 32 * ffn + 2 * 128_256 * d + d;
    expect(total).toBe(9_780_235_392);
    expect(analyzeConfig(config).parameters!.total).toBe(total);
  });

  it("puts attention at 9, 18, 27 and the Mamba-2 mixer elsewhere", () => {
    const { inventory } = analyzeConfig(config);
    const names = new Map([...expandTensors(inventory!)].map((t) => [t.name, t.shape]));
    expect(names.get("model.layers.9.self_attn.k_proj.weight")).toEqual([1024, 4096]);
    expect(names.has("model.layers.9.mamba.in_proj.weight")).toBe(false);
    expect(names.get("model.layers.0.mamba.in_proj.weight")).toEqual([16768, 4096]);
    expect(names.get("model.layers.0.mamba.conv1d.weight")).toEqual([8448, 1, 4]);
    expect(names.get("model.layers.0.mamba.norm.weight")).toEqual([8192]);
    expect(names.get("model.layers.31.feed_forward.down_proj.weight")).toEqual([4096, 14336]);
    expect(names.get("model.final_layernorm.weight")).toEqual([4096]);
    expect(names.get("lm_head.weight")).toEqual([128256, 4096]);
  });

  it("the KV cache covers only the 3 attention layers (cache-layout reads the ssm role)", () => {
    const { model, inventory } = analyzeConfig(config);
    const layout = cacheLayout(model, inventory!)!;
    expect(layout.ssmLayers).toBe(29);
    expect(layout.fullLayers).toBe(3);
  });

  it("defaults: no attn_layer_indices means every layer is Mamba; untied; BambaModel has no head", () => {
    const small = { model_type: "bamba", architectures: ["BambaModel"], hidden_size: 64, intermediate_size: 96, num_hidden_layers: 2, num_attention_heads: 4, num_key_value_heads: 2, vocab_size: 100, mamba_n_heads: 8, mamba_d_state: 16 };
    const { inventory, parameters } = analyzeConfig(small);
    expect(inventory!.tensors.some((t) => t.role === "attention")).toBe(false);
    const conv = 128 + 2 * 16;
    const layer = (128 + conv + 8) * 64 + conv * 5 + 24 + 128 + 64 * 128 + 3 * 64 * 96 + 2 * 64;
    expect(parameters!.total).toBe(2 * layer + 100 * 64 + 64);
  });
});
