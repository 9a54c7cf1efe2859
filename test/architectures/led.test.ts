import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/** LEDForConditionalGeneration (modeling_led.py), derived from the modeling file; led-base-16384 is commonly quoted at 162M. */
describe("led (modeling_led.py)", () => {
  it("led-base-16384 by hand: 161,844,480", () => {
    // shared 50,265 × 768 = 38,603,520. Encoder: positions 16,384 × 768 = 12,582,912; layer: 6
    // Longformer projections + output 7 × (768² + 768) = 4,134,144, fc1 + fc2 4,722,432, two
    // LayerNorms 3,072 → 8,859,648 × 6; layernorm_embedding 1,536. Decoder: positions 1,024 × 768;
    // layer: self + cross 8 × 590,592 + fc 4,722,432 + three LayerNorms 4,608 = 9,451,776 × 6; + 1,536.
    const encoder = 12_582_912 + 6 * 8_859_648 + 1_536;
    const decoder = 786_432 + 6 * 9_451_776 + 1_536;
    expect(38_603_520 + encoder + decoder).toBe(161_844_480);
    const { parameters, inventory } = analyzeConfig(readFixtureConfig("allenai--led-base-16384"));
    expect(parameters?.total).toBe(161_844_480);
    expect(parameters?.estimated).toBe(false);
    expect(inventory?.encoderLayers).toBe(6);
    expect(inventory?.decoderLayers).toBe(6);
  });

  it("names: Longformer encoder attention with global projections, BART decoder attention, no position offset", () => {
    const s = shapes(readFixtureConfig("allenai--led-base-16384"));
    expect(s.get("led.shared.weight")).toEqual([50265, 768]);
    expect(s.get("led.encoder.embed_positions.weight")).toEqual([16384, 768]);
    expect(s.get("led.decoder.embed_positions.weight")).toEqual([1024, 768]);
    expect(s.get("led.encoder.layers.0.self_attn.longformer_self_attn.query_global.bias")).toEqual([768]);
    expect(s.get("led.encoder.layers.5.self_attn.output.weight")).toEqual([768, 768]);
    expect(s.has("led.encoder.layers.0.self_attn.q_proj.weight")).toBe(false);
    expect(s.get("led.decoder.layers.5.encoder_attn.q_proj.weight")).toEqual([768, 768]);
    expect(s.get("led.decoder.layernorm_embedding.weight")).toEqual([768]);
    expect(s.has("lm_head.weight")).toBe(false);
  });

  it("head classes: LEDModel, classification (dense + out_proj), QA (2 labels)", () => {
    const config = readFixtureConfig("allenai--led-base-16384");
    expect(totalOf({ ...config, architectures: ["LEDModel"] })).toBe(161_844_480);
    expect(shapes({ ...config, architectures: ["LEDModel"] }).has("shared.weight")).toBe(true);
    expect(totalOf({ ...config, architectures: ["LEDForSequenceClassification"], num_labels: 3 })).toBe(161_844_480 + 768 * 768 + 768 + 3 * 768 + 3);
    expect(totalOf({ ...config, architectures: ["LEDForQuestionAnswering"] })).toBe(161_844_480 + 2 * 768 + 2);
    expect(totalOf({ ...config, tie_word_embeddings: false }) - totalOf(config)).toBe(50265 * 768);
  });
});
