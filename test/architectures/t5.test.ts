import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Module counts of T5ForConditionalGeneration (shared embedding counted once, LM head tied unless
 * tie_word_embeddings is false). Sources: KerasHub T5 presets (`"params"` of t5_small 60,506,624,
 * t5_base 222,903,552, t5_large 737,668,096; t5_1.1_base 247,577,856), the same three numbers in a
 * public evaluation script's size table, and a printed T5ForConditionalGeneration module tree
 * ("all params:737668096") for t5-large. Flan-T5-base has T5 v1.1's shape: several public runs print
 * 247,577,856 for google/flan-t5-base.
 */
const cases = [
  { fixture: "google-t5--t5-small", total: 60_506_624, layers: 6 },
  { fixture: "google-t5--t5-base", total: 222_903_552, layers: 12 },
  { fixture: "google-t5--t5-large", total: 737_668_096, layers: 24 },
  { fixture: "google--flan-t5-base", total: 247_577_856, layers: 12 },
];

describe("t5 (modeling_t5.py)", () => {
  it.each(cases)("$fixture: $total", ({ fixture, total, layers }) => {
    const { parameters, inventory, facts } = analyzeConfig(readFixtureConfig(fixture));
    expect(parameters?.total).toBe(total);
    expect(parameters?.estimated).toBe(false);
    expect(inventory?.encoderLayers).toBe(layers);
    expect(facts.dims.decoderLayers).toBe(layers);
  });

  it("t5-small by hand: shared 32,128 × 512; 6 encoder blocks; 6 decoder blocks with cross-attention", () => {
    // shared 16,449,536. Encoder block: q/k/v/o 4 × 512 × 512 = 1,048,576, wi + wo 2 × 512 × 2,048
    // = 2,097,152, two layer norms 1,024 → 3,146,752 × 6 = 18,880,512, + relative_attention_bias
    // 32 × 8 = 256, + final_layer_norm 512. Decoder block: + EncDecAttention 1,048,576 + one more
    // norm 512 → 4,195,840 × 6 = 25,175,040 + 256 + 512. Sum 60,506,624.
    expect(16_449_536 + 18_880_512 + 256 + 512 + 25_175_040 + 256 + 512).toBe(60_506_624);
    const { parameters } = analyzeConfig(readFixtureConfig("google-t5--t5-small"));
    expect(parameters?.breakdown.embedding).toBe(32_128 * 512);
    expect(parameters?.breakdown.lmHead).toBeUndefined();
    expect(parameters?.tied.map((t) => t.name)).toEqual(["encoder.embed_tokens.weight", "decoder.embed_tokens.weight", "lm_head.weight"]);
  });

  it("names and shapes as save_pretrained writes them", () => {
    const s = shapes(readFixtureConfig("google-t5--t5-small"));
    expect(s.get("shared.weight")).toEqual([32128, 512]);
    expect(s.get("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight")).toEqual([32, 8]);
    expect(s.has("encoder.block.1.layer.0.SelfAttention.relative_attention_bias.weight")).toBe(false);
    expect(s.get("decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight")).toEqual([32, 8]);
    expect(s.has("decoder.block.0.layer.1.EncDecAttention.relative_attention_bias.weight")).toBe(false);
    expect(s.get("decoder.block.5.layer.1.EncDecAttention.o.weight")).toEqual([512, 512]);
    expect(s.get("decoder.block.5.layer.2.DenseReluDense.wo.weight")).toEqual([512, 2048]);
    expect(s.get("encoder.block.5.layer.1.DenseReluDense.wi.weight")).toEqual([2048, 512]);
    expect(s.get("encoder.final_layer_norm.weight")).toEqual([512]);
    expect(s.has("encoder.block.0.layer.0.layer_norm.bias")).toBe(false);
    expect(s.has("lm_head.weight")).toBe(false);
  });

  it("gated-gelu (Flan-T5, T5 v1.1) splits wi into wi_0 and wi_1; an untied head adds vocab × d", () => {
    const config = readFixtureConfig("google--flan-t5-base");
    const s = shapes(config);
    expect(s.get("encoder.block.0.layer.1.DenseReluDense.wi_0.weight")).toEqual([2048, 768]);
    expect(s.get("decoder.block.11.layer.2.DenseReluDense.wi_1.weight")).toEqual([2048, 768]);
    expect(s.has("encoder.block.0.layer.1.DenseReluDense.wi.weight")).toBe(false);
    expect(s.get("lm_head.weight")).toEqual([32128, 768]);
    // One more [2,048, 768] matrix per block, 24 blocks.
    expect(totalOf(config) - totalOf({ ...config, feed_forward_proj: "gelu" })).toBe(24 * 2048 * 768);
    expect(totalOf(config) - totalOf({ ...config, tie_word_embeddings: true })).toBe(32128 * 768);
  });

  it("inner attention width is num_heads × d_kv, not d_model (t5-11b: 128 heads × 128 against 1,024)", () => {
    const s = shapes({ ...readFixtureConfig("google-t5--t5-small"), num_heads: 128, d_kv: 128 });
    expect(s.get("encoder.block.0.layer.0.SelfAttention.q.weight")).toEqual([16384, 512]);
    expect(s.get("encoder.block.0.layer.0.SelfAttention.o.weight")).toEqual([512, 16384]);
    expect(s.get("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight")).toEqual([32, 128]);
  });

  it("T5EncoderModel: shared embedding and encoder only (t5-base: 109,628,544)", () => {
    // A printed T5EncoderModel module tree for t5-base gives "all params:109628544"; by hand:
    // 24,674,304 + 12 × 7,079,424 + 384 + 768 (the encoder half of t5-base above).
    const { parameters, inventory } = analyzeConfig({ ...readFixtureConfig("google-t5--t5-base"), architectures: ["T5EncoderModel"] });
    expect(parameters?.total).toBe(109_628_544);
    expect(parameters?.estimated).toBe(false);
    expect(inventory?.encoderLayers).toBe(12);
    expect(inventory?.decoderLayers).toBeUndefined();
  });

  it("T5Model has no LM head, whatever the tie", () => {
    const config = { ...readFixtureConfig("google--flan-t5-base"), architectures: ["T5Model"] };
    expect(totalOf(config)).toBe(247_577_856 - 32128 * 768);
  });

  it("defaults from configuration_t5.py: d_kv 64, num_decoder_layers = num_layers, relu FFN, tied head", () => {
    const small = { model_type: "t5", architectures: ["T5ForConditionalGeneration"], d_model: 32, num_heads: 2, num_layers: 3, d_ff: 48, vocab_size: 100 };
    const { model, inventory, parameters } = analyzeConfig(small);
    expect(model.headDim.value).toBe(64);
    expect(model.headDim.origin).toBe("default");
    expect(inventory?.decoderLayers).toBe(3);
    expect(model.tieWordEmbeddings.value).toBe(true);
    expect(parameters?.breakdown.lmHead).toBeUndefined();
    expect(shapes(small).get("encoder.block.0.layer.0.SelfAttention.q.weight")).toEqual([128, 32]);
    expect(shapes(small).has("encoder.block.0.layer.1.DenseReluDense.wi.weight")).toBe(true);
    // An explicit num_decoder_layers adds decoder blocks only: 4 × 32 × 128 self + 4 × 32 × 128
    // cross attention, 2 × 32 × 48 FFN, 3 norms of 32.
    expect(analyzeConfig({ ...small, num_decoder_layers: 4 }).inventory?.decoderLayers).toBe(4);
    expect(totalOf({ ...small, num_decoder_layers: 4 }) - totalOf(small)).toBe(8 * 32 * 128 + 2 * 32 * 48 + 3 * 32);
  });
});
