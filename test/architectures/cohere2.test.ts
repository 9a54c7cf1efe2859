import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

describe("cohere2 (modeling_cohere2.py)", () => {
  it("c4ai-command-r7b-12-2024: 8,028,033,024 (Hub 8.03B), tied", () => {
    // embed 256,000 × 4,096 = 1,048,576,000; per layer q and o 4,096², k and v 1,024 × 4,096,
    // MLP 3 × 4,096 × 14,336 = 176,160,768, one weight-only input_layernorm 4,096 → 218,107,904 × 32
    // = 6,979,452,928; final norm 4,096; tied.
    const { parameters } = analyzeConfig(readFixtureConfig("CohereLabs--c4ai-command-r7b-12-2024"));
    expect(parameters?.total).toBe(8_028_033_024);
    expect(parameters!.breakdown.lmHead).toBeUndefined();
  });

  it("one weight-only norm per layer, no q/k norms, head_dim always hidden / heads", () => {
    const config = readFixtureConfig("CohereLabs--c4ai-command-r7b-12-2024");
    const s = shapes(config);
    expect(s.get("model.layers.0.input_layernorm.weight")).toEqual([4096]);
    expect(s.has("model.layers.0.input_layernorm.bias")).toBe(false);
    expect(s.has("model.layers.0.post_attention_layernorm.weight")).toBe(false);
    expect(s.has("model.layers.0.self_attn.q_norm.weight")).toBe(false);
    // Cohere2Config overwrites head_dim with hidden_size // num_attention_heads.
    expect(totalOf({ ...config, head_dim: 256 })).toBe(8_028_033_024);
  });

  it("defaults from Cohere2Config: tied; Cohere2Model", () => {
    const { model } = analyzeConfig({ model_type: "cohere2", num_hidden_layers: 1 });
    expect(model.tieWordEmbeddings.value).toBe(true);
    expect(model.vocabSize.value).toBe(256000);
    const config = readFixtureConfig("CohereLabs--c4ai-command-r7b-12-2024");
    expect(shapes({ ...config, architectures: ["Cohere2Model"] }).get("embed_tokens.weight")).toEqual([256000, 4096]);
  });
});
