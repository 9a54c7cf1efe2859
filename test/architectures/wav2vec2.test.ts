import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));
const tensorCount = (config: Record<string, unknown>) => [...expandTensors(analyzeConfig(config).inventory!)].length;

/**
 * Sources: Wav2Vec2ForCTC facebook/wav2vec2-base-960h 94,396,320 and the large lv60 CTC 315,471,520
 * (num_parameters() printed in public scripts and model registries); HubertModel
 * facebook/hubert-base-ls960 94,371,712 (211 tensors); WavLMModel microsoft/wavlm-base-plus
 * 94,381,936 (248 tensors). Data2VecAudio and UniSpeechSat are derived from their modeling files.
 */
describe("wav2vec2 (modeling_wav2vec2.py)", () => {
  it("wav2vec2-base-960h: 94,396,320, by hand", () => {
    const config = readFixtureConfig("facebook--wav2vec2-base-960h");
    const { parameters, model } = analyzeConfig(config);
    // Conv stack (group norm, no conv bias): 512x1x10 + GroupNorm 1,024 + 4 x 512x512x3 + 2 x 512x512x2 = 4,200,448.
    // Feature projection: LayerNorm 1,024 + 512x768 + 768 = 395,008. masked_spec_embed 768.
    // Positional conv: weight_v 768x48x128 = 4,718,592 + weight_g 128 + bias 768 = 4,719,488. Encoder LayerNorm 1,536.
    // Layer: q/k/v/out 4 x (768² + 768) = 2,362,368, two LayerNorms 3,072, FFN 2,362,368 + 2,360,064 → 7,087,872 x 12.
    // lm_head 32 x 768 + 32 = 24,608.
    expect(4_200_448 + 395_008 + 768 + 4_719_488 + 1_536 + 12 * 7_087_872 + 24_608).toBe(94_396_320);
    expect(parameters?.total).toBe(94_396_320);
    expect(parameters?.estimated).toBe(false);
    expect(model.head).toBe("ctc");
    expect(parameters?.breakdown.lmHead).toBe(24_608);
    expect(parameters?.tied).toEqual([]);
  });

  it("names: wav2vec2. prefix, group norm on conv 0 only, weight_g / weight_v, no conv bias", () => {
    const s = shapes(readFixtureConfig("facebook--wav2vec2-base-960h"));
    expect(s.get("wav2vec2.feature_extractor.conv_layers.0.conv.weight")).toEqual([512, 1, 10]);
    expect(s.get("wav2vec2.feature_extractor.conv_layers.0.layer_norm.weight")).toEqual([512]);
    expect(s.has("wav2vec2.feature_extractor.conv_layers.1.layer_norm.weight")).toBe(false);
    expect(s.has("wav2vec2.feature_extractor.conv_layers.0.conv.bias")).toBe(false);
    expect(s.get("wav2vec2.feature_extractor.conv_layers.6.conv.weight")).toEqual([512, 512, 2]);
    expect(s.get("wav2vec2.feature_projection.projection.weight")).toEqual([768, 512]);
    expect(s.get("wav2vec2.masked_spec_embed")).toEqual([768]);
    expect(s.get("wav2vec2.encoder.pos_conv_embed.conv.weight_g")).toEqual([1, 1, 128]);
    expect(s.get("wav2vec2.encoder.pos_conv_embed.conv.weight_v")).toEqual([768, 48, 128]);
    expect(s.get("wav2vec2.encoder.layers.11.feed_forward.intermediate_dense.weight")).toEqual([3072, 768]);
    expect(s.get("wav2vec2.encoder.layers.0.attention.k_proj.bias")).toEqual([768]);
    expect(s.get("lm_head.weight")).toEqual([32, 768]);
    expect(s.has("wav2vec2.encoder.layers.0.adapter_layer.norm.weight")).toBe(false);
    // 7 conv weights + 2 GroupNorm + 4 projection + 1 + 3 pos conv + 2 + 12 x 16 + 2 lm_head.
    expect(tensorCount(readFixtureConfig("facebook--wav2vec2-base-960h"))).toBe(213);
  });

  it("large lv60: layer-norm conv stack with conv bias, pre-LN, 315,471,520", () => {
    const config = readFixtureConfig("facebook--wav2vec2-large-960h-lv60-self");
    expect(totalOf(config)).toBe(315_471_520);
    const s = shapes(config);
    expect(s.get("wav2vec2.feature_extractor.conv_layers.6.layer_norm.bias")).toEqual([512]);
    expect(s.get("wav2vec2.feature_extractor.conv_layers.3.conv.bias")).toEqual([512]);
    expect(s.get("wav2vec2.encoder.pos_conv_embed.conv.weight_v")).toEqual([1024, 64, 128]);
    // The same config with group norm and no conv bias (wav2vec2-large-960h): 6 fewer LayerNorms and 7 fewer biases.
    expect(totalOf({ ...config, feat_extract_norm: "group", conv_bias: false })).toBe(315_471_520 - 6 * 1024 - 7 * 512);
  });

  it("heads: Model, ForPreTraining, ForSequenceClassification (weighted layer sum), ForAudioFrameClassification, ForXVector", () => {
    const config = readFixtureConfig("facebook--wav2vec2-base-960h");
    const base = 94_371_712;
    expect(totalOf({ ...config, architectures: ["Wav2Vec2Model"] })).toBe(base);
    // Quantizer codevectors 1x640x128 + weight_proj 512x640+640, project_hid 768x256+256, project_q 256x256+256.
    expect(totalOf({ ...config, architectures: ["Wav2Vec2ForPreTraining"] })).toBe(base + 81_920 + 328_320 + 196_864 + 65_792);
    expect(totalOf({ ...config, architectures: ["Wav2Vec2ForSequenceClassification"], num_labels: 12, use_weighted_layer_sum: true })).toBe(base + 13 + 196_864 + 12 * 256 + 12);
    expect(totalOf({ ...config, architectures: ["Wav2Vec2ForAudioFrameClassification"], num_labels: 2 })).toBe(base + 2 * 768 + 2);
    // XVector: projector 768→512, TDNN 2,560→512, 1,536→512, 1,536→512, 512→512, 512→1,500, stats 3,000→512, classifier 512→512, AMSoftmax 512 x labels.
    const xvector = 393_728 + 1_311_232 + 786_944 + 786_944 + 262_656 + 769_500 + 1_536_512 + 262_656 + 512 * 1211;
    const s = shapes({ ...config, architectures: ["Wav2Vec2ForXVector"], num_labels: 1211 });
    expect(s.get("tdnn.0.kernel.weight")).toEqual([512, 2560]);
    expect(s.get("objective.weight")).toEqual([512, 1211]);
    expect(totalOf({ ...config, architectures: ["Wav2Vec2ForXVector"], num_labels: 1211 })).toBe(base + xvector);
  });

  it("add_adapter: down-projection, conv adapter layers, lm_head on output_hidden_size", () => {
    const config = { ...readFixtureConfig("facebook--wav2vec2-base-960h"), add_adapter: true, output_hidden_size: 512, num_adapter_layers: 3, adapter_kernel_size: 3 };
    const s = shapes(config);
    expect(s.get("wav2vec2.adapter.proj.weight")).toEqual([512, 768]);
    expect(s.get("wav2vec2.adapter.layers.2.conv.weight")).toEqual([1024, 512, 3]);
    expect(s.get("lm_head.weight")).toEqual([32, 512]);
    const adapter = 768 * 512 + 512 + 1024 + 3 * (1024 * 512 * 3 + 1024);
    expect(totalOf(config)).toBe(94_371_712 + adapter + 32 * 512 + 32);
  });

  it("MMS attention adapters only in pre-LN layers; masked_spec_embed only when masking", () => {
    const large = readFixtureConfig("facebook--wav2vec2-large-960h-lv60-self");
    expect(totalOf({ ...large, adapter_attn_dim: 16 }) - totalOf(large)).toBe(24 * (2048 + 1024 * 16 + 16 + 16 * 1024 + 1024));
    const base = readFixtureConfig("facebook--wav2vec2-base-960h");
    expect(totalOf({ ...base, adapter_attn_dim: 16 })).toBe(totalOf(base));
    expect(totalOf({ ...base, mask_time_prob: 0 })).toBe(94_396_320 - 768);
    expect(totalOf({ ...base, mask_time_prob: 0, mask_feature_prob: 0.1 })).toBe(94_396_320);
    expect(totalOf({ ...base, mask_time_prob: 0, apply_spec_augment: false })).toBe(94_396_320 - 768);
  });

  it("defaults from configuration_wav2vec2.py: wav2vec2-base's shape, vocab 32", () => {
    const { model, parameters } = analyzeConfig({ model_type: "wav2vec2", architectures: ["Wav2Vec2ForCTC"] });
    expect(model.hiddenSize.value).toBe(768);
    expect(model.vocabSize.value).toBe(32);
    expect(parameters?.total).toBe(94_396_320);
  });
});

describe("hubert (modeling_hubert.py)", () => {
  it("hubert-base-ls960: 94,371,712 in 211 tensors, hubert. prefix in head classes", () => {
    const config = readFixtureConfig("facebook--hubert-base-ls960");
    expect(totalOf(config)).toBe(94_371_712);
    expect(tensorCount(config)).toBe(211);
    const s = shapes({ ...config, architectures: ["HubertForCTC"] });
    expect(s.get("hubert.encoder.pos_conv_embed.conv.weight_v")).toEqual([768, 48, 128]);
    expect(s.get("lm_head.bias")).toEqual([32]);
    expect(s.has("hubert.quantizer.codevectors")).toBe(false);
  });

  it("feat_proj_layer_norm and conv_pos_batch_norm", () => {
    const config = readFixtureConfig("facebook--hubert-base-ls960");
    expect(totalOf({ ...config, feat_proj_layer_norm: false })).toBe(94_371_712 - 1024);
    const s = shapes({ ...config, conv_pos_batch_norm: true });
    expect(s.get("encoder.pos_conv_embed.batch_norm.weight")).toEqual([768]);
    expect(s.get("encoder.pos_conv_embed.conv.weight")).toEqual([768, 48, 128]);
    expect(s.has("encoder.pos_conv_embed.conv.weight_g")).toBe(false);
  });

  it("hubert-large-ls960-ft's layout (layer-norm convs, conv bias, pre-LN) is wav2vec2-large-lv60's: 315,471,520", () => {
    const large = readFixtureConfig("facebook--wav2vec2-large-960h-lv60-self");
    expect(totalOf({ ...large, model_type: "hubert", architectures: ["HubertForCTC"] })).toBe(315_471_520);
  });
});

describe("wavlm (modeling_wavlm.py)", () => {
  it("wavlm-base-plus: 94,381,936 in 248 tensors: wav2vec2-base + gated relative position bias", () => {
    const config = readFixtureConfig("microsoft--wavlm-base-plus");
    // Per layer gru_rel_pos_const 12 + gru_rel_pos_linear 64x8 + 8 = 532 → 6,384; rel_attn_embed 320 x 12 = 3,840 in layer 0.
    expect(94_371_712 + 12 * 532 + 3_840).toBe(94_381_936);
    expect(totalOf(config)).toBe(94_381_936);
    expect(tensorCount(config)).toBe(248);
    const s = shapes(config);
    expect(s.get("encoder.layers.0.attention.rel_attn_embed.weight")).toEqual([320, 12]);
    expect(s.has("encoder.layers.1.attention.rel_attn_embed.weight")).toBe(false);
    expect(s.get("encoder.layers.11.attention.gru_rel_pos_const")).toEqual([1, 12, 1, 1]);
    expect(s.get("encoder.layers.5.attention.gru_rel_pos_linear.weight")).toEqual([8, 64]);
  });

  it("heads under wavlm.", () => {
    const config = readFixtureConfig("microsoft--wavlm-base-plus");
    const s = shapes({ ...config, architectures: ["WavLMForCTC"] });
    expect(s.get("wavlm.encoder.layers.0.attention.rel_attn_embed.weight")).toEqual([320, 12]);
    expect(totalOf({ ...config, architectures: ["WavLMForSequenceClassification"], num_labels: 4 })).toBe(94_381_936 + 196_864 + 4 * 256 + 4);
  });
});

describe("data2vec-audio (modeling_data2vec_audio.py)", () => {
  it("data2vec-audio-base-960h: 93,188,896; LayerNorm in every conv layer, a stack of 5 positional convs", () => {
    const config = readFixtureConfig("facebook--data2vec-audio-base-960h");
    expect(totalOf(config)).toBe(93_188_896);
    const s = shapes(config);
    expect(s.get("data2vec_audio.feature_extractor.conv_layers.6.layer_norm.weight")).toEqual([512]);
    expect(s.get("data2vec_audio.encoder.pos_conv_embed.layers.4.conv.weight")).toEqual([768, 48, 19]);
    expect(s.has("data2vec_audio.encoder.pos_conv_embed.layers.5.conv.weight")).toBe(false);
    expect(s.has("data2vec_audio.encoder.pos_conv_embed.conv.weight_g")).toBe(false);
    // feat_extract_norm is not read: every Data2VecAudioConvLayer has its LayerNorm.
    expect(totalOf({ ...config, feat_extract_norm: "group" })).toBe(93_188_896);
  });
});

describe("unispeech-sat (modeling_unispeech_sat.py)", () => {
  it("unispeech-sat-base-plus (ForPreTraining): 95,535,872", () => {
    const config = readFixtureConfig("microsoft--unispeech-sat-base-plus");
    expect(94_371_712 + 81_920 + 492_160 + 65_792 + 196_864 + 196_864 + 129_024 + 1_536).toBe(95_535_872);
    expect(totalOf(config)).toBe(95_535_872);
    const s = shapes(config);
    expect(s.get("quantizer.weight_proj.weight")).toEqual([640, 768]);
    expect(s.get("label_embeddings_concat")).toEqual([504, 256]);
    expect(s.get("unispeech_sat.masked_spec_embed")).toEqual([768]);
    expect(totalOf({ ...config, architectures: ["UniSpeechSatModel"], mask_time_prob: 0 })).toBe(94_371_712);
  });
});
