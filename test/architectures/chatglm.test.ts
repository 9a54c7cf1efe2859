import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

describe("chatglm (remote modeling_chatglm.py)", () => {
  const config = readFixtureConfig("THUDM--chatglm3-6b");

  it("ChatGLM3-6B: 6,243,584,000, as printed", () => {
    // word_embeddings 65,024 × 4,096 = 266,338,304; per layer query_key_value (4,096 + 2·2·128) × 4,096
    // = 18,874,368 + bias 4,608, dense 16,777,216, dense_h_to_4h 27,392 × 4,096 = 112,197,632,
    // dense_4h_to_h 4,096 × 13,696 = 56,098,816, two RMSNorms 8,192 → 203,960,832 × 28 =
    // 5,710,903,296; final_layernorm 4,096; output_layer 266,338,304.
    expect(2 * 266_338_304 + 203_960_832 * 28 + 4_096).toBe(6_243_584_000);
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(6_243_584_000);
    expect(parameters?.estimated).toBe(false);
  });

  it("multi-query groups give the KV heads; kv_channels the head width; padded_vocab_size the vocabulary", () => {
    const { model } = analyzeConfig(config);
    expect(model.numKvHeads.value).toBe(2);
    expect(model.headDim.value).toBe(128);
    expect(model.vocabSize.value).toBe(65024);
    expect(analyzeConfig({ ...config, multi_query_attention: false }).model.numKvHeads.value).toBe(32);
  });

  it("names: ChatGLMModel holds output_layer; the inv_freq buffer is not counted", () => {
    const t = new Map([...expandTensors(analyzeConfig(config).inventory!)].map((x) => [x.name, x.shape]));
    expect(t.get("embedding.word_embeddings.weight")).toEqual([65024, 4096]);
    expect(t.get("encoder.layers.0.self_attention.query_key_value.bias")).toEqual([4608]);
    expect(t.has("encoder.layers.0.self_attention.dense.bias")).toBe(false);
    expect(t.get("encoder.layers.27.mlp.dense_h_to_4h.weight")).toEqual([27392, 4096]);
    expect(t.get("output_layer.weight")).toEqual([65024, 4096]);
    expect([...t.keys()].some((n) => n.includes("inv_freq"))).toBe(false);
    const gen = [...expandTensors(analyzeConfig({ ...config, architectures: ["ChatGLMForConditionalGeneration"] }).inventory!)].map((x) => x.name);
    expect(gen).toContain("transformer.output_layer.weight");
    expect(totalOf({ ...config, architectures: ["ChatGLMForConditionalGeneration"] })).toBe(6_243_584_000);
  });

  it("glm-4-9b-chat (remote code): 9,399,951,360, the same as the -hf conversion", () => {
    expect(totalOf({ ...config, padded_vocab_size: 151552, num_layers: 40, seq_length: 131072 })).toBe(9_399_951_360);
  });

  it("add_bias_linear biases dense and both MLP projections; rmsnorm false means LayerNorms with bias", () => {
    expect(totalOf({ ...config, add_bias_linear: true }) - totalOf(config)).toBe(28 * (4096 + 27392 + 4096));
    expect(totalOf({ ...config, rmsnorm: false }) - totalOf(config)).toBe(28 * 2 * 4096 + 4096);
  });
});
