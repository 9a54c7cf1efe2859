import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * MobileBERT (modeling_mobilebert.py). No exact published count was found for
 * google/mobilebert-uncased; the numbers are derived from the modeling file (the module layout
 * matches a public print of MobileBertForMaskedLM: value Linear(512 → 128), embedding_transformation
 * Linear(384 → 512), NoNorm).
 */
describe("mobilebert (modeling_mobilebert.py)", () => {
  const config = readFixtureConfig("google--mobilebert-uncased");

  it("mobilebert-uncased: MobileBertForPreTraining 36,597,564", () => {
    // By hand: embeddings 30,522 × 128 + 512 × 512 + 2 × 512 + (512 × 384 + 512) + 1,024 = 4,368,128.
    // Layer: query/key 2 × 16,512, value 65,664; attention.output 16,512 + 256; intermediate 66,048;
    // output 65,664 + 256 and its bottleneck 66,048 + 1,024; bottleneck input and attention
    // 2 × (65,664 + 256); three extra FFNs 3 × (66,048 + 65,664 + 256) → 842,240 × 24 = 20,213,760.
    // No pooler dense (classifier_activation false) → MobileBertModel 24,581,888.
    expect(4_368_128 + 20_213_760).toBe(24_581_888);
    expect(totalOf({ ...config, architectures: ["MobileBertModel"] })).toBe(24_581_888);
    // Pre-training head: transform 262,656 + 1,024, dense 384 × 30,522, bias 30,522, seq_relationship 1,026.
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(24_581_888 + 262_656 + 1_024 + 384 * 30_522 + 30_522 + 1_026);
    expect(parameters?.estimated).toBe(false);
  });

  it("names: bottlenecks, NoNorm weight and bias, the split output projection, tied decoder", () => {
    const s = shapes(config);
    expect(s.get("mobilebert.embeddings.embedding_transformation.weight")).toEqual([512, 384]);
    expect(s.get("mobilebert.embeddings.LayerNorm.bias")).toEqual([512]);
    expect(s.get("mobilebert.encoder.layer.0.attention.self.value.weight")).toEqual([128, 512]);
    expect(s.get("mobilebert.encoder.layer.0.bottleneck.attention.dense.weight")).toEqual([128, 512]);
    expect(s.get("mobilebert.encoder.layer.23.output.bottleneck.LayerNorm.weight")).toEqual([512]);
    expect(s.get("mobilebert.encoder.layer.0.ffn.2.output.dense.weight")).toEqual([128, 512]);
    expect(s.has("mobilebert.encoder.layer.0.ffn.3.output.dense.weight")).toBe(false);
    expect(s.get("cls.predictions.dense.weight")).toEqual([384, 30522]);
    expect(s.has("cls.predictions.decoder.weight")).toBe(false);
    expect(s.has("mobilebert.pooler.dense.weight")).toBe(false);
    expect(totalOf({ ...config, tie_word_embeddings: false }) - totalOf(config)).toBe(30522 * 128);
  });

  it("switches: classifier_activation, normalization_type, trigram_input, bottleneck attention", () => {
    const base = totalOf(config);
    expect(totalOf({ ...config, classifier_activation: true }) - base).toBe(512 * 512 + 512);
    expect(totalOf({ ...config, normalization_type: "layer_norm" })).toBe(base);
    expect(totalOf({ ...config, trigram_input: false }) - base).toBe(-512 * 256);
    expect(totalOf({ ...config, use_bottleneck_attention: true }) - base).toBe(-24 * 128 * 384);
    expect(totalOf({ ...config, key_query_shared_bottleneck: false }) - base).toBe(-24 * (65_664 + 256));
  });

  it("heads: masked LM and QA without pooler; classification on the pooled output", () => {
    expect(totalOf({ ...config, architectures: ["MobileBertForMaskedLM"] })).toBe(totalOf(config) - 1_026);
    expect(totalOf({ ...config, architectures: ["MobileBertForQuestionAnswering"] })).toBe(24_581_888 + 2 * 512 + 2);
    expect(totalOf({ ...config, architectures: ["MobileBertForSequenceClassification"], classifier_activation: true })).toBe(24_581_888 + 262_656 + 2 * 512 + 2);
  });

  it("defaults from configuration_mobilebert.py: 24 layers, 4 FFNs, bottleneck 128, trigram input", () => {
    const s = shapes({ model_type: "mobilebert", architectures: ["MobileBertModel"] });
    expect(s.get("encoder.layer.23.ffn.2.intermediate.dense.weight")).toEqual([512, 128]);
    expect(s.get("embeddings.embedding_transformation.weight")).toEqual([512, 384]);
    expect(s.get("pooler.dense.weight")).toEqual([512, 512]);
  });
});
