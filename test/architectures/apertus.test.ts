import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

describe("apertus (modeling_apertus.py)", () => {
  it("Apertus-8B-2509: 8,053,338,176, the printed num_parameters()", () => {
    // Per layer q and o 4,096², k and v 1,024 × 4,096, up and down 21,504 × 4,096 each,
    // attention_layernorm + feedforward_layernorm 8,192, q/k norms 2 × 128, xIELU alpha_p and
    // alpha_n 2 → 218,112,258 × 32 = 6,979,592,256; final norm 4,096; embed and lm_head 131,072 × 4,096 each.
    const { parameters } = analyzeConfig(readFixtureConfig("swiss-ai--Apertus-8B-2509"));
    expect(parameters?.total).toBe(8_053_338_176);
    expect(parameters?.estimated).toBe(false);
  });

  it("renamed norms, q/k norms, xIELU parameters of shape [1], no gate", () => {
    const s = shapes(readFixtureConfig("swiss-ai--Apertus-8B-2509"));
    expect(s.get("model.layers.0.attention_layernorm.weight")).toEqual([4096]);
    expect(s.get("model.layers.0.feedforward_layernorm.weight")).toEqual([4096]);
    expect(s.has("model.layers.0.input_layernorm.weight")).toBe(false);
    expect(s.get("model.layers.0.self_attn.q_norm.weight")).toEqual([128]);
    expect(s.get("model.layers.0.mlp.act_fn.alpha_p")).toEqual([1]);
    expect(s.get("model.layers.0.mlp.act_fn.alpha_n")).toEqual([1]);
    expect(s.has("model.layers.0.mlp.act_fn.beta")).toBe(false); // a buffer
    expect(s.has("model.layers.0.mlp.gate_proj.weight")).toBe(false);
  });

  it("another activation has no parameters; base model; defaults", () => {
    const config = readFixtureConfig("swiss-ai--Apertus-8B-2509");
    expect(totalOf(config) - totalOf({ ...config, hidden_act: "relu2" })).toBe(64);
    expect(totalOf({ ...config, architectures: ["ApertusModel"] })).toBe(8_053_338_176 - 131_072 * 4096);
    const { model } = analyzeConfig({ model_type: "apertus", hidden_size: 64, intermediate_size: 128, num_attention_heads: 4, num_hidden_layers: 1, vocab_size: 100 });
    expect(model.tieWordEmbeddings.value).toBe(false);
    expect(model.numKvHeads.value).toBe(4);
  });
});
