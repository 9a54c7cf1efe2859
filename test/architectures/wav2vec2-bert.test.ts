import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Source: Wav2Vec2BertModel facebook/w2v-bert-2.0, params=580,493,120 after loading 773 weight
 * tensors (a public inference script's log).
 */
describe("wav2vec2-bert (modeling_wav2vec2_bert.py)", () => {
  const config = readFixtureConfig("facebook--w2v-bert-2.0");

  it("w2v-bert-2.0: 580,493,120 in 773 tensors, by hand", () => {
    // Feature projection: LayerNorm 2 x 160 + 160x1,024 + 1,024 = 165,184; masked_spec_embed 1,024.
    // Layer: ffn1/ffn2 2 x (2,048 + 8,393,728) = 16,791,552; attention LayerNorm 2,048 + 4 x (1,024² + 1,024) +
    // distance_embedding (64 + 8 + 1) x 64 = 4,205,120; conv module LayerNorm 2,048 + 2,097,152 + 31,744 +
    // depthwise LayerNorm 2,048 + 1,048,576 = 3,181,568; final LayerNorm 2,048 → 24,180,288 x 24.
    expect(165_184 + 1_024 + 24 * (16_791_552 + 4_205_120 + 3_181_568 + 2_048)).toBe(580_493_120);
    const { parameters, inventory } = analyzeConfig(config);
    expect(parameters?.total).toBe(580_493_120);
    expect([...expandTensors(inventory!)].length).toBe(773);
  });

  it("names: no conv feature encoder, no positional conv, no encoder LayerNorm; depthwise_layer_norm", () => {
    const s = shapes(config);
    expect(s.get("feature_projection.projection.weight")).toEqual([1024, 160]);
    expect(s.get("encoder.layers.0.self_attn.distance_embedding.weight")).toEqual([73, 64]);
    expect(s.get("encoder.layers.0.conv_module.depthwise_layer_norm.weight")).toEqual([1024]);
    expect(s.has("encoder.layers.0.conv_module.batch_norm.weight")).toBe(false);
    expect(s.has("encoder.layer_norm.weight")).toBe(false);
    expect(s.has("encoder.pos_conv_embed.conv.weight_v")).toBe(false);
    expect([...s.keys()].some((n) => n.startsWith("feature_extractor."))).toBe(false);
  });

  it("the CTC fine-tuning layout: intermediate_ffn, one adapter layer, lm_head on output_hidden_size", () => {
    const ctc = { ...config, architectures: ["Wav2Vec2BertForCTC"], vocab_size: 48, add_adapter: true, use_intermediate_ffn_before_adapter: true };
    const s = shapes(ctc);
    expect(s.get("wav2vec2_bert.intermediate_ffn.intermediate_dense.weight")).toEqual([4096, 1024]);
    expect(s.get("wav2vec2_bert.adapter.layers.0.residual_conv.weight")).toEqual([2048, 1024, 3]);
    expect(s.get("wav2vec2_bert.adapter.layers.0.self_attn.linear_q.weight")).toEqual([1024, 1024]);
    expect(s.has("wav2vec2_bert.adapter.layers.0.self_attn.distance_embedding.weight")).toBe(false);
    expect(s.has("wav2vec2_bert.adapter.layers.1.residual_conv.weight")).toBe(false);
    expect(s.get("lm_head.weight")).toEqual([48, 1024]);
    expect(totalOf(ctc)).toBe(580_493_120 + 8_393_728 + 6_144 + 12_587_008 + 4_198_400 + 8_393_728 + 48 * 1024 + 48);
    expect(shapes({ ...ctc, output_hidden_size: 512 }).get("wav2vec2_bert.adapter.proj.weight")).toEqual([512, 1024]);
  });

  it("position types and the classification head's 768-wide projector (configuration default)", () => {
    expect(totalOf({ ...config, position_embeddings_type: "rotary" })).toBe(580_493_120 - 24 * 73 * 64);
    expect(totalOf({ ...config, position_embeddings_type: "relative" })).toBe(580_493_120 - 24 * 73 * 64 + 24 * (1024 * 1024 + 2 * 16 * 64));
    const { classifier_proj_size: _drop, ...noProj } = config;
    expect(totalOf({ ...noProj, architectures: ["Wav2Vec2BertForSequenceClassification"], num_labels: 2 })).toBe(580_493_120 + 1024 * 768 + 768 + 768 * 2 + 2);
  });
});
