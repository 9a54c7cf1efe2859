import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Sources: `AutoModel.from_pretrained(...).num_parameters()` as listed in a public script's
 * docstring: facebook/bart-base 139,420,416, facebook/bart-large 406,291,456 (BartModel; the same
 * as BartForConditionalGeneration, whose LM head is tied). Checkpoints also store the
 * `final_logits_bias` buffer [1, 50,265], which is not a parameter.
 */
describe("bart (modeling_bart.py)", () => {
  it("bart-large: 406,291,456", () => {
    const config = readFixtureConfig("facebook--bart-large");
    const { parameters, inventory } = analyzeConfig(config);
    // By hand: shared 50,265 × 1,024 = 51,471,360; embed_positions 2 × 1,026 × 1,024 = 2,101,248;
    // layernorm_embedding 2 × 2,048; encoder layer q/k/v/out 4 × (1,024² + 1,024) = 4,198,400,
    // fc1 4,198,400, fc2 4,195,328, two LayerNorms 4,096 → 12,596,224 × 12 = 151,154,688; decoder
    // layer + encoder_attn 4,198,400 + its LayerNorm 2,048 → 16,796,672 × 12 = 201,560,064.
    expect(51_471_360 + 2_101_248 + 4_096 + 151_154_688 + 201_560_064).toBe(406_291_456);
    expect(parameters?.total).toBe(406_291_456);
    expect(parameters?.estimated).toBe(false);
    expect(inventory?.encoderLayers).toBe(12);
    expect(inventory?.decoderLayers).toBe(12);
    expect(totalOf({ ...config, architectures: ["BartForConditionalGeneration"] })).toBe(406_291_456);
  });

  it("bart-base: 139,420,416", () => {
    expect(totalOf(readFixtureConfig("facebook--bart-base"))).toBe(139_420_416);
  });

  it("names: model.shared, positions with BART's offset of 2, biased attention, the tied head", () => {
    const config = { ...readFixtureConfig("facebook--bart-large"), architectures: ["BartForConditionalGeneration"] };
    const s = shapes(config);
    expect(s.get("model.shared.weight")).toEqual([50265, 1024]);
    expect(s.get("model.encoder.embed_positions.weight")).toEqual([1026, 1024]);
    expect(s.get("model.decoder.embed_positions.weight")).toEqual([1026, 1024]);
    expect(s.get("model.decoder.layers.11.encoder_attn.k_proj.bias")).toEqual([1024]);
    expect(s.get("model.encoder.layers.0.fc1.weight")).toEqual([4096, 1024]);
    expect(s.get("model.decoder.layernorm_embedding.bias")).toEqual([1024]);
    expect(s.has("final_logits_bias")).toBe(false);
    expect(s.has("lm_head.weight")).toBe(false);
    expect(analyzeConfig(config).parameters?.tied.map((t) => t.name)).toEqual(["model.encoder.embed_tokens.weight", "model.decoder.embed_tokens.weight", "lm_head.weight"]);
    expect(totalOf({ ...config, tie_word_embeddings: false }) - totalOf(config)).toBe(50265 * 1024);
  });

  it("classification and QA heads", () => {
    const config = readFixtureConfig("facebook--bart-large");
    // BartClassificationHead: dense 1,024² + 1,024, out_proj 3 × 1,024 + 3 (bart-large-mnli: 3 labels).
    expect(totalOf({ ...config, architectures: ["BartForSequenceClassification"], id2label: { 0: "contradiction", 1: "neutral", 2: "entailment" } })).toBe(406_291_456 + 1024 * 1024 + 1024 + 3 * 1024 + 3);
    expect(totalOf({ ...config, architectures: ["BartForQuestionAnswering"] })).toBe(406_291_456 + 2 * 1024 + 2);
  });

  it("BartForCausalLM: the decoder alone, its own embed_tokens, tied head", () => {
    const { parameters, inventory } = analyzeConfig({ ...readFixtureConfig("facebook--bart-large"), architectures: ["BartForCausalLM"] });
    // Embeddings 51,471,360 + positions 1,050,624 + layernorm_embedding 2,048 + 12 decoder layers.
    expect(parameters?.total).toBe(51_471_360 + 1_050_624 + 2_048 + 201_560_064);
    expect(inventory?.decoderLayers).toBe(12);
  });

  it("defaults from configuration_bart.py: 12 decoder layers of FFN 4,096, 1,024 positions, tied", () => {
    const config = { model_type: "bart", architectures: ["BartForConditionalGeneration"], d_model: 16, encoder_layers: 1, encoder_attention_heads: 2, encoder_ffn_dim: 32, vocab_size: 10 };
    const { model, inventory, parameters } = analyzeConfig(config);
    expect(inventory?.decoderLayers).toBe(12);
    expect(model.maxPositions.value).toBe(1024);
    expect(model.tieWordEmbeddings.value).toBe(true);
    expect(parameters?.breakdown.lmHead).toBeUndefined();
    const s = shapes(config);
    expect(s.get("model.decoder.layers.11.fc1.weight")).toEqual([4096, 16]);
    expect(s.get("model.encoder.embed_positions.weight")).toEqual([1026, 16]);
  });
});
