import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Module counts of WhisperForConditionalGeneration (proj_out tied). Sources: openai/whisper-large-v3
 * 1,543,490,560 as the Hub's safetensors.total in two public model lists; whisper-tiny 37,760,640
 * (KerasHub whisper_tiny_multi preset "params", and a `state_dict()` count of the HF model);
 * whisper-base 72,593,920 (public tables of Hub counts for openai/whisper-base).
 */
const cases = [
  { fixture: "openai--whisper-tiny", total: 37_760_640, encoder: 8_208_384, layers: 4 },
  { fixture: "openai--whisper-base", total: 72_593_920, encoder: 20_590_592, layers: 6 },
  { fixture: "openai--whisper-large-v3", total: 1_543_490_560, encoder: 636_968_960, layers: 32 },
];

describe("whisper (modeling_whisper.py)", () => {
  it.each(cases)("$fixture: $total", ({ fixture, total, encoder, layers }) => {
    const { parameters, inventory } = analyzeConfig(readFixtureConfig(fixture));
    expect(parameters?.total).toBe(total);
    expect(parameters?.estimated).toBe(false);
    expect(parameters?.components).toEqual({ audioEncoder: encoder, languageModel: total - encoder });
    expect(parameters?.breakdown.audio).toBe(encoder);
    expect(inventory?.encoderLayers).toBe(layers);
    expect(inventory?.decoderLayers).toBe(layers);
  });

  it("whisper-tiny's encoder by hand: 8,208,384", () => {
    // conv1 384 × 80 × 3 + 384 = 92,544; conv2 384 × 384 × 3 + 384 = 442,752; embed_positions
    // 1,500 × 384 = 576,000 (frozen, still a parameter); per layer q/v/out (384² + 384) × 3 + k
    // 384² = 590,976, fc1 + fc2 589,824 × 2 + 1,536 + 384 = 1,181,568, two LayerNorms 1,536 →
    // 1,774,080 × 4 = 7,096,320; layer_norm 768.
    expect(92_544 + 442_752 + 576_000 + 7_096_320 + 768).toBe(8_208_384);
  });

  it("names and shapes: conv kernels, k_proj without bias, frozen encoder positions, tied proj_out", () => {
    const config = readFixtureConfig("openai--whisper-large-v3");
    const s = shapes(config);
    expect(s.get("model.encoder.conv1.weight")).toEqual([1280, 128, 3]);
    expect(s.get("model.encoder.conv2.weight")).toEqual([1280, 1280, 3]);
    expect(s.get("model.encoder.embed_positions.weight")).toEqual([1500, 1280]);
    expect(s.get("model.decoder.embed_positions.weight")).toEqual([448, 1280]);
    expect(s.get("model.decoder.embed_tokens.weight")).toEqual([51866, 1280]);
    expect(s.has("model.encoder.layers.0.self_attn.k_proj.bias")).toBe(false);
    expect(s.has("model.decoder.layers.31.encoder_attn.k_proj.bias")).toBe(false);
    expect(s.get("model.decoder.layers.31.encoder_attn.q_proj.bias")).toEqual([1280]);
    expect(s.has("proj_out.weight")).toBe(false);
    expect(analyzeConfig(config).parameters?.tied).toEqual([{ name: "proj_out.weight", tiedTo: "model.decoder.embed_tokens.weight" }]);
    expect(totalOf({ ...config, tie_word_embeddings: false }) - totalOf(config)).toBe(51866 * 1280);
  });

  it("WhisperModel: no prefix, no proj_out", () => {
    const config = { ...readFixtureConfig("openai--whisper-tiny"), architectures: ["WhisperModel"] };
    expect(totalOf(config)).toBe(37_760_640);
    expect(shapes(config).has("encoder.conv1.weight")).toBe(true);
  });

  it("decoder layers and FFN may differ from the encoder's (whisper-large-v3-turbo: 4 decoder layers, 808,878,080)", () => {
    // openai/whisper-large-v3-turbo, 808,878,080 in the same public Hub-count lists; by hand
    // large-v3 less 28 decoder layers of 26,236,160.
    expect(totalOf({ ...readFixtureConfig("openai--whisper-large-v3"), decoder_layers: 4 })).toBe(1_543_490_560 - 28 * 26_236_160);
    expect(1_543_490_560 - 28 * 26_236_160).toBe(808_878_080);
  });

  it("defaults from configuration_whisper.py: 80 mel bins, 1,500 source and 448 target positions, 4 decoder layers of 1,536", () => {
    const config = { model_type: "whisper", architectures: ["WhisperForConditionalGeneration"], d_model: 8, encoder_layers: 1, encoder_attention_heads: 2, encoder_ffn_dim: 16, vocab_size: 10 };
    const { inventory, model } = analyzeConfig(config);
    const s = shapes(config);
    expect(s.get("model.encoder.conv1.weight")).toEqual([8, 80, 3]);
    expect(s.get("model.encoder.embed_positions.weight")).toEqual([1500, 8]);
    expect(s.get("model.decoder.embed_positions.weight")).toEqual([448, 8]);
    expect(s.get("model.decoder.layers.3.fc1.weight")).toEqual([1536, 8]);
    expect(inventory?.decoderLayers).toBe(4);
    expect(model.tieWordEmbeddings.value).toBe(true);
  });
});
