import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * RoFormer (modeling_roformer.py). No exact published count was found for
 * junnyu/roformer_chinese_base; the numbers below are derived from the modeling file.
 */
describe("roformer (modeling_roformer.py)", () => {
  const config = readFixtureConfig("junnyu--roformer_chinese_base");

  it("roformer_chinese_base: RoFormerForMaskedLM 124,197,968", () => {
    // By hand: word 50,000 × 768 = 38,400,000; token types 1,536; LayerNorm 1,536;
    // encoder.embed_positions 1,536 × 64 = 98,304 (frozen sinusoid, still a parameter); 12 BERT
    // layers × 7,087,872 = 85,054,464 → RoFormerModel 123,555,840; MLM head transform 590,592 +
    // 1,536, bias 50,000.
    expect(38_400_000 + 1_536 + 1_536 + 98_304 + 85_054_464).toBe(123_555_840);
    expect(totalOf({ ...config, architectures: ["RoFormerModel"] })).toBe(123_555_840);
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(123_555_840 + 590_592 + 1_536 + 50_000);
    expect(parameters?.estimated).toBe(false);
  });

  it("names: no absolute positions, embed_positions per head width, tied decoder and bias, no pooler", () => {
    const s = shapes(config);
    expect(s.has("roformer.embeddings.position_embeddings.weight")).toBe(false);
    expect(s.get("roformer.encoder.embed_positions.weight")).toEqual([1536, 64]);
    expect(s.get("roformer.encoder.layer.0.attention.self.key.bias")).toEqual([768]);
    expect(s.get("cls.predictions.bias")).toEqual([50000]);
    expect(s.has("cls.predictions.decoder.weight")).toBe(false);
    expect([...s.keys()].some((n) => n.includes("pooler"))).toBe(false);
  });

  it("embedding_size below the width: embeddings_project and an E-wide MLM transform", () => {
    const small = { ...config, embedding_size: 128 };
    const s = shapes(small);
    expect(s.get("roformer.embeddings.word_embeddings.weight")).toEqual([50000, 128]);
    expect(s.get("roformer.embeddings_project.weight")).toEqual([768, 128]);
    expect(s.get("cls.predictions.transform.dense.weight")).toEqual([128, 768]);
    expect(s.get("cls.predictions.transform.LayerNorm.weight")).toEqual([128]);
  });

  it("classification head dense + out_proj; token classification; QA", () => {
    expect(totalOf({ ...config, architectures: ["RoFormerForSequenceClassification"] })).toBe(123_555_840 + 590_592 + 2 * 768 + 2);
    expect(totalOf({ ...config, architectures: ["RoFormerForTokenClassification"], num_labels: 7 })).toBe(123_555_840 + 7 * 768 + 7);
    expect(totalOf({ ...config, architectures: ["RoFormerForQuestionAnswering"] })).toBe(123_555_840 + 2 * 768 + 2);
  });

  it("defaults from configuration_roformer.py: vocab 50,000, 1,536 positions", () => {
    const { model } = analyzeConfig({ model_type: "roformer" });
    expect(model.vocabSize.value).toBe(50000);
    expect(model.maxPositions.value).toBe(1536);
    expect(model.head).toBe("masked-lm");
  });
});
