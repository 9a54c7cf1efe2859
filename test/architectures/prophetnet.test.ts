import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/** ProphetNet (modeling_prophetnet.py) and XLM-ProphetNet, derived from the modeling files. */
describe("prophetnet (modeling_prophetnet.py)", () => {
  it("prophetnet-large-uncased by hand: 391,321,600", () => {
    // word_embeddings 30,522 × 1,024 = 31,254,528. Encoder layer: key/value/query/out_proj
    // 4 × (1,024² + 1,024) = 4,198,400, feed_forward 1,024 × 4,096 + 4,096 + 4,096 × 1,024 + 1,024 =
    // 8,393,728, two LayerNorms 4,096 → 12,596,224 × 12; + positions 512 × 1,024 + LayerNorm 2,048.
    // Decoder layer: + relative_pos_embeddings (32 × 16) × 1,024 + 512 = 524,800, cross-attention
    // 4,198,400 and a LayerNorm 2,048 → 17,321,472 × 12; + positions 524,288 + ngram 2 × 1,024 + 2,048.
    const encoder = 12 * 12_596_224 + 524_288 + 2_048;
    const decoder = 12 * 17_321_472 + 524_288 + 2_048 + 2_048;
    expect(31_254_528 + encoder + decoder).toBe(391_321_600);
    const { parameters, inventory } = analyzeConfig(readFixtureConfig("microsoft--prophetnet-large-uncased"));
    expect(parameters?.total).toBe(391_321_600);
    expect(parameters?.estimated).toBe(false);
    expect(parameters?.breakdown.lmHead).toBeUndefined();
    expect(inventory?.encoderLayers).toBe(12);
    expect(inventory?.decoderLayers).toBe(12);
  });

  it("names as the checkpoint stores them", () => {
    const s = shapes(readFixtureConfig("microsoft--prophetnet-large-uncased"));
    expect(s.get("prophetnet.word_embeddings.weight")).toEqual([30522, 1024]);
    expect(s.get("prophetnet.encoder.position_embeddings.weight")).toEqual([512, 1024]);
    expect(s.get("prophetnet.decoder.ngram_embeddings.weight")).toEqual([2, 1024]);
    expect(s.get("prophetnet.decoder.layers.11.self_attn.relative_pos_embeddings.weight")).toEqual([512, 1024]);
    expect(s.get("prophetnet.decoder.layers.0.cross_attn.query_proj.bias")).toEqual([1024]);
    expect(s.get("prophetnet.encoder.layers.0.feed_forward.intermediate.weight")).toEqual([4096, 1024]);
    expect(s.has("prophetnet.encoder.layers.0.self_attn.relative_pos_embeddings.weight")).toBe(false);
    expect(s.has("prophetnet.encoder.ngram_embeddings.weight")).toBe(false);
    expect(s.has("lm_head.weight")).toBe(false);
  });

  it("ngram, num_buckets, add_cross_attention, the decoder-only class, an untied head", () => {
    const config = readFixtureConfig("microsoft--prophetnet-large-uncased");
    expect(totalOf({ ...config, ngram: 3 }) - totalOf(config)).toBe(1024);
    expect(totalOf({ ...config, num_buckets: 64 }) - totalOf(config)).toBe(12 * 32 * 16 * 1025);
    expect(totalOf(config) - totalOf({ ...config, add_cross_attention: false })).toBe(12 * (4_198_400 + 2_048));
    expect(totalOf({ ...config, architectures: ["ProphetNetForCausalLM"] })).toBe(31_254_528 + 208_386_048);
    expect(shapes({ ...config, architectures: ["ProphetNetModel"] }).has("word_embeddings.weight")).toBe(true);
    expect(totalOf({ ...config, tie_word_embeddings: false }) - totalOf(config)).toBe(30522 * 1024);
  });

  it("xlm-prophetnet: the same modules with a 250,012-token vocabulary", () => {
    const config = readFixtureConfig("microsoft--xprophetnet-large-wiki100-cased");
    expect(analyzeConfig(config).model.layoutType).toBe("xlm-prophetnet");
    expect(totalOf(config)).toBe(391_321_600 + (250012 - 30522) * 1024);
  });
});
