import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * BERT's …Model classes and heads (modeling_bert.py). BertModel is built with add_pooling_layer=True
 * unless code says otherwise (a config cannot), so the bare class keeps `pooler.dense`, as
 * sentence-transformers checkpoints store it: sentence-transformers/all-MiniLM-L6-v2's Hub total is
 * 22,713,216 with the pooler. Classification heads size their classifier from `num_labels` or
 * `id2label` (2 by default).
 */
const MINILM = { architectures: ["BertModel"], model_type: "bert", hidden_size: 384, intermediate_size: 1536, num_attention_heads: 12, num_hidden_layers: 6, vocab_size: 30522, max_position_embeddings: 512, type_vocab_size: 2 };

describe("bert …Model classes with and without pooler, and the classification heads", () => {
  it("BertModel keeps the pooler: all-MiniLM-L6-v2 22,713,216 by hand", () => {
    // Embeddings 30,522 × 384 + 512 × 384 + 2 × 384 + LayerNorm 768 = 11,918,592.
    // Layer: q/k/v/output 4 × (384² + 384) = 591,360, intermediate 591,360, output 590,208, two LayerNorms 1,536
    // → 1,774,464 × 6 = 10,646,784. Pooler 384² + 384 = 147,840.
    expect(11_918_592 + 10_646_784 + 147_840).toBe(22_713_216);
    const { parameters } = analyzeConfig(MINILM);
    expect(parameters?.total).toBe(22_713_216);
    expect(parameters?.estimated).toBe(false);
    expect(shapes(MINILM).get("pooler.dense.weight")).toEqual([384, 384]);
  });

  it("BertForSequenceClassification: pooler + classifier [labels, h], labels from num_labels, id2label, else 2", () => {
    const cls = { ...MINILM, architectures: ["BertForSequenceClassification"] };
    // A cross-encoder's config: id2label {0: LABEL_0} → one label.
    expect(totalOf({ ...cls, id2label: { 0: "LABEL_0" }, label2id: { LABEL_0: 0 } })).toBe(22_713_216 + 384 + 1);
    expect(totalOf(cls)).toBe(22_713_216 + 2 * 384 + 2);
    expect(totalOf({ ...cls, num_labels: 3 })).toBe(22_713_216 + 3 * 384 + 3);
    expect(analyzeConfig(cls).parameters?.estimated).toBe(false);
    const s = shapes({ ...cls, id2label: { 0: "neg", 1: "neu", 2: "pos" } });
    expect(s.get("bert.pooler.dense.weight")).toEqual([384, 384]);
    expect(s.get("classifier.weight")).toEqual([3, 384]);
  });

  it("BertForMultipleChoice keeps the pooler; BertLMHeadModel has the MLM head and no pooler", () => {
    expect(totalOf({ ...MINILM, architectures: ["BertForMultipleChoice"] })).toBe(22_713_216 + 385);
    const lm = analyzeConfig({ ...MINILM, architectures: ["BertLMHeadModel"] });
    // − pooler 147,840 + transform.dense 147,840 + transform.LayerNorm 768 + bias 30,522; decoder tied.
    expect(lm.parameters?.total).toBe(22_713_216 + 768 + 30_522);
    expect(lm.parameters?.estimated).toBe(false);
    expect(totalOf({ ...MINILM, model_type: "roberta", architectures: ["RobertaForCausalLM"] })).toBe(22_713_216 + 768 + 30_522);
    expect(totalOf({ ...MINILM, model_type: "roberta", architectures: ["RobertaForMultipleChoice"] })).toBe(22_713_216 + 385);
  });
});
