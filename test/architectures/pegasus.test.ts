import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * PEGASUS (modeling_pegasus.py), PEGASUS-X (modeling_pegasus_x.py) and BigBird-Pegasus, derived from the modeling
 * files. pegasus-large's 568,699,904 often quoted is this count without the two frozen sinusoidal
 * tables, which are nn.Embedding parameters and counted; the PEGASUS-X paper gives 272M for Base.
 */
describe("pegasus (modeling_pegasus.py)", () => {
  it("pegasus-large by hand: 570,797,056 with the sinusoidal embed_positions", () => {
    // shared 96,103 × 1,024 = 98,409,472. Encoder layer: 4 biased projections 4 × (1,024² + 1,024)
    // = 4,198,400, fc1 + fc2 8,393,728, two LayerNorms 4,096 → 12,596,224 × 16; + layer_norm 2,048 +
    // embed_positions 1,024 × 1,024. Decoder layer: + cross-attention 4,198,400 + a LayerNorm 2,048
    // → 16,796,672 × 16; + 2,048 + 1,048,576.
    const encoder = 16 * 12_596_224 + 2_048 + 1_048_576;
    const decoder = 16 * 16_796_672 + 2_048 + 1_048_576;
    expect(98_409_472 + encoder + decoder).toBe(570_797_056);
    expect(570_797_056 - 2 * 1024 * 1024).toBe(568_699_904);
    const { parameters, inventory } = analyzeConfig(readFixtureConfig("google--pegasus-large"));
    expect(parameters?.total).toBe(570_797_056);
    expect(parameters?.estimated).toBe(false);
    expect(parameters?.breakdown.lmHead).toBeUndefined();
    expect(inventory?.encoderLayers).toBe(16);
    expect(inventory?.decoderLayers).toBe(16);
  });

  it("positions follow max_position_embeddings without BART's offset (pegasus-xsum: 512)", () => {
    const xsum = readFixtureConfig("google--pegasus-xsum");
    expect(shapes(xsum).get("model.encoder.embed_positions.weight")).toEqual([512, 1024]);
    expect(shapes(xsum).get("model.decoder.embed_positions.weight")).toEqual([512, 1024]);
    expect(totalOf(xsum)).toBe(570_797_056 - 2 * 512 * 1024);
  });

  it("names: pre-norm layers, a final layer_norm per stack, no layernorm_embedding, no final_logits_bias", () => {
    const s = shapes(readFixtureConfig("google--pegasus-large"));
    expect(s.get("model.shared.weight")).toEqual([96103, 1024]);
    expect(s.get("model.encoder.layers.15.self_attn.k_proj.bias")).toEqual([1024]);
    expect(s.get("model.decoder.layers.0.encoder_attn.out_proj.weight")).toEqual([1024, 1024]);
    expect(s.get("model.decoder.layer_norm.bias")).toEqual([1024]);
    expect([...s.keys()].filter((n) => n.includes("layernorm_embedding") || n.includes("final_logits_bias") || n === "lm_head.weight")).toEqual([]);
  });

  it("PegasusForCausalLM: the decoder alone with its own embed_tokens, lm_head tied to it", () => {
    const config = { ...readFixtureConfig("google--pegasus-large"), architectures: ["PegasusForCausalLM"] };
    expect(totalOf(config)).toBe(98_409_472 + 16 * 16_796_672 + 2_048 + 1_048_576);
    expect(shapes(config).get("model.decoder.embed_tokens.weight")).toEqual([96103, 1024]);
    expect(totalOf({ ...config, tie_word_embeddings: false }) - totalOf(config)).toBe(96103 * 1024);
  });
});

describe("pegasus_x (modeling_pegasus_x.py)", () => {
  it("pegasus-x-base by hand: 272,292,096 (bias-free attention, embed_global, parameter-free sinusoids)", () => {
    // shared 96,103 × 768 = 73,807,104. Encoder layer: 4 × 768² = 2,359,296, three LayerNorms 4,608,
    // fc1 + fc2 4,722,432 → 7,086,336 × 12, + embed_global 128 × 768 + layer_norm 1,536. Decoder
    // layer: 2 × 2,359,296 + 4,608 + 4,722,432 = 9,445,632 × 12 + 1,536.
    expect(73_807_104 + 12 * 7_086_336 + 98_304 + 1_536 + 12 * 9_445_632 + 1_536).toBe(272_292_096);
    const config = readFixtureConfig("google--pegasus-x-base");
    expect(totalOf(config)).toBe(272_292_096);
    const s = shapes(config);
    expect(s.get("model.encoder.embed_global.weight")).toEqual([128, 768]);
    expect(s.get("model.encoder.layers.0.global_self_attn_layer_norm.weight")).toEqual([768]);
    expect(s.has("model.encoder.layers.0.self_attn.q_proj.bias")).toBe(false);
    expect(s.has("model.decoder.layers.0.encoder_attn.k_proj.bias")).toBe(false);
    expect(s.get("model.decoder.layers.0.fc1.bias")).toEqual([3072]);
    expect([...s.keys()].filter((n) => n.includes("embed_positions"))).toEqual([]);
    expect(s.has("model.decoder.layers.0.global_self_attn_layer_norm.weight")).toBe(false);
  });

  it("PegasusXConfig defaults: 32 global tokens, 16 + 16 layers", () => {
    const bare = { model_type: "pegasus_x", architectures: ["PegasusXForConditionalGeneration"], d_model: 64, encoder_attention_heads: 4, encoder_ffn_dim: 128, decoder_ffn_dim: 128, vocab_size: 100 };
    const { inventory } = analyzeConfig(bare);
    expect(inventory?.encoderLayers).toBe(16);
    expect(inventory?.decoderLayers).toBe(16);
    expect(shapes(bare).get("model.encoder.embed_global.weight")).toEqual([32, 64]);
  });
});

describe("bigbird_pegasus (modeling_bigbird_pegasus.py)", () => {
  it("bigbird-pegasus-large-arxiv by hand: 576,891,904", () => {
    // shared 98,409,472. Encoder layer: bias-free query/key/value/output 4 × 1,024² = 4,194,304,
    // fc1 + fc2 8,393,728, two LayerNorms 4,096 → 12,592,128 × 16; + positions 4,096 × 1,024 +
    // layernorm_embedding 2,048. Decoder layer: + cross-attention 4,194,304 + a LayerNorm 2,048 →
    // 16,788,480 × 16; + 4,194,304 + 2,048.
    const encoder = 16 * 12_592_128 + 4_194_304 + 2_048;
    const decoder = 16 * 16_788_480 + 4_194_304 + 2_048;
    expect(98_409_472 + encoder + decoder).toBe(576_891_904);
    const config = readFixtureConfig("google--bigbird-pegasus-large-arxiv");
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(576_891_904);
    expect(parameters?.estimated).toBe(false);
    const s = shapes(config);
    expect(s.get("model.encoder.layers.0.self_attn.self.query.weight")).toEqual([1024, 1024]);
    expect(s.get("model.encoder.layers.15.self_attn.output.weight")).toEqual([1024, 1024]);
    expect(s.has("model.encoder.layers.0.self_attn.self.query.bias")).toBe(false);
    expect(s.get("model.decoder.layers.0.encoder_attn.q_proj.weight")).toEqual([1024, 1024]);
    expect(s.get("model.encoder.embed_positions.weight")).toEqual([4096, 1024]);
    expect(s.get("model.decoder.layernorm_embedding.bias")).toEqual([1024]);
    expect(s.has("model.decoder.layer_norm.weight")).toBe(false);
  });

  it("use_bias, classification and QA heads, the decoder-only class", () => {
    const config = readFixtureConfig("google--bigbird-pegasus-large-arxiv");
    expect(totalOf({ ...config, use_bias: true }) - totalOf(config)).toBe(16 * (4 + 8) * 1024);
    expect(shapes({ ...config, use_bias: true }).get("model.encoder.layers.0.self_attn.output.bias")).toEqual([1024]);
    expect(totalOf({ ...config, architectures: ["BigBirdPegasusForSequenceClassification"], num_labels: 3 })).toBe(576_891_904 + 1024 * 1024 + 1024 + 3 * 1024 + 3);
    expect(totalOf({ ...config, architectures: ["BigBirdPegasusForQuestionAnswering"] })).toBe(576_891_904 + 2 * 1024 + 2);
    expect(totalOf({ ...config, architectures: ["BigBirdPegasusForCausalLM"] })).toBe(98_409_472 + 272_812_032);
  });
});
