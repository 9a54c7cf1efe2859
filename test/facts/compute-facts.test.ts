import { describe, expect, it } from "vitest";
import { analyzeDocuments } from "../../src/analyze/analyze-documents.js";
import { parseCardText } from "../../src/sources/read-card-document.js";
import { parseConfigBytes } from "../../src/sources/read-config-document.js";
import { readFixtureConfig } from "../helpers/count.js";

function computeWith(cardText: string | null) {
  const config = parseConfigBytes(Buffer.from(JSON.stringify(readFixtureConfig("meta-llama--Meta-Llama-3-8B"))), "config.json");
  const card = cardText === null ? null : parseCardText(cardText, "README.md");
  return analyzeDocuments({ config, name: null, card }, { input: "x", kind: "directory", revision: null }, { rules: [], ruleSettings: {}, cwd: "." }).facts!.compute!;
}

describe("compute and scaling facts", () => {
  it("FLOPs per token 2 × and 6 × active parameters, Chinchilla-optimal 20 × parameters", () => {
    const compute = computeWith(null);
    // Meta-Llama-3-8B: 8,030,261,248 parameters (Hub safetensors.total).
    expect(compute).toEqual({ flopsPerTokenInference: 2 * 8_030_261_248, flopsPerTokenTraining: 6 * 8_030_261_248, chinchillaTokens: 160_605_224_960, trainingTokens: null, trainingTokensRatio: null });
  });

  it("takes the training tokens a card states, with their ratio to the Chinchilla-optimal count", () => {
    // Meta-Llama-3-8B's card: "Llama 3 was pretrained on over 15 trillion tokens of data from publicly available sources."
    const compute = computeWith("# Llama 3\n\nLlama 3 was pretrained on over 15 trillion tokens of data from publicly available sources.\n");
    expect(compute.trainingTokens).toMatchObject({ value: 15e12, source: "card" });
    // 15T / 160.6B = 93.4.
    expect(compute.trainingTokensRatio!.toFixed(1)).toBe("93.4");
  });

  it("reads a spec table row too, and nothing from a card that states no training tokens", () => {
    expect(computeWith("# Model\n\n| | |\n|---|---|\n| Token count | 2T |\n").trainingTokens?.value).toBe(2e12);
    expect(computeWith("# Model\n\nContext length: 128k tokens. The tokenizer has 128,256 tokens.\n").trainingTokens).toBeNull();
  });
});
