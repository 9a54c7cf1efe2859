import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * The T5 relatives built by t5.ts: mT5 (modeling_mt5.py), UMT5 (modeling_umt5.py), LongT5
 * (modeling_longt5.py). Sources: mt5-small 300,176,768 with embeddings 256,114,688 (a public
 * vocabulary-trimming study's parameter table), mt5-base 582,401,280 (a public parameter-count
 * script's reference number); umt5-base and long-t5-tglobal-base are derived from their modeling files.
 */
describe("mt5 (modeling_mt5.py)", () => {
  it("mt5-base by hand: 582,401,280", () => {
    // shared and the untied lm_head 2 × 250,112 × 768 = 384,172,032. Encoder block: q/k/v/o
    // 4 × 768² = 2,359,296, gated FFN 3 × 768 × 2,048 = 4,718,592, two norms 1,536 → 7,079,424 × 12
    // = 84,953,088, + relative_attention_bias 32 × 12 + final norm 768. Decoder block: + cross
    // attention 2,359,296 + a norm 768 → 9,439,488 × 12 = 113,273,856 + 384 + 768.
    expect(384_172_032 + 84_953_088 + 384 + 768 + 113_273_856 + 384 + 768).toBe(582_401_280);
    const { parameters, inventory } = analyzeConfig(readFixtureConfig("google--mt5-base"));
    expect(parameters?.total).toBe(582_401_280);
    expect(parameters?.estimated).toBe(false);
    expect(parameters?.breakdown.lmHead).toBe(250112 * 768);
    expect(inventory?.encoderLayers).toBe(12);
    expect(inventory?.decoderLayers).toBe(12);
  });

  it("mt5-small: 300,176,768, of which 256,114,688 embeddings (inner width 6 heads × 64 = 384 ≠ d_model 512)", () => {
    const config = readFixtureConfig("google--mt5-small");
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(300_176_768);
    expect((parameters?.breakdown.embedding ?? 0) + (parameters?.breakdown.lmHead ?? 0)).toBe(256_114_688);
    expect(shapes(config).get("encoder.block.0.layer.0.SelfAttention.q.weight")).toEqual([384, 512]);
    expect(shapes(config).get("decoder.block.7.layer.2.DenseReluDense.wi_1.weight")).toEqual([1024, 512]);
  });

  it("MT5Config defaults: gated-gelu, untied head (transformers 4.x), 250,112 tokens, d_kv 64", () => {
    const small = { model_type: "mt5", architectures: ["MT5ForConditionalGeneration"], d_model: 32, num_heads: 2, num_layers: 2, d_ff: 48 };
    const { model, parameters } = analyzeConfig(small);
    expect(model.vocabSize.value).toBe(250112);
    expect(model.tieWordEmbeddings.value).toBe(false);
    expect(parameters?.breakdown.lmHead).toBe(250112 * 32);
    expect(shapes(small).has("encoder.block.0.layer.1.DenseReluDense.wi_0.weight")).toBe(true);
    expect(shapes(small).get("encoder.block.0.layer.0.SelfAttention.q.weight")).toEqual([128, 32]);
  });

  it("head classes: encoder-only, seq2seq classification, token classification, QA (num_labels from the config)", () => {
    const config = readFixtureConfig("google--mt5-base");
    const as = (architecture: string, extra: Record<string, unknown> = {}) => ({ ...config, architectures: [architecture], ...extra });
    expect(totalOf(as("MT5EncoderModel"))).toBe(192_086_016 + 84_953_088 + 384 + 768);
    expect(totalOf(as("MT5Model"))).toBe(582_401_280 - 192_086_016);
    // T5ClassificationHead: dense [768, 768] + bias, out_proj [num_labels, 768] + bias.
    expect(totalOf(as("MT5ForSequenceClassification"))).toBe(390_315_264 + 768 * 768 + 768 + 2 * 768 + 2);
    expect(totalOf(as("MT5ForSequenceClassification", { num_labels: 5 }))).toBe(390_315_264 + 768 * 768 + 768 + 5 * 768 + 5);
    const seq = shapes(as("MT5ForSequenceClassification"));
    expect(seq.get("transformer.shared.weight")).toEqual([250112, 768]);
    expect(seq.get("transformer.decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight")).toEqual([32, 12]);
    expect(seq.get("classification_head.out_proj.bias")).toEqual([2]);
    const tok = shapes(as("MT5ForTokenClassification", { num_labels: 9 }));
    expect(tok.get("classifier.weight")).toEqual([9, 768]);
    expect([...tok.keys()].some((n) => n.includes("decoder"))).toBe(false);
    const qa = shapes(as("MT5ForQuestionAnswering"));
    expect(qa.get("qa_outputs.weight")).toEqual([2, 768]);
    expect(qa.get("shared.weight")).toEqual([250112, 768]);
    expect(qa.has("lm_head.weight")).toBe(false);
  });
});

describe("umt5 (modeling_umt5.py)", () => {
  it("umt5-base: every self-attention block owns its relative_attention_bias; cross-attention none", () => {
    // 2 × 256,384 × 768 + 12 × (7,079,424 + 384) + 768 + 12 × (9,439,488 + 384) + 768.
    expect(2 * 256384 * 768 + 12 * 7_079_808 + 768 + 12 * 9_439_872 + 768).toBe(592_043_520);
    const config = readFixtureConfig("google--umt5-base");
    expect(totalOf(config)).toBe(592_043_520);
    const s = shapes(config);
    for (const stack of ["encoder", "decoder"]) {
      expect(s.get(`${stack}.block.0.layer.0.SelfAttention.relative_attention_bias.weight`)).toEqual([32, 12]);
      expect(s.get(`${stack}.block.11.layer.0.SelfAttention.relative_attention_bias.weight`)).toEqual([32, 12]);
    }
    expect([...s.keys()].filter((n) => n.includes("EncDecAttention.relative_attention_bias"))).toEqual([]);
    // Against mT5's layout the only difference is 11 more bias tables per stack.
    expect(totalOf(config) - totalOf({ ...config, model_type: "mt5", architectures: ["MT5ForConditionalGeneration"] })).toBe(2 * 11 * 32 * 12);
  });

  it("UMT5Config's tie default is True (the published configs write false)", () => {
    const config = readFixtureConfig("google--umt5-base");
    const { tie_word_embeddings: _dropped, ...rest } = config;
    expect(analyzeConfig(rest).model.tieWordEmbeddings.value).toBe(true);
    expect(totalOf(config) - totalOf(rest)).toBe(256384 * 768);
    expect(totalOf({ ...config, architectures: ["UMT5EncoderModel"] })).toBe(196_902_912 + 84_958_464);
  });
});

describe("longt5 (modeling_longt5.py)", () => {
  it("long-t5-tglobal-base: T5 v1.1-base + global_input_layer_norm per encoder block + a global bias in block 0", () => {
    const config = readFixtureConfig("google--long-t5-tglobal-base");
    expect(totalOf(config)).toBe(247_577_856 + 12 * 768 + 32 * 12);
    const s = shapes(config);
    const a = "encoder.block.{i}.layer.0.TransientGlobalSelfAttention";
    expect(s.get(a.replace("{i}", "0") + ".global_relative_attention_bias.weight")).toEqual([32, 12]);
    expect(s.get(a.replace("{i}", "0") + ".relative_attention_bias.weight")).toEqual([32, 12]);
    expect(s.has(a.replace("{i}", "1") + ".global_relative_attention_bias.weight")).toBe(false);
    expect(s.get(a.replace("{i}", "11") + ".global_input_layer_norm.weight")).toEqual([768]);
    expect(s.get("decoder.block.0.layer.0.SelfAttention.q.weight")).toEqual([768, 768]);
    expect(s.has("decoder.block.0.layer.0.TransientGlobalSelfAttention.q.weight")).toBe(false);
  });

  it("local attention (LongT5Config's default) has no global parameters: T5 v1.1-base's 247,577,856 (= flan-t5-base)", () => {
    const config = readFixtureConfig("google--long-t5-tglobal-base");
    const { encoder_attention_type: _dropped, ...local } = config;
    expect(totalOf(local)).toBe(247_577_856);
    expect(totalOf(local)).toBe(totalOf(readFixtureConfig("google--flan-t5-base")));
    expect(shapes(local).get("encoder.block.3.layer.0.LocalSelfAttention.k.weight")).toEqual([768, 768]);
  });

  it("LongT5Config defaults: relu FFN, tied head", () => {
    const small = { model_type: "longt5", architectures: ["LongT5ForConditionalGeneration"], d_model: 32, num_heads: 2, num_layers: 2, d_ff: 48, vocab_size: 100 };
    const { model, parameters } = analyzeConfig(small);
    expect(model.tieWordEmbeddings.value).toBe(true);
    expect(parameters?.breakdown.lmHead).toBeUndefined();
    expect(shapes(small).has("encoder.block.0.layer.1.DenseReluDense.wi.weight")).toBe(true);
  });
});
