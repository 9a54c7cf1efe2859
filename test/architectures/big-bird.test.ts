import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/** Source: BigBirdModel of bigbird-roberta-base 127,468,800 (a public model-size table); heads derived from modeling_big_bird.py. */
describe("big_bird (modeling_big_bird.py)", () => {
  const config = readFixtureConfig("google--bigbird-roberta-base");

  it("bigbird-roberta-base: BigBirdModel 127,468,800 by hand; BigBirdForPreTraining adds BERT's heads", () => {
    // word 50,358 × 768 = 38,674,944; positions 4,096 × 768 = 3,145,728; token types 1,536; LayerNorm 1,536.
    // Layer: q/k/v/output.dense 4 × 590,592 + LayerNorm 1,536, intermediate 2,362,368, output 2,360,064 + LayerNorm 1,536
    // → 7,087,872 × 12 = 85,054,464. pooler (a bare Linear) 590,592.
    const model = 38_674_944 + 3_145_728 + 1_536 + 1_536 + 85_054_464 + 590_592;
    expect(model).toBe(127_468_800);
    expect(totalOf({ ...config, architectures: ["BigBirdModel"] })).toBe(127_468_800);
    // cls.predictions transform.dense 590,592 + transform.LayerNorm 1,536 + bias 50,358; seq_relationship 1,538.
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(127_468_800 + 590_592 + 1_536 + 50_358 + 1_538);
    expect(parameters?.estimated).toBe(false);
  });

  it("names: bert.* prefix, pooler.weight (no .dense), tied decoder", () => {
    const s = shapes(config);
    expect(s.get("bert.pooler.weight")).toEqual([768, 768]);
    expect(s.has("bert.pooler.dense.weight")).toBe(false);
    expect(s.get("bert.encoder.layer.0.attention.self.query.bias")).toEqual([768]);
    expect(s.get("cls.predictions.bias")).toEqual([50358]);
    expect(s.get("cls.seq_relationship.weight")).toEqual([2, 768]);
    expect(s.has("cls.predictions.decoder.weight")).toBe(false);
  });

  it("heads: every class keeps the pooler except question answering", () => {
    const model = 127_468_800;
    const mlm = 590_592 + 1_536 + 50_358;
    expect(totalOf({ ...config, architectures: ["BigBirdForMaskedLM"] })).toBe(model + mlm);
    expect(totalOf({ ...config, architectures: ["BigBirdForCausalLM"] })).toBe(model + mlm);
    expect(totalOf({ ...config, architectures: ["BigBirdForSequenceClassification"], id2label: { 0: "a", 1: "b" } })).toBe(model + 590_592 + 2 * 768 + 2);
    expect(totalOf({ ...config, architectures: ["BigBirdForTokenClassification"] })).toBe(model + 2 * 768 + 2);
    // QA: no pooler; qa_classifier intermediate 2,362,368 + output 2,360,064 + LayerNorm 1,536 + qa_outputs 1,538.
    expect(totalOf({ ...config, architectures: ["BigBirdForQuestionAnswering"] })).toBe(model - 590_592 + 2_362_368 + 2_360_064 + 1_536 + 1_538);
    expect(totalOf({ ...config, use_bias: false }) - totalOf(config)).toBe(-12 * 3 * 768);
    expect(analyzeConfig({ ...config, architectures: ["BigBirdForMultipleChoice"] }).parameters?.estimated).toBe(true);
  });
});
