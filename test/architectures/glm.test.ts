import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));
const small = { hidden_size: 64, intermediate_size: 128, num_attention_heads: 4, num_key_value_heads: 2, head_dim: 16, num_hidden_layers: 1, vocab_size: 100 };

describe("glm (modeling_glm.py)", () => {
  it("glm-4-9b-chat-hf: 9,399,951,360, the printed count of GLM-4-9B-chat", () => {
    const { parameters } = analyzeConfig(readFixtureConfig("THUDM--glm-4-9b-chat-hf"));
    // chatllm.cpp docs print 'with 9399951360 (9.4B) parameters'. By hand: embed 151,552 × 4,096 =
    // 620,756,992; per layer q 4,096² + 4,096, k and v 256 × 4,096 + 256 each, o 4,096²,
    // gate_up 27,392 × 4,096 = 112,197,632, down 4,096 × 13,696 = 56,098,816, norms 8,192 →
    // 203,960,832 × 40 = 8,158,433,280; final norm 4,096; untied lm_head 620,756,992.
    expect(parameters?.total).toBe(9_399_951_360);
    expect(parameters?.estimated).toBe(false);
  });

  it("fused gate_up_proj, q/k/v biased, o_proj not", () => {
    const s = shapes(readFixtureConfig("THUDM--glm-4-9b-chat-hf"));
    expect(s.get("model.layers.0.mlp.gate_up_proj.weight")).toEqual([27392, 4096]);
    expect(s.get("model.layers.0.mlp.gate_proj.weight")).toBeUndefined();
    expect(s.get("model.layers.0.self_attn.k_proj.bias")).toEqual([256]);
    expect(s.get("model.layers.0.self_attn.o_proj.bias")).toBeUndefined();
    expect(s.get("lm_head.weight")).toEqual([151552, 4096]);
  });

  it("defaults from configuration_glm.py: attention_bias true, untied, 2 KV heads", () => {
    const { model, parameters } = analyzeConfig({ hidden_size: 64, intermediate_size: 128, num_attention_heads: 4, head_dim: 16, num_hidden_layers: 1, vocab_size: 100, model_type: "glm" });
    expect(model.numKvHeads.value).toBe(2);
    expect(model.tieWordEmbeddings.value).toBe(false);
    expect(shapes({ ...small, model_type: "glm" }).get("model.layers.0.self_attn.q_proj.bias")).toEqual([64]);
    expect(parameters!.breakdown.lmHead).toBe(100 * 64);
    expect(totalOf({ ...small, model_type: "glm" }) - totalOf({ ...small, model_type: "glm", attention_bias: false })).toBe(64 + 32 + 32);
  });
});

describe("glm4 (modeling_glm4.py)", () => {
  it("GLM-4-9B-0414: glm-4-9b-chat-hf plus two more norms per layer", () => {
    // 9,399,951,360 + 2 × 4,096 × 40 = 9,400,279,040 (llama.cpp's n-params for GLM-4.6V-Flash's
    // language model, which has this layout and these sizes).
    expect(totalOf(readFixtureConfig("zai-org--GLM-4-9B-0414"))).toBe(9_400_279_040);
    const s = shapes(readFixtureConfig("zai-org--GLM-4-9B-0414"));
    expect(s.get("model.layers.39.post_self_attn_layernorm.weight")).toEqual([4096]);
    expect(s.get("model.layers.39.post_mlp_layernorm.weight")).toEqual([4096]);
  });

  it("Glm4Model and Glm4ForSequenceClassification", () => {
    const config = readFixtureConfig("zai-org--GLM-4-9B-0414");
    const base = totalOf({ ...config, architectures: ["Glm4Model"] });
    expect(base).toBe(9_400_279_040 - 151_552 * 4096);
    expect(shapes({ ...config, architectures: ["Glm4Model"] }).has("embed_tokens.weight")).toBe(true);
    expect(totalOf({ ...config, architectures: ["Glm4ForSequenceClassification"] }) - base).toBe(2 * 4096);
  });
});
