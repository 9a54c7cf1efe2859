import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Source: derived from modeling_speecht5.py (no published exact count was found for
 * microsoft/speecht5_tts); the arithmetic is spelled out below.
 */
describe("speecht5 (modeling_speecht5.py)", () => {
  const config = readFixtureConfig("microsoft--speecht5_tts");

  it("speecht5_tts (SpeechT5ForTextToSpeech): 144,431,684, by hand", () => {
    const encoder = 62_208 + 1 + 1_536 + 12 * 7_087_872 + 320 * 64;
    // Speech pre-net: 80→256, 256→256, final 256→768, alpha, speaker_embeds_layer (512 + 768)→768.
    const prenet = 80 * 256 + 256 + 256 * 256 + 256 + 256 * 768 + 768 + 1 + 1280 * 768 + 768;
    // Decoder layer: self_attn and encoder_attn 2 x 2,362,368, three LayerNorms 4,608, FFN 4,722,432.
    const decoder = 6 * (2 * 2_362_368 + 4_608 + 4_722_432);
    // Post-net: feat_out 768→160, prob_out 768→2, convs 80→256, 3 x 256→256, 256→80 (kernel 5, no bias) + BatchNorms.
    const postnet = 768 * 160 + 160 + 768 * 2 + 2 + 256 * 80 * 5 + 512 + 3 * (256 * 256 * 5 + 512) + 80 * 256 * 5 + 160;
    expect(encoder + prenet + decoder + postnet).toBe(144_431_684);
    const { parameters, inventory } = analyzeConfig(config);
    expect(parameters?.total).toBe(144_431_684);
    expect(parameters?.components).toEqual({ encoder, decoder: prenet + decoder, postnet });
    expect(inventory?.encoderLayers).toBe(12);
    expect(inventory?.decoderLayers).toBe(6);
  });

  it("names: pre-nets, scalar alphas, relative positions, bias-free postnet convs", () => {
    const s = shapes(config);
    expect(s.get("speecht5.encoder.prenet.embed_tokens.weight")).toEqual([81, 768]);
    expect(s.get("speecht5.encoder.prenet.encode_positions.alpha")).toEqual([]);
    expect(s.get("speecht5.encoder.wrapped_encoder.embed_positions.pe_k.weight")).toEqual([320, 64]);
    expect(s.get("speecht5.decoder.prenet.speaker_embeds_layer.weight")).toEqual([768, 1280]);
    expect(s.get("speecht5.decoder.wrapped_decoder.layers.5.encoder_attn.k_proj.bias")).toEqual([768]);
    expect(s.has("speecht5.decoder.wrapped_decoder.layer_norm.weight")).toBe(false);
    expect(s.get("speech_decoder_postnet.layers.4.conv.weight")).toEqual([80, 256, 5]);
    expect(s.has("speech_decoder_postnet.layers.0.conv.bias")).toBe(false);
    expect(s.get("speech_decoder_postnet.feat_out.weight")).toEqual([160, 768]);
  });

  it("SpeechT5Model: no pre-nets, no post-net", () => {
    const s = shapes({ ...config, architectures: ["SpeechT5Model"] });
    expect(s.has("encoder.wrapped_encoder.layer_norm.weight")).toBe(true);
    expect([...s.keys()].some((n) => n.includes("prenet") || n.includes("postnet"))).toBe(false);
    expect(totalOf({ ...config, architectures: ["SpeechT5Model"] })).toBe(1_536 + 12 * 7_087_872 + 20_480 + 6 * 9_451_776);
  });
});
