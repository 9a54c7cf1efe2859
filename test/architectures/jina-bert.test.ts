import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * JinaBERT v2 is remote code (jinaai/jina-bert-implementation) that could not be read here, so the
 * count is an estimate built from public ports that load the Hub checkpoint by tensor name; the Hub's
 * rounded 137M for jina-embeddings-v2-base-en agrees.
 */
describe("jina_bert (JinaBert… classes under model_type bert)", () => {
  const config = readFixtureConfig("jinaai--jina-embeddings-v2-base-en");

  it("is found by class although the config says bert, and is labelled an estimate", () => {
    const { model, parameters } = analyzeConfig(config);
    expect(model.layoutType).toBe("jina_bert");
    expect(parameters?.estimated).toBe(true);
    // word 30,528 × 768 = 23,445,504; token types 1,536; LayerNorm 1,536 (ALiBi: no position table).
    // Layer: q/k/v/output.dense 4 × 590,592 + LayerNorm 1,536, gated_layers 6,144 × 768 = 4,718,592,
    // wo 2,359,296 + 768, mlp.layernorm 1,536 → 9,444,096 × 12 = 113,329,152. Pooler 590,592.
    expect(totalOf({ ...config, architectures: ["JinaBertModel"] })).toBe(23_445_504 + 1_536 + 1_536 + 113_329_152 + 590_592);
    // ForMaskedLM: no pooler; cls.predictions transform 590,592 + 1,536 and bias 30,528, decoder tied.
    expect(parameters?.total).toBe(23_445_504 + 1_536 + 1_536 + 113_329_152 + 590_592 + 1_536 + 30_528);
  });

  it("names as the checkpoint stores them", () => {
    const s = shapes({ ...config, architectures: ["JinaBertModel"] });
    expect(s.get("encoder.layer.0.mlp.gated_layers.weight")).toEqual([6144, 768]);
    expect(s.has("encoder.layer.0.mlp.gated_layers.bias")).toBe(false);
    expect(s.get("encoder.layer.11.mlp.wo.bias")).toEqual([768]);
    expect(s.get("encoder.layer.0.mlp.layernorm.weight")).toEqual([768]);
    expect(s.has("embeddings.position_embeddings.weight")).toBe(false);
    expect(s.get("pooler.dense.weight")).toEqual([768, 768]);
  });
});
