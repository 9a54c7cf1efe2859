import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { cacheLayout } from "../../src/facts/cache-layout.js";
import { analyzeConfig, readFixtureConfig } from "../helpers/count.js";

/** RecurrentGemma (modeling_recurrent_gemma.py): RG-LRU recurrent blocks and local attention in a block_types pattern. */

describe("recurrent_gemma", () => {
  const config = readFixtureConfig("google--recurrentgemma-2b");

  it("google/recurrentgemma-2b counts 2,682,862,080 (Hub 2.68B)", () => {
    const d = 2560;
    const recurrent = 3 * (d * d + d) + (d * 4 + d) + d + 2 * 10 * 256 * 256 + 2 * 10 * 256;
    const attention = 2 * d * d + 2 * 256 * d + d; // q/o, one KV head of 256, o_proj bias
    const perLayer = 3 * 7680 * d + 2 * 7680 + d + 2 * d; // GeGLU of 15360 / 2 with biases, 2 norms
    const total = 18 * recurrent + 8 * attention + 26 * perLayer + 256_000 * d + d;
    expect(total).toBe(2_682_862_080);
    expect(analyzeConfig(config).parameters!.total).toBe(total);
  });

  it("names the RG-LRU and attention blocks; the head is tied", () => {
    const { inventory, parameters } = analyzeConfig(config);
    const names = new Map([...expandTensors(inventory!)].map((t) => [t.name, t.shape]));
    expect(names.get("model.layers.0.temporal_block.rg_lru.input_gate_weight")).toEqual([10, 256, 256]);
    expect(names.get("model.layers.0.temporal_block.rg_lru.recurrent_gate_bias")).toEqual([10, 256]);
    expect(names.get("model.layers.0.temporal_block.conv_1d.weight")).toEqual([2560, 1, 4]);
    expect(names.get("model.layers.2.temporal_block.o_proj.bias")).toEqual([2560]);
    expect(names.has("model.layers.2.temporal_block.q_proj.bias")).toBe(false);
    expect(names.get("model.layers.25.mlp_block.down_proj.bias")).toEqual([2560]);
    expect(names.get("model.final_norm.weight")).toEqual([2560]);
    expect(parameters!.tied).toEqual([{ name: "lm_head.weight", tiedTo: "model.embed_tokens.weight" }]);
  });

  it("the attention blocks are local: 8 sliding layers of attention_window_size 2048 in the cache layout", () => {
    const { model, inventory } = analyzeConfig(config);
    const layout = cacheLayout(model, inventory!)!;
    expect(layout.slidingLayers).toBe(8);
    expect(layout.window).toBe(2048);
    expect(layout.ssmLayers).toBe(18);
  });

  it("defaults: intermediate 3·hidden, lru_width = hidden, KV heads = heads, block pattern r, r, a", () => {
    const small = { model_type: "recurrent_gemma", architectures: ["RecurrentGemmaModel"], hidden_size: 64, num_hidden_layers: 4, num_attention_heads: 4, vocab_size: 100 };
    const { inventory } = analyzeConfig(small);
    const names = new Map([...expandTensors(inventory!)].map((t) => [t.name, t.shape]));
    expect(names.get("layers.0.mlp_block.gate_proj.weight")).toEqual([96, 64]);
    expect(names.get("layers.2.temporal_block.k_proj.weight")).toEqual([64, 64]);
    expect(names.get("layers.3.temporal_block.rg_lru.input_gate_weight")).toEqual([4, 16, 16]);
  });
});
