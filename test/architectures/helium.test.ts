import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

describe("helium (modeling_helium.py)", () => {
  it("helium-1-preview-2b: 2,172,643,840 (Hub 2.17B)", () => {
    // Per layer 4 × 2,560² = 26,214,400, MLP 3 × 2,560 × 7,040 = 54,067,200, norms 5,120 →
    // 80,286,720 × 24 = 1,926,881,280; final norm 2,560; embed and lm_head 48,000 × 2,560 each.
    expect(totalOf(readFixtureConfig("kyutai--helium-1-preview-2b"))).toBe(2_172_643_840);
  });

  it("attention_bias biases q/k/v but never o_proj; mlp_bias", () => {
    const config = readFixtureConfig("kyutai--helium-1-preview-2b");
    expect(totalOf({ ...config, attention_bias: true }) - totalOf(config)).toBe(24 * 3 * 2560);
    expect(shapes({ ...config, attention_bias: true }).has("model.layers.0.self_attn.o_proj.bias")).toBe(false);
    expect(totalOf({ ...config, mlp_bias: true }) - totalOf(config)).toBe(24 * (2 * 7040 + 2560));
  });

  it("heads and defaults", () => {
    const config = readFixtureConfig("kyutai--helium-1-preview-2b");
    expect(totalOf({ ...config, architectures: ["HeliumForSequenceClassification"] })).toBe(2_172_643_840 - 122_880_000 + 2 * 2560);
    const { model } = analyzeConfig({ model_type: "helium", num_hidden_layers: 1 });
    expect(model.vocabSize.value).toBe(48000);
    expect(model.headDim.value).toBe(128);
    expect(model.tieWordEmbeddings.value).toBe(false);
  });
});
