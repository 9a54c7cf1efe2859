import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Sources: blenderbot_small-90M's 87,508,992 from ParlAI's parameter log; blenderbot-400M-distill
 * derived from modeling_blenderbot.py with ParlAI's rounded "365M"; the BlenderbotConfig defaults
 * (blenderbot-3B's shape) give 2,696,268,800, the "2696M parameters" a public BlenderbotModel(BlenderbotConfig()) benchmark reports.
 */
describe("blenderbot (modeling_blenderbot.py)", () => {
  it("blenderbot-400M-distill: 364,802,560", () => {
    const { parameters, inventory } = analyzeConfig(readFixtureConfig("facebook--blenderbot-400M-distill"));
    // By hand: shared 8,008 × 1,280 = 10,250,240; positions 2 × 128 × 1,280 = 327,680 (no offset);
    // encoder layer 4 × 1,639,680 + fc1 6,558,720 + fc2 6,554,880 + 2 LayerNorms 5,120 = 19,677,440 × 2;
    // decoder layer + encoder_attn 6,558,720 + LayerNorm 2,560 = 26,238,720 × 12; final layer_norms 5,120.
    expect(10_250_240 + 327_680 + 2 * 19_677_440 + 12 * 26_238_720 + 5_120).toBe(364_802_560);
    expect(parameters?.total).toBe(364_802_560);
    expect(inventory?.encoderLayers).toBe(2);
    expect(inventory?.decoderLayers).toBe(12);
  });

  it("names: positions without offset, final layer_norm, no layernorm_embedding", () => {
    const s = shapes(readFixtureConfig("facebook--blenderbot-400M-distill"));
    expect(s.get("model.encoder.embed_positions.weight")).toEqual([128, 1280]);
    expect(s.get("model.decoder.layer_norm.weight")).toEqual([1280]);
    expect(s.has("model.decoder.layernorm_embedding.weight")).toBe(false);
    expect(s.has("lm_head.weight")).toBe(false);
  });

  it("BlenderbotForCausalLM: the decoder alone", () => {
    const config = { ...readFixtureConfig("facebook--blenderbot-400M-distill"), architectures: ["BlenderbotForCausalLM"] };
    expect(totalOf(config)).toBe(10_250_240 + 163_840 + 12 * 26_238_720 + 2_560);
  });

  it("defaults from configuration_blenderbot.py: 2 encoder and 24 decoder layers, d 2,560, FFN 10,240", () => {
    expect(totalOf({ model_type: "blenderbot", architectures: ["BlenderbotModel"] })).toBe(2_696_268_800);
  });
});

describe("blenderbot-small (modeling_blenderbot_small.py)", () => {
  it("blenderbot_small-90M: 87,508,992", () => {
    const { parameters } = analyzeConfig(readFixtureConfig("facebook--blenderbot_small-90M"));
    // By hand: shared 54,944 × 512 = 28,131,328; positions 2 × 512 × 512 = 524,288; layernorm_embedding
    // 2 × 1,024; 8 encoder layers × 3,152,384 = 25,219,072; 8 decoder layers × 4,204,032 = 33,632,256.
    expect(28_131_328 + 524_288 + 2_048 + 25_219_072 + 33_632_256).toBe(87_508_992);
    expect(parameters?.total).toBe(87_508_992);
  });

  it("names: layernorm_embedding, no final layer_norm, positions without offset", () => {
    const config = readFixtureConfig("facebook--blenderbot_small-90M");
    const s = shapes(config);
    expect(s.get("model.encoder.layernorm_embedding.weight")).toEqual([512]);
    expect(s.has("model.encoder.layer_norm.weight")).toBe(false);
    expect(s.get("model.decoder.embed_positions.weight")).toEqual([512, 512]);
    expect(totalOf({ ...config, architectures: ["BlenderbotSmallForCausalLM"] })).toBe(28_131_328 + 262_144 + 1_024 + 33_632_256);
  });

  it("defaults from configuration_blenderbot_small.py: vocab 50,265, d 512, 8 + 8 layers, 512 positions", () => {
    const { model, inventory } = analyzeConfig({ model_type: "blenderbot-small", architectures: ["BlenderbotSmallForConditionalGeneration"] });
    expect(model.vocabSize.value).toBe(50265);
    expect(model.maxPositions.value).toBe(512);
    expect(inventory?.decoderLayers).toBe(8);
  });
});
