import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Source: derived from modeling_fsmt.py (fixtures/expected/facebook--wmt19-en-de.json); the checkpoint,
 * which omits the frozen positions, holds 269,746,176 (~270M).
 */
describe("fsmt (modeling_fsmt.py)", () => {
  it("wmt19-en-de: 271,847,424 with every embedding tied (share_all_embeddings)", () => {
    const { parameters, inventory } = analyzeConfig(readFixtureConfig("facebook--wmt19-en-de"));
    // By hand: embedding 42,024 × 1,024 = 43,032,576; positions 2 × (1,024 + 1 + 1) × 1,024 = 2,101,248;
    // encoder layer (FFN 8,192) 4,198,400 + 8,396,800 + 8,389,632 + 4,096 = 20,988,928 × 6 = 125,933,568;
    // decoder layer (FFN 4,096) 16,796,672 × 6 = 100,780,032.
    expect(43_032_576 + 2_101_248 + 125_933_568 + 100_780_032).toBe(271_847_424);
    expect(parameters?.total).toBe(271_847_424);
    expect(parameters?.tied.map((t) => t.name)).toEqual(["model.decoder.embed_tokens.weight", "model.decoder.output_projection.weight"]);
    expect(inventory?.encoderLayers).toBe(6);
  });

  it("separate vocabularies when untied: the output projection still shares the decoder's embedding", () => {
    const config = { ...readFixtureConfig("facebook--wmt19-en-de"), tie_word_embeddings: false, src_vocab_size: 31232, tgt_vocab_size: 31640 };
    const s = shapes(config);
    expect(s.get("model.encoder.embed_tokens.weight")).toEqual([31232, 1024]);
    expect(s.get("model.decoder.embed_tokens.weight")).toEqual([31640, 1024]);
    expect(s.has("model.decoder.output_projection.weight")).toBe(false);
    expect(s.has("model.shared.weight")).toBe(false);
    expect(analyzeConfig(config).parameters?.tied).toEqual([{ name: "model.decoder.output_projection.weight", tiedTo: "model.decoder.embed_tokens.weight" }]);
  });

  it("names: positions of max + pad + 1 rows, no layernorm_embedding or final norm; FSMTModel unprefixed", () => {
    const config = readFixtureConfig("facebook--wmt19-en-de");
    const s = shapes(config);
    expect(s.get("model.encoder.embed_positions.weight")).toEqual([1026, 1024]);
    expect(s.get("model.encoder.layers.5.fc1.weight")).toEqual([8192, 1024]);
    expect(s.get("model.decoder.layers.5.fc1.weight")).toEqual([4096, 1024]);
    expect(s.has("model.encoder.layer_norm.weight")).toBe(false);
    expect(s.has("model.encoder.layernorm_embedding.weight")).toBe(false);
    expect(shapes({ ...config, architectures: ["FSMTModel"] }).get("encoder.embed_tokens.weight")).toEqual([42024, 1024]);
    expect(totalOf({ ...config, architectures: ["FSMTModel"] })).toBe(271_847_424);
  });

  it("defaults from configuration_fsmt.py: 42,024 + 42,024 vocab, 12 + 12 layers, untied", () => {
    const { model, inventory } = analyzeConfig({ model_type: "fsmt", architectures: ["FSMTForConditionalGeneration"] });
    expect(model.vocabSize.value).toBe(42024);
    expect(model.tieWordEmbeddings.value).toBe(false);
    expect(inventory?.decoderLayers).toBe(12);
  });
});
