import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

describe("distilbert (modeling_distilbert.py)", () => {
  it("distilbert-base-uncased, DistilBertForMaskedLM: 66,985,530", () => {
    // A public comparison table prints 66,985,530 for DistilBERT's masked-LM model (beside BERT base
    // BertForMaskedLM 109,514,298). By hand: DistilBertModel 66,362,880 (below) + vocab_transform
    // 768² + 768 = 590,592 + vocab_layer_norm 1,536 + vocab_projector.bias 30,522; its weight is tied.
    const { parameters } = analyzeConfig(readFixtureConfig("distilbert--distilbert-base-uncased"));
    expect(parameters?.total).toBe(66_985_530);
    expect(66_362_880 + 590_592 + 1_536 + 30_522).toBe(66_985_530);
    expect(parameters?.estimated).toBe(false);
    expect(parameters?.tied).toEqual([{ name: "vocab_projector.weight", tiedTo: "distilbert.embeddings.word_embeddings.weight" }]);
  });

  it("DistilBertModel: 66,362,880", () => {
    // KerasHub distil_bert_base_en_uncased preset "params" and Keras summaries of TFDistilBertModel.
    // By hand: word 30,522 × 768 = 23,440,896, positions 512 × 768 = 393,216, LayerNorm 1,536; per
    // layer q/k/v/out 4 × 590,592, two LayerNorms 3,072, lin1 + lin2 4,722,432 → 7,087,872 × 6.
    expect(totalOf({ ...readFixtureConfig("distilbert--distilbert-base-uncased"), architectures: ["DistilBertModel"] })).toBe(66_362_880);
    expect(23_440_896 + 393_216 + 1_536 + 6 * 7_087_872).toBe(66_362_880);
  });

  it("names and heads", () => {
    const config = readFixtureConfig("distilbert--distilbert-base-uncased");
    const s = shapes(config);
    expect(s.get("distilbert.transformer.layer.5.attention.out_lin.weight")).toEqual([768, 768]);
    expect(s.get("distilbert.transformer.layer.0.ffn.lin1.weight")).toEqual([3072, 768]);
    expect(s.get("distilbert.transformer.layer.0.sa_layer_norm.bias")).toEqual([768]);
    expect(s.get("vocab_projector.bias")).toEqual([30522]);
    expect(s.has("distilbert.embeddings.token_type_embeddings.weight")).toBe(false);
    // DistilBertForSequenceClassification: pre_classifier 768² + 768, classifier 2 × 768 + 2.
    expect(totalOf({ ...config, architectures: ["DistilBertForSequenceClassification"] })).toBe(66_362_880 + 590_592 + 1_538);
    expect(totalOf({ ...config, architectures: ["DistilBertForQuestionAnswering"] })).toBe(66_362_880 + 1_538);
  });

  it("defaults from configuration_distilbert.py: hidden_dim is 3,072 whatever dim is; an empty config is distilbert-base-uncased", () => {
    const { model } = analyzeConfig({ model_type: "distilbert", dim: 64, n_heads: 4, n_layers: 1, vocab_size: 10 });
    expect(model.hiddenSize.value).toBe(64);
    expect(model.intermediateSize.value).toBe(3072);
    expect(model.maxPositions.value).toBe(512);
    expect(totalOf({ model_type: "distilbert" })).toBe(66_985_530);
  });
});
