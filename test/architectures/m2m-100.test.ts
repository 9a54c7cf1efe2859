import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Sources: num_parameters() 615,073,792 for facebook/nllb-200-distilled-600M and 483,905,536 for
 * facebook/m2m100_418M, both printed in public project notes (fixtures/expected/). The sinusoidal
 * positions are a non-persistent buffer (M2M100SinusoidalPositionalEmbedding.register_buffer).
 */
describe("m2m_100 (modeling_m2m_100.py)", () => {
  it("nllb-200-distilled-600M: 615,073,792", () => {
    const { parameters, inventory } = analyzeConfig(readFixtureConfig("facebook--nllb-200-distilled-600M"));
    // By hand: shared 256,206 × 1,024 = 262,354,944; 12 encoder layers 151,154,688; 12 decoder
    // layers 201,560,064; the two final layer_norms 4,096; no position parameters.
    expect(262_354_944 + 151_154_688 + 201_560_064 + 4_096).toBe(615_073_792);
    expect(parameters?.total).toBe(615_073_792);
    expect(inventory?.notes.join(" ")).toContain("buffer");
  });

  it("m2m100_418M: 483,905,536 (the same layers, 128,112 rows)", () => {
    expect(totalOf(readFixtureConfig("facebook--m2m100_418M"))).toBe(483_905_536);
  });

  it("names: no embed_positions, no layernorm_embedding, a final layer_norm per stack, tied lm_head", () => {
    const config = readFixtureConfig("facebook--nllb-200-distilled-600M");
    const s = shapes(config);
    expect(s.get("model.shared.weight")).toEqual([256206, 1024]);
    expect(s.has("model.encoder.embed_positions.weight")).toBe(false);
    expect(s.has("model.encoder.embed_positions.weights")).toBe(false);
    expect(s.has("model.encoder.layernorm_embedding.weight")).toBe(false);
    expect(s.get("model.decoder.layer_norm.bias")).toEqual([1024]);
    expect(s.get("model.decoder.layers.11.encoder_attn.out_proj.weight")).toEqual([1024, 1024]);
    expect(s.has("lm_head.weight")).toBe(false);
    expect(shapes({ ...config, architectures: ["M2M100Model"] }).has("shared.weight")).toBe(true);
    expect(totalOf({ ...config, tie_word_embeddings: false }) - totalOf(config)).toBe(256206 * 1024);
  });

  it("NLLB-200 3.3B shape (d 2,048, 24 + 24 layers of FFN 8,192): its published 3,344,863,232", () => {
    const config = { ...readFixtureConfig("facebook--nllb-200-distilled-600M"), d_model: 2048, encoder_layers: 24, decoder_layers: 24, encoder_ffn_dim: 8192, decoder_ffn_dim: 8192 };
    expect(totalOf(config)).toBe(3_344_863_232);
  });

  it("defaults from configuration_m2m_100.py: vocab 128,112, d 1,024, 12 + 12 layers", () => {
    const { model, inventory } = analyzeConfig({ model_type: "m2m_100", architectures: ["M2M100ForConditionalGeneration"] });
    expect(model.vocabSize.value).toBe(128112);
    expect(inventory?.decoderLayers).toBe(12);
    expect(totalOf({ model_type: "m2m_100", architectures: ["M2M100ForConditionalGeneration"] })).toBe(483_905_536);
  });
});
