import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * MPNet (modeling_mpnet.py). Source: the Hub safetensors total of
 * sentence-transformers/all-mpnet-base-v2, 109,486,464 F32, whose config names MPNetModel.
 */
describe("mpnet (modeling_mpnet.py)", () => {
  it("all-mpnet-base-v2: MPNetModel 109,486,464", () => {
    const { parameters } = analyzeConfig(readFixtureConfig("sentence-transformers--all-mpnet-base-v2"));
    // By hand: word 30,527 × 768 = 23,444,736; positions 514 × 768 = 394,752; LayerNorm 1,536;
    // layer: q/k/v/o 4 × (768² + 768) = 2,362,368, attention LayerNorm 1,536, intermediate
    // 2,362,368, output 2,360,064, LayerNorm 1,536 → 7,087,872 × 12 = 85,054,464;
    // relative_attention_bias 32 × 12 = 384; pooler 590,592.
    expect(23_444_736 + 394_752 + 1_536 + 85_054_464 + 384 + 590_592).toBe(109_486_464);
    expect(parameters?.total).toBe(109_486_464);
    expect(parameters?.estimated).toBe(false);
  });

  it("names: attention.attn.{q,k,v,o}, one shared relative_attention_bias, no token types", () => {
    const s = shapes(readFixtureConfig("sentence-transformers--all-mpnet-base-v2"));
    expect(s.get("embeddings.word_embeddings.weight")).toEqual([30527, 768]);
    expect(s.get("encoder.layer.11.attention.attn.o.bias")).toEqual([768]);
    expect(s.get("encoder.layer.0.attention.LayerNorm.weight")).toEqual([768]);
    expect(s.get("encoder.relative_attention_bias.weight")).toEqual([32, 12]);
    expect(s.get("pooler.dense.weight")).toEqual([768, 768]);
    expect([...s.keys()].some((n) => n.includes("token_type"))).toBe(false);
  });

  it("MPNetForMaskedLM: no pooler, lm_head with decoder weight and bias tied", () => {
    const config = { ...readFixtureConfig("sentence-transformers--all-mpnet-base-v2"), architectures: ["MPNetForMaskedLM"] };
    const { parameters } = analyzeConfig(config);
    const s = shapes(config);
    expect(s.has("mpnet.pooler.dense.weight")).toBe(false);
    expect(s.get("mpnet.encoder.layer.0.attention.attn.q.weight")).toEqual([768, 768]);
    expect(s.get("lm_head.bias")).toEqual([30527]);
    expect(s.has("lm_head.decoder.weight")).toBe(false);
    expect(parameters?.tied.map((t) => t.name)).toEqual(["lm_head.decoder.weight", "lm_head.decoder.bias"]);
    expect(parameters?.total).toBe(109_486_464 - 590_592 + 590_592 + 1_536 + 30_527);
  });

  it("classification heads: the two-layer head without pooler; multiple choice keeps the pooler", () => {
    const config = readFixtureConfig("sentence-transformers--all-mpnet-base-v2");
    const noPooler = 109_486_464 - 590_592;
    expect(totalOf({ ...config, architectures: ["MPNetForSequenceClassification"] })).toBe(noPooler + 590_592 + 2 * 768 + 2);
    expect(totalOf({ ...config, architectures: ["MPNetForTokenClassification"], num_labels: 9 })).toBe(noPooler + 9 * 768 + 9);
    expect(totalOf({ ...config, architectures: ["MPNetForQuestionAnswering"] })).toBe(noPooler + 2 * 768 + 2);
    expect(totalOf({ ...config, architectures: ["MPNetForMultipleChoice"] })).toBe(109_486_464 + 768 + 1);
  });

  it("defaults from configuration_mpnet.py: vocab 30,527, 512 positions, 32 buckets", () => {
    const { model } = analyzeConfig({ model_type: "mpnet", architectures: ["MPNetModel"] });
    expect(model.vocabSize.value).toBe(30527);
    expect(model.maxPositions.value).toBe(512);
    const s = shapes({ model_type: "mpnet", architectures: ["MPNetModel"], num_attention_heads: 4 });
    expect(s.get("encoder.relative_attention_bias.weight")).toEqual([32, 4]);
  });
});
