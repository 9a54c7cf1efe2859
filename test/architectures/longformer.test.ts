import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Sources: LongformerForMaskedLM of longformer-base-4096 148,711,257 (flaregun README's
 * `AutoModelForMaskedLM` count) and LongformerModel 148,659,456 (a public model-size table).
 */
describe("longformer (modeling_longformer.py)", () => {
  const config = readFixtureConfig("allenai--longformer-base-4096");

  it("longformer-base-4096: the config names no class, so LongformerForMaskedLM: 148,711,257 by hand", () => {
    // word 50,265 × 768 = 38,603,520; positions 4,098 × 768 = 3,147,264; token types 1 × 768; LayerNorm 1,536.
    // Layer: query/key/value + their _global twins 6 × 590,592, attention.output.dense 590,592 + LayerNorm 1,536,
    // intermediate 2,362,368, output 2,360,064 + LayerNorm 1,536 → 8,859,648 × 12 = 106,315,776.
    // lm_head dense 590,592 + layer_norm 1,536 + bias 50,265; decoder tied.
    const byHand = 38_603_520 + 3_147_264 + 768 + 1_536 + 106_315_776 + 590_592 + 1_536 + 50_265;
    expect(byHand).toBe(148_711_257);
    const { parameters, model } = analyzeConfig(config);
    expect(model.head).toBe("masked-lm");
    expect(parameters?.total).toBe(148_711_257);
    expect(parameters?.estimated).toBe(false);
    expect(totalOf({ ...config, architectures: ["LongformerModel"] })).toBe(148_659_456);
  });

  it("names: longformer.* with the global q/k/v projections, RoBERTa's lm_head, no pooler in the MLM class", () => {
    const s = shapes(config);
    expect(s.get("longformer.embeddings.position_embeddings.weight")).toEqual([4098, 768]);
    expect(s.get("longformer.embeddings.token_type_embeddings.weight")).toEqual([1, 768]);
    expect(s.get("longformer.encoder.layer.11.attention.self.query_global.weight")).toEqual([768, 768]);
    expect(s.get("longformer.encoder.layer.0.attention.self.value_global.bias")).toEqual([768]);
    expect(s.get("lm_head.bias")).toEqual([50265]);
    expect(s.has("lm_head.decoder.weight")).toBe(false);
    expect(s.has("longformer.pooler.dense.weight")).toBe(false);
    expect(shapes({ ...config, architectures: ["LongformerModel"] }).get("pooler.dense.weight")).toEqual([768, 768]);
  });

  it("heads: only LongformerModel and ForMultipleChoice build the pooler", () => {
    const encoder = 148_659_456 - 590_592;
    expect(totalOf({ ...config, architectures: ["LongformerForSequenceClassification"], id2label: { 0: "a", 1: "b" } })).toBe(encoder + 590_592 + 2 * 768 + 2);
    expect(totalOf({ ...config, architectures: ["LongformerForTokenClassification"], num_labels: 5 })).toBe(encoder + 5 * 768 + 5);
    expect(totalOf({ ...config, architectures: ["LongformerForQuestionAnswering"] })).toBe(encoder + 2 * 768 + 2);
    expect(totalOf({ ...config, architectures: ["LongformerForMultipleChoice"] })).toBe(encoder + 590_592 + 768 + 1);
  });

  it("defaults from configuration_longformer.py: BERT's (30,522 words, 512 positions, 2 token types)", () => {
    const s = shapes({ model_type: "longformer", architectures: ["LongformerModel"], hidden_size: 16, num_hidden_layers: 1, num_attention_heads: 2, intermediate_size: 32 });
    expect(s.get("embeddings.word_embeddings.weight")).toEqual([30522, 16]);
    expect(s.get("embeddings.position_embeddings.weight")).toEqual([512, 16]);
    expect(s.get("embeddings.token_type_embeddings.weight")).toEqual([2, 16]);
  });
});
