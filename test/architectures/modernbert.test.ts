import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Sources: Hub safetensors totals answerdotai/ModernBERT-base 149,655,232 (a published header read:
 * 149,014,272 under model.* + 640,960 in head.* and decoder.bias) and ModernBERT-large 395,881,664.
 */
describe("modernbert (modeling_modernbert.py)", () => {
  it("ModernBERT-base: 149,655,232 by hand", () => {
    const config = readFixtureConfig("answerdotai--ModernBERT-base");
    // tok_embeddings 50,368 × 768 = 38,682,624; embeddings.norm 768 (no bias: norm_bias false).
    // Layer: Wqkv 2,304 × 768 = 1,769,472, Wo 589,824, Wi 2,304 × 768 = 1,769,472, mlp.Wo 768 × 1,152 = 884,736,
    // attn_norm + mlp_norm 1,536 → 5,015,040 × 22 = 110,330,880, less layer 0's attn_norm (Identity) 768.
    // final_norm 768; head.dense 589,824 (classifier_bias false) + head.norm 768; decoder.bias 50,368; decoder tied.
    const byHand = 38_682_624 + 768 + 110_330_880 - 768 + 768 + 589_824 + 768 + 50_368;
    expect(byHand).toBe(149_655_232);
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(149_655_232);
    expect(parameters?.estimated).toBe(false);
    expect(totalOf({ ...config, architectures: ["ModernBertModel"] })).toBe(149_014_272);
  });

  it("ModernBERT-large: 395,881,664", () => {
    expect(totalOf(readFixtureConfig("answerdotai--ModernBERT-large"))).toBe(395_881_664);
  });

  it("names: model.* prefix, fused Wqkv, gated Wi, no attn_norm in layer 0, no biases, tied decoder with its bias", () => {
    const config = readFixtureConfig("answerdotai--ModernBERT-base");
    const s = shapes(config);
    expect(s.get("model.embeddings.tok_embeddings.weight")).toEqual([50368, 768]);
    expect(s.get("model.layers.0.attn.Wqkv.weight")).toEqual([2304, 768]);
    expect(s.get("model.layers.0.mlp.Wi.weight")).toEqual([2304, 768]);
    expect(s.get("model.layers.21.mlp.Wo.weight")).toEqual([768, 1152]);
    expect(s.has("model.layers.0.attn_norm.weight")).toBe(false);
    expect(s.get("model.layers.1.attn_norm.weight")).toEqual([768]);
    expect(s.has("model.layers.1.attn_norm.bias")).toBe(false);
    expect(s.has("model.layers.0.attn.Wqkv.bias")).toBe(false);
    expect(s.has("head.dense.bias")).toBe(false);
    expect(s.get("decoder.bias")).toEqual([50368]);
    expect(s.has("decoder.weight")).toBe(false);
    expect(analyzeConfig(config).parameters?.tied.map((t) => t.name)).toEqual(["decoder.weight"]);
    const bare = shapes({ ...config, architectures: ["ModernBertModel"] });
    expect(bare.get("embeddings.tok_embeddings.weight")).toEqual([50368, 768]);
    expect(bare.has("head.dense.weight")).toBe(false);
  });

  it("bias flags add exactly their vectors", () => {
    const config = readFixtureConfig("answerdotai--ModernBERT-base");
    const base = totalOf(config);
    // norm_bias: embeddings.norm, 21 attn_norms, 22 mlp_norms, final_norm, head.norm = 46 × 768.
    expect(totalOf({ ...config, norm_bias: true }) - base).toBe(46 * 768);
    // attention_bias: Wqkv 2,304 + Wo 768 per layer; mlp_bias: Wi 2,304 + Wo 768 per layer.
    expect(totalOf({ ...config, attention_bias: true }) - base).toBe(22 * (2304 + 768));
    expect(totalOf({ ...config, mlp_bias: true }) - base).toBe(22 * (2304 + 768));
    expect(totalOf({ ...config, classifier_bias: true }) - base).toBe(768);
    expect(totalOf({ ...config, decoder_bias: false }) - base).toBe(-50368);
  });

  it("classification heads share head.dense + head.norm, then classifier", () => {
    const config = readFixtureConfig("answerdotai--ModernBERT-base");
    const model = 149_014_272;
    const predictionHead = 589_824 + 768;
    expect(totalOf({ ...config, architectures: ["ModernBertForSequenceClassification"], id2label: { 0: "a", 1: "b", 2: "c" } })).toBe(model + predictionHead + 3 * 768 + 3);
    expect(totalOf({ ...config, architectures: ["ModernBertForTokenClassification"], num_labels: 9 })).toBe(model + predictionHead + 9 * 768 + 9);
    expect(totalOf({ ...config, architectures: ["ModernBertForQuestionAnswering"] })).toBe(model + predictionHead + 2 * 768 + 2);
    expect(totalOf({ ...config, architectures: ["ModernBertForMultipleChoice"] })).toBe(model + predictionHead + 768 + 1);
  });

  it("defaults from configuration_modernbert.py: ModernBERT-base's widths, no biases, decoder bias, tied", () => {
    const { model, parameters } = analyzeConfig({ model_type: "modernbert" });
    expect(model.hiddenSize.value).toBe(768);
    expect(model.numLayers.value).toBe(22);
    expect(model.intermediateSize.value).toBe(1152);
    expect(model.vocabSize.value).toBe(50368);
    expect(model.maxPositions.value).toBe(8192);
    expect(parameters?.total).toBe(149_655_232);
  });
});
