import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * ALBERT (modeling_albert.py). Source: keras-hub's albert_base_en_uncased preset (converted from
 * albert-base-v2) lists 11,683,584 parameters, the AlbertModel count (also a public
 * AutoModel.from_pretrained("albert-base-v2") count); the masked-LM class is derived from it.
 */
describe("albert (modeling_albert.py)", () => {
  const config = readFixtureConfig("albert--albert-base-v2");

  it("albert-base-v2: AlbertModel 11,683,584, AlbertForMaskedLM 11,221,680", () => {
    // By hand: word 30,000 × 128 = 3,840,000; positions 512 × 128 = 65,536; token types 256;
    // LayerNorm 256; embedding_hidden_mapping_in 768 × 128 + 768 = 99,072; one shared layer
    // 4 × 590,592 + 2 × 1,536 + ffn 2,362,368 + ffn_output 2,360,064 = 7,087,872; pooler 590,592.
    expect(3_840_000 + 65_536 + 256 + 256 + 99_072 + 7_087_872 + 590_592).toBe(11_683_584);
    expect(totalOf({ ...config, architectures: ["AlbertModel"] })).toBe(11_683_584);
    // AlbertForMaskedLM: no pooler; predictions.dense 128 × 768 + 128, LayerNorm 256, bias 30,000.
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(11_683_584 - 590_592 + 98_432 + 256 + 30_000);
    expect(parameters?.estimated).toBe(false);
  });

  it("the twelve layers share one group: depth adds nothing, groups and inner layers do", () => {
    const base = totalOf(config);
    expect(totalOf({ ...config, num_hidden_layers: 24 })).toBe(base);
    expect(totalOf({ ...config, num_hidden_groups: 2 })).toBe(base + 7_087_872);
    expect(totalOf({ ...config, inner_group_num: 2 })).toBe(base + 7_087_872);
    const s = shapes({ ...config, num_hidden_groups: 2, inner_group_num: 2 });
    expect(s.get("albert.encoder.albert_layer_groups.1.albert_layers.1.ffn.weight")).toEqual([3072, 768]);
    expect(s.has("albert.encoder.albert_layer_groups.2.albert_layers.0.ffn.weight")).toBe(false);
  });

  it("names: E-wide embeddings, the mapping, `albert.pooler` a plain Linear, tied decoder and bias", () => {
    const s = shapes(config);
    expect(s.get("albert.embeddings.word_embeddings.weight")).toEqual([30000, 128]);
    expect(s.get("albert.embeddings.LayerNorm.weight")).toEqual([128]);
    expect(s.get("albert.encoder.embedding_hidden_mapping_in.weight")).toEqual([768, 128]);
    expect(s.get("albert.encoder.albert_layer_groups.0.albert_layers.0.attention.dense.weight")).toEqual([768, 768]);
    expect(s.get("albert.encoder.albert_layer_groups.0.albert_layers.0.full_layer_layer_norm.bias")).toEqual([768]);
    expect(s.get("predictions.dense.weight")).toEqual([128, 768]);
    expect(s.get("predictions.LayerNorm.weight")).toEqual([128]);
    expect(s.get("predictions.bias")).toEqual([30000]);
    expect(s.has("predictions.decoder.weight")).toBe(false);
    expect(s.has("albert.pooler.weight")).toBe(false);
    expect(shapes({ ...config, architectures: ["AlbertModel"] }).get("pooler.weight")).toEqual([768, 768]);
    expect(totalOf({ ...config, tie_word_embeddings: false }) - totalOf(config)).toBe(30000 * 128);
  });

  it("heads: pre-training (pooler + sop_classifier), classification, QA", () => {
    expect(totalOf({ ...config, architectures: ["AlbertForPreTraining"] })).toBe(11_683_584 + 128_688 + 2 * 768 + 2);
    expect(totalOf({ ...config, architectures: ["AlbertForSequenceClassification"], num_labels: 3 })).toBe(11_683_584 + 3 * 768 + 3);
    expect(totalOf({ ...config, architectures: ["AlbertForQuestionAnswering"] })).toBe(11_683_584 - 590_592 + 2 * 768 + 2);
    expect(totalOf({ ...config, architectures: ["AlbertForMultipleChoice"] })).toBe(11_683_584 + 768 + 1);
  });

  it("defaults from configuration_albert.py are ALBERT-xxlarge's", () => {
    const s = shapes({ model_type: "albert", architectures: ["AlbertModel"] });
    expect(s.get("embeddings.word_embeddings.weight")).toEqual([30000, 128]);
    expect(s.get("encoder.albert_layer_groups.0.albert_layers.0.ffn.weight")).toEqual([16384, 4096]);
    expect(s.get("encoder.embedding_hidden_mapping_in.weight")).toEqual([4096, 128]);
  });
});
