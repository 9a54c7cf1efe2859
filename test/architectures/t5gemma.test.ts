import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * T5GemmaForConditionalGeneration (modeling_t5gemma.py), derived from the modeling file; its encoder
 * is Gemma 2 2B, whose Hub safetensors total is 2,614,341,888 (google/gemma-2-2b-it).
 */
describe("t5gemma (modeling_t5gemma.py)", () => {
  it("t5gemma-2b-2b-ul2 by hand: 5,596,853,760", () => {
    // Gemma 2 2B layer: q 2,048 × 2,304 + k, v 1,024 × 2,304 each + o 2,304 × 2,048 = 14,155,776;
    // MLP 3 × 2,304 × 9,216 = 63,700,992; four RMSNorms 9,216 → 77,865,984 × 26 = 2,024,515,584,
    // + embed_tokens 256,000 × 2,304 = 589,824,000 + norm 2,304 = 2,614,341,888 (the encoder).
    // Decoder layer + cross_attn 14,155,776 + two norms 4,608 → 26 × 14,160,384 = 368,169,984 more.
    expect(26 * 77_865_984 + 589_824_000 + 2_304).toBe(2_614_341_888);
    expect(2 * 2_614_341_888 + 26 * 14_160_384).toBe(5_596_853_760);
    const { parameters, inventory } = analyzeConfig(readFixtureConfig("google--t5gemma-2b-2b-ul2"));
    expect(parameters?.total).toBe(5_596_853_760);
    expect(parameters?.estimated).toBe(false);
    expect(parameters?.breakdown.embedding).toBe(2 * 589_824_000);
    expect(parameters?.tied).toEqual([{ name: "lm_head.out_proj.weight", tiedTo: "model.decoder.embed_tokens.weight" }]);
    expect(inventory?.encoderLayers).toBe(26);
    expect(inventory?.decoderLayers).toBe(26);
  });

  it("names: two embed_tokens, Gemma-2 norms, cross-attention reading the encoder's width", () => {
    const s = shapes(readFixtureConfig("google--t5gemma-2b-2b-ul2"));
    expect(s.get("model.encoder.embed_tokens.weight")).toEqual([256000, 2304]);
    expect(s.get("model.decoder.embed_tokens.weight")).toEqual([256000, 2304]);
    expect(s.get("model.encoder.layers.0.post_feedforward_layernorm.weight")).toEqual([2304]);
    expect(s.has("model.encoder.layers.0.cross_attn.q_proj.weight")).toBe(false);
    expect(s.get("model.decoder.layers.25.cross_attn.k_proj.weight")).toEqual([1024, 2304]);
    expect(s.get("model.decoder.layers.25.pre_cross_attn_layernorm.weight")).toEqual([2304]);
    expect(s.has("model.decoder.layers.0.self_attn.q_proj.bias")).toBe(false);
    expect(s.has("lm_head.out_proj.weight")).toBe(false);
  });

  it("an unbalanced 9B-2B: the decoder's cross-attention k/v read the encoder's 3,584", () => {
    const config = readFixtureConfig("google--t5gemma-2b-2b-ul2");
    const encoder = { ...(config.encoder as Record<string, unknown>), hidden_size: 3584, intermediate_size: 14336, num_hidden_layers: 42, num_attention_heads: 16, num_key_value_heads: 8 };
    const s = shapes({ ...config, encoder });
    expect(s.get("model.decoder.layers.0.cross_attn.k_proj.weight")).toEqual([1024, 3584]);
    expect(s.get("model.decoder.layers.0.cross_attn.q_proj.weight")).toEqual([2048, 2304]);
    expect(s.get("model.encoder.layers.41.self_attn.q_proj.weight")).toEqual([4096, 3584]);
  });

  it("heads and defaults: untied head, classification, encoder-only, root vocab_size, decoder = encoder when absent", () => {
    const config = readFixtureConfig("google--t5gemma-2b-2b-ul2");
    expect(totalOf({ ...config, tie_word_embeddings: false }) - totalOf(config)).toBe(256000 * 2304);
    expect(totalOf({ ...config, architectures: ["T5GemmaForTokenClassification"], num_labels: 7 })).toBe(5_596_853_760 + 7 * 2304 + 7);
    expect(totalOf({ ...config, architectures: ["T5GemmaForSequenceClassification"], is_encoder_decoder: false })).toBe(2_614_341_888 + 2 * 2304 + 2);
    expect(totalOf({ ...config, architectures: ["T5GemmaEncoderModel"] })).toBe(2_614_341_888);
    expect(shapes({ ...config, architectures: ["T5GemmaEncoderModel"] }).has("encoder.norm.weight")).toBe(true);
    // T5GemmaConfig's __setattr__ pushes the root vocab_size into both stacks.
    expect(shapes({ ...config, vocab_size: 1000 }).get("model.decoder.embed_tokens.weight")).toEqual([1000, 2304]);
    const { decoder: _decoder, ...encoderOnlyConfig } = config;
    expect(totalOf(encoderOnlyConfig)).toBe(5_596_853_760);
    // No sub-configs at all: T5GemmaModuleConfig's defaults are Gemma 2 2B's.
    expect(totalOf({ model_type: "t5gemma", architectures: ["T5GemmaForConditionalGeneration"] })).toBe(5_596_853_760);
  });
});
