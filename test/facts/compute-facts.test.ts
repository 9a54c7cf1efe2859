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
  it("FLOPs per token 2 × and 6 × active non-embedding parameters, Chinchilla-optimal 20 × parameters", () => {
    const compute = computeWith(null);
    // Meta-Llama-3-8B: 8,030,261,248 parameters (Hub safetensors.total); its input embedding is
    // 128,256 × 4,096 = 525,336,576, a lookup. The untied LM head (as large) is a matmul and stays in.
    const nonEmbedding = 8_030_261_248 - 525_336_576;
    expect(compute).toEqual({
      flopsPerTokenInference: 2 * nonEmbedding,
      flopsPerTokenTraining: 6 * nonEmbedding,
      nonEmbeddingParameters: nonEmbedding,
      embeddingShare: 525_336_576 / 8_030_261_248,
      chinchillaTokens: 160_605_224_960,
      trainingTokens: null,
      trainingTokensRatio: null,
    });
  });

  it("no Chinchilla line for an encoder, and all-MiniLM-L6-v2's embeddings (52% of it) are not counted as matmuls", () => {
    // sentence-transformers/all-MiniLM-L6-v2: BertModel, 6 layers of width 384, vocab 30,522 (Hub total 22,713,216).
    const config = { model_type: "bert", architectures: ["BertModel"], hidden_size: 384, intermediate_size: 1536, num_hidden_layers: 6, num_attention_heads: 12, vocab_size: 30522, max_position_embeddings: 512, type_vocab_size: 2 };
    const result = analyzeDocuments({ config: parseConfigBytes(Buffer.from(JSON.stringify(config)), "config.json"), name: null, card: null }, { input: "x", kind: "directory", revision: null }, { rules: [], ruleSettings: {}, cwd: "." });
    const facts = result.facts!;
    expect(facts.parameters!.total).toBe(22_713_216);
    // Embeddings: (30,522 + 512 + 2) × 384 = 11,917,824; the embedding LayerNorm (768) is not a lookup.
    expect(facts.compute!.nonEmbeddingParameters).toBe(22_713_216 - 11_917_824);
    expect(facts.compute!.embeddingShare).toBeCloseTo(0.5247, 4);
    expect(facts.compute!.chinchillaTokens).toBeNull();
    expect(facts.modelKind).toBe("encoder");
    expect(facts.memory!.kvCache).toBeNull();
    expect(facts.parameters!.approx12Ld2).toBeNull();
    // Embedding a batch at 512 tokens: 512 × (6 × 384 + 1,536) × 2 bytes of one layer's activations.
    expect(facts.memory!.embedBatch).toEqual({ estimated: true, tokens: 512, batch: 1, activationBytes: 512 * (6 * 384 + 1536) * 2, totalBytes: 2 * 22_713_216 + 512 * (6 * 384 + 1536) * 2, embeddingWidth: 384 });
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
