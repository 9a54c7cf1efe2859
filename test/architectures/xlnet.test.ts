import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/** No exact published count was found: derived from modeling_xlnet.py; the Hub's rounded 117M agrees. */
describe("xlnet (modeling_xlnet.py)", () => {
  const config = readFixtureConfig("xlnet--xlnet-base-cased");

  it("xlnet-base-cased XLNetLMHeadModel: 116,750,336 by hand", () => {
    // word_embedding 32,000 × 768 = 24,576,000; mask_emb 768.
    // Layer: q, k, v, o, r 5 × 768 × 12 × 64 = 2,949,120; r_r/r_s/r_w biases 3 × 768; seg_embed 2 × 768;
    // rel_attn.layer_norm + ff.layer_norm 3,072; layer_1 3,072 × 768 + 3,072; layer_2 768 × 3,072 + 768 → 7,678,464 × 12.
    // lm_loss.bias 32,000; lm_loss.weight tied to word_embedding.
    const layer = 2_949_120 + 2_304 + 1_536 + 3_072 + 2_362_368 + 2_360_064;
    expect(layer).toBe(7_678_464);
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(24_576_000 + 768 + 12 * layer + 32_000);
    expect(parameters?.estimated).toBe(false);
    expect(totalOf({ ...config, architectures: ["XLNetModel"] })).toBe(116_718_336);
  });

  it("names: transformer.* raw attention parameters [d, heads, d_head], tied lm_loss with its bias", () => {
    const s = shapes(config);
    expect(s.get("transformer.mask_emb")).toEqual([1, 1, 768]);
    expect(s.get("transformer.layer.0.rel_attn.q")).toEqual([768, 12, 64]);
    expect(s.get("transformer.layer.11.rel_attn.seg_embed")).toEqual([2, 12, 64]);
    expect(s.get("transformer.layer.0.rel_attn.r_w_bias")).toEqual([12, 64]);
    expect(s.get("transformer.layer.0.ff.layer_1.weight")).toEqual([3072, 768]);
    expect(s.get("lm_loss.bias")).toEqual([32000]);
    expect(s.has("lm_loss.weight")).toBe(false);
    expect(totalOf({ ...config, architectures: ["XLNetForTokenClassification"], num_labels: 9 })).toBe(116_718_336 + 9 * 768 + 9);
    expect(analyzeConfig({ ...config, architectures: ["XLNetForSequenceClassification"] }).parameters?.estimated).toBe(true);
  });

  it("defaults from configuration_xlnet.py: xlnet-large's widths, d_head = d_model / n_head", () => {
    const s = shapes({ model_type: "xlnet", architectures: ["XLNetModel"] });
    expect(s.get("word_embedding.weight")).toEqual([32000, 1024]);
    expect(s.get("layer.23.rel_attn.k")).toEqual([1024, 16, 64]);
    expect(s.get("layer.0.ff.layer_2.weight")).toEqual([1024, 4096]);
  });
});
