import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

describe("biogpt (modeling_biogpt.py)", () => {
  const config = readFixtureConfig("microsoft--biogpt");

  it("BioGPT: 346,763,264, as published", () => {
    // embed_tokens 42,384 × 1,024 = 43,401,216; embed_positions (1,024 + 2) × 1,024 = 1,050,624;
    // per layer 12,596,224 × 24 = 302,309,376; layer_norm 2,048; output_projection tied.
    expect(43_401_216 + 1_050_624 + 12_596_224 * 24 + 2_048).toBe(346_763_264);
    expect(totalOf(config)).toBe(346_763_264);
  });

  it("names: biogpt. prefix, positions with OPT's offset of 2, output_projection tied", () => {
    const { inventory } = analyzeConfig(config);
    const t = new Map([...expandTensors(inventory!)].map((x) => [x.name, x.shape]));
    expect(t.get("biogpt.embed_positions.weight")).toEqual([1026, 1024]);
    expect(t.get("biogpt.layers.0.fc1.weight")).toEqual([4096, 1024]);
    expect(t.has("output_projection.weight")).toBe(false);
    expect(inventory!.tied).toEqual([{ name: "output_projection.weight", tiedTo: "biogpt.embed_tokens.weight" }]);
  });

  it("heads: score without bias, classifier with bias", () => {
    const base = totalOf({ ...config, architectures: ["BioGptModel"] });
    expect(totalOf({ ...config, architectures: ["BioGptForSequenceClassification"] }) - base).toBe(2 * 1024);
    expect(totalOf({ ...config, architectures: ["BioGptForTokenClassification"], num_labels: 5 }) - base).toBe(5 * 1024 + 5);
    expect(totalOf({ ...config, tie_word_embeddings: false }) - totalOf(config)).toBe(42_384 * 1_024);
  });
});
