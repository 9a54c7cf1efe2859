import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * BLIP: Salesforce/blip-image-captioning-base is 247M on the Hub (247,414,076, a ~990 MB F32
 * file), which stores text_decoder.cls.predictions.decoder.weight although the module ties it to
 * the word embeddings; the module count is 223,971,644. A 2-layer BlipModel of the same config is
 * 59,329,537 in a public torchinfo summary (whaler404/Hf-Learn, blip.md).
 * BLIP-2: Salesforce/blip2-opt-2.7b is 3.87B on the Hub (with a stored copy of the tied lm_head);
 * the module count ≈3.74B, by hand below.
 */
describe("blip (modeling_blip.py, modeling_blip_text.py)", () => {
  it("BlipForConditionalGeneration blip-image-captioning-base: 223,971,644", () => {
    const { parameters, inventory } = analyzeConfig(readFixtureConfig("Salesforce--blip-image-captioning-base"));
    // vision: class 768 + patch 589,824 + 768 + positions 577 × 768 = 443,136 + 12 × (qkv
    // 2,304 × 768 + 2,304, projection 590,592, fc1/fc2 4,722,432, two LayerNorms 3,072 =
    // 7,087,872) + post_layernorm 1,536 → 86,090,496.
    expect(768 + 589_824 + 768 + 443_136 + 12 * 7_087_872 + 1_536).toBe(86_090_496);
    // text decoder: word 30,524 × 768 = 23,442,432 + positions 393,216 + LayerNorm 1,536 + 12 ×
    // (self 2,363,904 + cross 2,363,904 + intermediate 2,362,368 + output 2,361,600 = 9,451,776)
    // + transform 590,592 + 1,536 + bias 30,524; the decoder weight is tied.
    expect(23_442_432 + 393_216 + 1_536 + 12 * 9_451_776 + 590_592 + 1_536 + 30_524).toBe(137_881_148);
    expect(parameters?.components).toEqual({ visionModel: 86_090_496, textDecoder: 137_881_148 });
    expect(parameters?.total).toBe(223_971_644);
    expect(inventory?.tied).toContainEqual({ name: "text_decoder.cls.predictions.decoder.weight", tiedTo: "text_decoder.bert.embeddings.word_embeddings.weight" });
  });

  it("names: fused biased qkv, bare class/position parameters, cross-attention at the vision width, no pooler", () => {
    const s = shapes(readFixtureConfig("Salesforce--blip-image-captioning-base"));
    expect(s.get("vision_model.embeddings.class_embedding")).toEqual([1, 1, 768]);
    expect(s.get("vision_model.embeddings.position_embedding")).toEqual([1, 577, 768]);
    expect(s.get("vision_model.embeddings.patch_embedding.bias")).toEqual([768]);
    expect(s.get("vision_model.encoder.layers.0.self_attn.qkv.weight")).toEqual([2304, 768]);
    expect(s.get("vision_model.encoder.layers.0.self_attn.qkv.bias")).toEqual([2304]);
    expect(s.get("text_decoder.bert.encoder.layer.11.crossattention.self.key.weight")).toEqual([768, 768]);
    expect(s.has("text_decoder.bert.embeddings.token_type_embeddings.weight")).toBe(false);
    expect(s.has("text_decoder.bert.pooler.dense.weight")).toBe(false);
    expect(s.get("text_decoder.cls.predictions.bias")).toEqual([30524]);
    expect(s.has("text_decoder.cls.predictions.decoder.weight")).toBe(false);
  });

  it("untied (the Hub's stored copy), a wider vision tower's cross-attention, no cross-attention when is_decoder is false", () => {
    const config = readFixtureConfig("Salesforce--blip-image-captioning-base");
    const text = config.text_config as Record<string, unknown>;
    expect(totalOf({ ...config, text_config: { ...text, tie_word_embeddings: false } })).toBe(247_414_076);
    const large = { ...config, text_config: { ...text, encoder_hidden_size: 1024 }, vision_config: { ...(config.vision_config as object), hidden_size: 1024, intermediate_size: 4096, num_hidden_layers: 24, num_attention_heads: 16 } };
    expect(shapes(large).get("text_decoder.bert.encoder.layer.0.crossattention.self.value.weight")).toEqual([768, 1024]);
    expect(totalOf(config) - totalOf({ ...config, text_config: { ...text, is_decoder: false } })).toBe(12 * 2_363_904);
  });

  it("BlipModel: text_model with pooler, projections, logit_scale; a 2-layer one is 59,329,537", () => {
    const config = { ...readFixtureConfig("Salesforce--blip-image-captioning-base"), architectures: ["BlipModel"] };
    const s = shapes(config);
    expect(s.get("text_model.pooler.dense.weight")).toEqual([768, 768]);
    expect(s.get("visual_projection.weight")).toEqual([512, 768]);
    expect(s.get("logit_scale")).toEqual([]);
    const small = { ...config, text_config: { ...(config.text_config as object), num_hidden_layers: 2 }, vision_config: { ...(config.vision_config as object), num_hidden_layers: 2 } };
    expect(totalOf(small)).toBe(59_329_537);
  });
});

describe("blip-2 (modeling_blip_2.py)", () => {
  it("Blip2ForConditionalGeneration blip2-opt-2.7b: 3,744,679,936", () => {
    const { parameters, model, inventory } = analyzeConfig(readFixtureConfig("Salesforce--blip2-opt-2.7b"));
    // vision: class 1,408 + patch 1,408 × 3 × 14 × 14 + 1,408 + positions 257 × 1,408 + 39 ×
    // (qkv 4,224 × 1,408 + bias 4,224, projection 1,983,872, LayerNorms 5,632, fc1 8,656,896,
    // fc2 8,652,160 = 25,250,176) + post_layernorm 2,816 → 985,952,256.
    expect(1_408 + 827_904 + 1_408 + 361_856 + 39 * 25_250_176 + 2_816).toBe(985_952_256);
    // Q-Former: layernorm 1,536 + 12 × (self 2,363,904 + query FFN 4,723,968) + 6 cross-attention
    // layers × (590,592 + 2 × (1,408 × 768 + 768) + 590,592 + 1,536) → 105,137,664; query_tokens 32 × 768.
    expect(1_536 + 12 * (2_363_904 + 4_723_968) + 6 * 3_346_944).toBe(105_137_664);
    // language_projection 768 × 2,560 + 2,560; OPT-2.7B 2,651,596,800 (lm_head tied).
    expect(parameters?.components).toEqual({ visionModel: 985_952_256, qformer: 105_137_664 + 24_576, projection: 1_968_640, languageModel: 2_651_596_800 });
    expect(parameters?.total).toBe(3_744_679_936);
    expect(parameters?.estimated).toBe(false);
    expect(model.hiddenSize.value).toBe(2560);
    expect(inventory?.tied).toContainEqual({ name: "language_model.lm_head.weight", tiedTo: "language_model.model.decoder.embed_tokens.weight" });
  });

  it("names: qkv with one [3h] bias, Q-Former cross-attention on even layers only, OPT under language_model.model", () => {
    const s = shapes(readFixtureConfig("Salesforce--blip2-opt-2.7b"));
    expect(s.get("vision_model.encoder.layers.38.self_attn.qkv.bias")).toEqual([4224]);
    expect(s.get("query_tokens")).toEqual([1, 32, 768]);
    expect(s.get("qformer.layernorm.weight")).toEqual([768]);
    expect(s.get("qformer.encoder.layer.0.crossattention.attention.key.weight")).toEqual([768, 1408]);
    expect(s.has("qformer.encoder.layer.1.crossattention.attention.key.weight")).toBe(false);
    expect(s.get("qformer.encoder.layer.1.intermediate_query.dense.weight")).toEqual([3072, 768]);
    expect(s.has("qformer.encoder.layer.1.intermediate.dense.weight")).toBe(false);
    expect(s.get("language_projection.weight")).toEqual([2560, 768]);
    expect(s.get("language_model.model.decoder.embed_positions.weight")).toEqual([2050, 2560]);
    expect(s.has("language_model.lm_head.weight")).toBe(false);
  });

  it("qkv_bias false, use_qformer_text_input, an untied head", () => {
    const config = readFixtureConfig("Salesforce--blip2-opt-2.7b");
    const total = totalOf(config);
    expect(total - totalOf({ ...config, vision_config: { ...(config.vision_config as object), qkv_bias: false } })).toBe(39 * 4_224);
    expect(totalOf({ ...config, qformer_config: { ...(config.qformer_config as object), use_qformer_text_input: true } }) - total).toBe(12 * 4_723_968);
    expect(totalOf({ ...config, text_config: { ...(config.text_config as object), tie_word_embeddings: false } })).toBe(3_873_376_256);
  });
});
