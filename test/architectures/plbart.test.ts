import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/** Source: PLBART's "139M(139,220,736)" in a public table of code models (fixtures/expected/uclanlp--plbart-base.json). */
describe("plbart (modeling_plbart.py)", () => {
  it("plbart-base: 139,220,736, BART's layout", () => {
    const { parameters, inventory } = analyzeConfig(readFixtureConfig("uclanlp--plbart-base"));
    // By hand: shared 50,005 × 768 = 38,403,840; positions 2 × 1,026 × 768 = 1,575,936; layernorm_embedding
    // 2 × 1,536; encoder layer 4 × 590,592 + fc1 2,362,368 + fc2 2,360,064 + 3,072 = 7,087,872 × 6;
    // decoder layer + 2,362,368 + 1,536 = 9,451,776 × 6.
    expect(38_403_840 + 1_575_936 + 3_072 + 6 * 7_087_872 + 6 * 9_451_776).toBe(139_220_736);
    expect(parameters?.total).toBe(139_220_736);
    expect(inventory?.decoderLayers).toBe(6);
  });

  it("names and heads: offset positions, layernorm_embedding, classification head, no QA class", () => {
    const config = readFixtureConfig("uclanlp--plbart-base");
    const s = shapes(config);
    expect(s.get("model.encoder.embed_positions.weight")).toEqual([1026, 768]);
    expect(s.get("model.decoder.layernorm_embedding.bias")).toEqual([768]);
    expect(s.has("model.decoder.layer_norm.weight")).toBe(false);
    expect(totalOf({ ...config, architectures: ["PLBartForSequenceClassification"] })).toBe(139_220_736 + 768 * 768 + 768 + 2 * 768 + 2);
    expect(analyzeConfig({ ...config, architectures: ["PLBartForQuestionAnswering"] }).parameters?.estimated).toBe(true);
  });

  it("defaults from configuration_plbart.py: vocab 50,005, d 768, 6 + 6 layers of FFN 3,072", () => {
    expect(totalOf({ model_type: "plbart", architectures: ["PLBartForConditionalGeneration"] })).toBe(139_220_736);
  });
});
