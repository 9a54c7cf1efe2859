import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Source: num_parameters() of Helsinki-NLP/opus-mt-en-de as printed in two public READMEs,
 * 74,410,496 (fixtures/expected/Helsinki-NLP--opus-mt-en-de.json). The frozen sinusoidal positions
 * are parameters (an nn.Embedding whose weight is an nn.Parameter with requires_grad False), so
 * they are in that count although the checkpoint omits them.
 */
describe("marian (modeling_marian.py)", () => {
  it("opus-mt-en-de: 74,410,496, MarianMTModel read as the LM-head class", () => {
    const { model, parameters, inventory } = analyzeConfig(readFixtureConfig("Helsinki-NLP--opus-mt-en-de"));
    // By hand: shared 58,101 × 512 = 29,747,712; positions 2 × 512 × 512 = 524,288 (no offset);
    // encoder layer: q/k/v/out 4 × (512² + 512) = 1,050,624, fc1 2,048 × 512 + 2,048 = 1,050,624,
    // fc2 512 × 2,048 + 512 = 1,049,088, two LayerNorms 2,048 → 3,152,384 × 6 = 18,914,304;
    // decoder layer + encoder_attn 1,050,624 + its LayerNorm 1,024 → 4,204,032 × 6 = 25,224,192.
    expect(29_747_712 + 524_288 + 18_914_304 + 25_224_192).toBe(74_410_496);
    expect(model.head).toBe("conditional-generation");
    expect(parameters?.total).toBe(74_410_496);
    expect(parameters?.estimated).toBe(false);
    expect(inventory?.encoderLayers).toBe(6);
    expect(inventory?.decoderLayers).toBe(6);
  });

  it("names: model.shared, frozen positions as parameters, no layernorm_embedding, no final norm, tied head", () => {
    const config = readFixtureConfig("Helsinki-NLP--opus-mt-en-de");
    const s = shapes(config);
    expect(s.get("model.shared.weight")).toEqual([58101, 512]);
    expect(s.get("model.encoder.embed_positions.weight")).toEqual([512, 512]);
    expect(s.get("model.decoder.embed_positions.weight")).toEqual([512, 512]);
    expect(s.get("model.decoder.layers.5.encoder_attn.q_proj.bias")).toEqual([512]);
    expect(s.get("model.encoder.layers.0.fc1.weight")).toEqual([2048, 512]);
    for (const absent of ["model.encoder.layernorm_embedding.weight", "model.encoder.layer_norm.weight", "model.decoder.layer_norm.weight", "final_logits_bias", "lm_head.weight"]) expect(s.has(absent)).toBe(false);
    expect(analyzeConfig(config).parameters?.tied.map((t) => t.name)).toEqual(["model.encoder.embed_tokens.weight", "model.decoder.embed_tokens.weight", "lm_head.weight"]);
    expect(totalOf({ ...config, tie_word_embeddings: false }) - totalOf(config)).toBe(58101 * 512);
  });

  it("MarianModel has no prefix; MarianForCausalLM is the decoder with decoder_vocab_size rows", () => {
    const config = readFixtureConfig("Helsinki-NLP--opus-mt-en-de");
    expect(shapes({ ...config, architectures: ["MarianModel"] }).get("shared.weight")).toEqual([58101, 512]);
    const causal = { ...config, architectures: ["MarianForCausalLM"], decoder_vocab_size: 60000 };
    const s = shapes(causal);
    expect(s.get("model.decoder.embed_tokens.weight")).toEqual([60000, 512]);
    expect(s.has("model.encoder.embed_positions.weight")).toBe(false);
    // 60,000 × 512 + positions 262,144 + 6 decoder layers 25,224,192; lm_head tied.
    expect(totalOf(causal)).toBe(60000 * 512 + 262_144 + 25_224_192);
  });

  it("share_encoder_decoder_embeddings false: two [vocab, d] copies, lm_head [decoder_vocab, d] when untied", () => {
    const config = { ...readFixtureConfig("Helsinki-NLP--opus-mt-en-de"), share_encoder_decoder_embeddings: false, decoder_vocab_size: 60000 };
    const s = shapes(config);
    expect(s.has("model.shared.weight")).toBe(false);
    expect(s.get("model.encoder.embed_tokens.weight")).toEqual([58101, 512]);
    // MarianModel deep-copies the [vocab_size, d] embedding for the decoder, whatever decoder_vocab_size says.
    expect(s.get("model.decoder.embed_tokens.weight")).toEqual([58101, 512]);
    expect(totalOf(config)).toBe(74_410_496 + 58101 * 512);
    expect(shapes({ ...config, tie_word_embeddings: false }).get("lm_head.weight")).toEqual([60000, 512]);
  });

  it("defaults from configuration_marian.py: vocab 58,101, d 1,024, 12 + 12 layers of FFN 4,096, 1,024 positions, shared and tied", () => {
    const config = { model_type: "marian", architectures: ["MarianMTModel"] };
    const { model, inventory } = analyzeConfig(config);
    expect(model.vocabSize.value).toBe(58101);
    expect(model.hiddenSize.value).toBe(1024);
    expect(model.tieWordEmbeddings.value).toBe(true);
    expect(inventory?.decoderLayers).toBe(12);
    const s = shapes(config);
    expect(s.get("model.decoder.embed_positions.weight")).toEqual([1024, 1024]);
    expect(s.get("model.decoder.layers.11.fc1.weight")).toEqual([4096, 1024]);
  });
});
