import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

describe("exaone4 (modeling_exaone4.py)", () => {
  it("EXAONE-4.0-1.2B: 1,279,391,488, 1.07B without embeddings as the model card says", () => {
    const { parameters } = analyzeConfig(readFixtureConfig("LGAI-EXAONE--EXAONE-4.0-1.2B"));
    // Per layer q and o 2,048² = 4,194,304 each, k and v 512 × 2,048 = 1,048,576 each, MLP
    // 3 × 2,048 × 4,096 = 25,165,824, post norms 4,096, q/k norms 128 → 35,655,808 × 30 =
    // 1,069,674,240 + final norm 2,048 = 1,069,676,288 (card: 1.07B); embed 102,400 × 2,048 = 209,715,200, tied.
    expect(parameters?.total).toBe(1_279_391_488);
    expect(parameters!.total - parameters!.breakdown.embedding!).toBe(1_069_676_288);
    expect(parameters!.breakdown.lmHead).toBeUndefined();
  });

  it("EXAONE-4.0-32B: 30.95B without embeddings, untied", () => {
    const { parameters } = analyzeConfig(readFixtureConfig("LGAI-EXAONE--EXAONE-4.0-32B"));
    expect(parameters?.total).toBe(32_003_216_384);
    expect((parameters!.total - 2 * 102_400 * 5120) / 1e9).toBeCloseTo(30.95, 2);
  });

  it("post-norms only, per-head q/k norms, no biases", () => {
    const s = shapes(readFixtureConfig("LGAI-EXAONE--EXAONE-4.0-1.2B"));
    expect(s.get("model.layers.0.post_attention_layernorm.weight")).toEqual([2048]);
    expect(s.get("model.layers.0.post_feedforward_layernorm.weight")).toEqual([2048]);
    expect(s.has("model.layers.0.input_layernorm.weight")).toBe(false);
    expect(s.get("model.layers.0.self_attn.q_norm.weight")).toEqual([64]);
    expect(s.get("model.layers.0.self_attn.k_norm.weight")).toEqual([64]);
    expect(s.has("model.layers.0.self_attn.q_proj.bias")).toBe(false);
  });

  it("defaults from Exaone4Config: untied, head_dim = hidden / heads", () => {
    const { model } = analyzeConfig({ model_type: "exaone4", hidden_size: 64, intermediate_size: 128, num_attention_heads: 4, num_hidden_layers: 1, vocab_size: 100 });
    expect(model.tieWordEmbeddings.value).toBe(false);
    expect(model.headDim.value).toBe(16);
    expect(model.numKvHeads.value).toBe(32);
    expect(totalOf({ ...readFixtureConfig("LGAI-EXAONE--EXAONE-4.0-32B"), architectures: ["Exaone4ForSequenceClassification"] })).toBe(32_003_216_384 - 524_288_000 + 2 * 5120);
  });
});
