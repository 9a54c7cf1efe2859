import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Funnel Transformer (modeling_funnel.py). No exact published count was found for
 * funnel-transformer/small; the numbers are derived from the modeling file.
 */
describe("funnel (modeling_funnel.py)", () => {
  const config = readFixtureConfig("funnel-transformer--small");
  const layer = 7_680_768;

  it("funnel-transformer/small: FunnelModel 130,973,184", () => {
    // By hand, one FunnelLayer: q_head 768² (no bias) 589,824; k_head, v_head 2 × 590,592;
    // r_w_bias, r_r_bias, r_s_bias 3 × 12 × 64; r_kernel 768 × 12 × 64 = 589,824; seg_embed
    // 2 × 12 × 64 = 1,536; post_proj 590,592; layer_norm 1,536; linear_1 2,362,368; linear_2
    // 2,360,064; ffn layer_norm 1,536 → 7,680,768. Blocks 4-4-4 + 2 decoder layers = 14 layers;
    // embeddings 30,522 × 768 + 1,536.
    expect(589_824 + 2 * 590_592 + 3 * 768 + 589_824 + 1_536 + 590_592 + 1_536 + 2_362_368 + 2_360_064 + 1_536).toBe(layer);
    const { parameters, inventory } = analyzeConfig(config);
    expect(parameters?.total).toBe(30_522 * 768 + 1_536 + 14 * layer);
    expect(parameters?.total).toBe(130_973_184);
    expect(inventory?.encoderLayers).toBe(12);
    expect(inventory?.decoderLayers).toBe(2);
  });

  it("names: encoder.blocks.{b}.{j}, decoder.layers.{i}, r_kernel [d, n, d_head], no position tables", () => {
    const s = shapes(config);
    expect(s.get("embeddings.word_embeddings.weight")).toEqual([30522, 768]);
    expect(s.get("embeddings.layer_norm.weight")).toEqual([768]);
    expect(s.get("encoder.blocks.2.3.attention.r_kernel")).toEqual([768, 12, 64]);
    expect(s.get("encoder.blocks.0.0.attention.seg_embed")).toEqual([2, 12, 64]);
    expect(s.has("encoder.blocks.0.0.attention.q_head.bias")).toBe(false);
    expect(s.get("decoder.layers.1.ffn.linear_1.weight")).toEqual([3072, 768]);
    expect(s.has("encoder.blocks.0.4.ffn.linear_1.weight")).toBe(false);
    expect([...s.keys()].some((n) => n.includes("position"))).toBe(false);
  });

  it("FunnelBaseModel has no decoder; block_repeats reuse layers; block_sizes add them", () => {
    expect(totalOf({ ...config, architectures: ["FunnelBaseModel"] })).toBe(130_973_184 - 2 * layer);
    expect(analyzeConfig({ ...config, architectures: ["FunnelBaseModel"] }).model.estimateReason).toBeNull();
    expect(totalOf({ ...config, block_repeats: [1, 2, 2] })).toBe(130_973_184);
    expect(totalOf({ ...config, block_sizes: [6, 6, 6] })).toBe(130_973_184 + 6 * layer);
  });

  it("heads: pre-training discriminator, tied lm_head with bias, classification on the base model", () => {
    expect(totalOf({ ...config, architectures: ["FunnelForPreTraining"] })).toBe(130_973_184 + 590_592 + 769);
    expect(totalOf({ ...config, architectures: ["FunnelForMaskedLM"] })).toBe(130_973_184 + 30_522);
    expect(shapes({ ...config, architectures: ["FunnelForMaskedLM"] }).get("funnel.encoder.blocks.0.0.attention.k_head.weight")).toEqual([768, 768]);
    expect(totalOf({ ...config, architectures: ["FunnelForSequenceClassification"] })).toBe(130_973_184 - 2 * layer + 590_592 + 2 * 768 + 2);
    expect(totalOf({ ...config, architectures: ["FunnelForMultipleChoice"] })).toBe(130_973_184 - 2 * layer + 590_592 + 768 + 1);
    expect(totalOf({ ...config, architectures: ["FunnelForTokenClassification"], num_labels: 9 })).toBe(130_973_184 + 9 * 768 + 9);
    expect(totalOf({ ...config, architectures: ["FunnelForQuestionAnswering"] })).toBe(130_973_184 + 2 * 768 + 2);
  });

  it("defaults from configuration_funnel.py: blocks [4, 4, 4], d_head 64, d_inner 3,072, 2 decoder layers", () => {
    const { model, inventory } = analyzeConfig({ model_type: "funnel" });
    expect(model.numLayers.value).toBe(12);
    expect(model.headDim.value).toBe(64);
    expect(inventory?.decoderLayers).toBe(2);
    expect(totalOf({ model_type: "funnel", architectures: ["FunnelModel"] })).toBe(130_973_184);
  });
});
