import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * data2vec-text-base has roberta-base's shapes under RoBERTa's layout, so its counts are RoBERTa's:
 * RobertaModel roberta-base 124,645,632 (public num_parameters list), roberta-base's Hub F32 total
 * 124,697,433 for the MLM class.
 */
describe("data2vec-text (modeling_data2vec_text.py)", () => {
  const config = readFixtureConfig("facebook--data2vec-text-base");

  it("Data2VecTextModel: 124,645,632 with the pooler", () => {
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(124_645_632);
    expect(parameters?.estimated).toBe(false);
    expect(shapes(config).get("pooler.dense.weight")).toEqual([768, 768]);
  });

  it("heads under data2vec_text.*: MLM and causal LM without pooler, RoBERTa's classifier", () => {
    const encoder = 124_645_632 - 590_592;
    const lmHead = 590_592 + 1_536 + 50_265;
    expect(totalOf({ ...config, architectures: ["Data2VecTextForMaskedLM"] })).toBe(encoder + lmHead);
    expect(totalOf({ ...config, architectures: ["Data2VecTextForCausalLM"] })).toBe(encoder + lmHead);
    expect(totalOf({ ...config, architectures: ["Data2VecTextForSequenceClassification"] })).toBe(encoder + 590_592 + 1_538);
    expect(totalOf({ ...config, architectures: ["Data2VecTextForMultipleChoice"] })).toBe(124_645_632 + 769);
    expect(totalOf({ ...config, architectures: ["Data2VecTextForQuestionAnswering"] })).toBe(encoder + 1_538);
    const s = shapes({ ...config, architectures: ["Data2VecTextForMaskedLM"] });
    expect(s.get("data2vec_text.embeddings.word_embeddings.weight")).toEqual([50265, 768]);
    expect(s.get("lm_head.bias")).toEqual([50265]);
    expect(s.has("data2vec_text.pooler.dense.weight")).toBe(false);
  });
});
