import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Sources: Wav2Vec2ConformerForCTC facebook/wav2vec2-conformer-rope-large-960h-ft 593,376,928 and
 * the rel-pos variant 618,591,904, as measured by public projects (model registries, an inspection
 * listing 194 nn.Linear with 504,218,656 parameters).
 */
describe("wav2vec2-conformer (modeling_wav2vec2_conformer.py)", () => {
  const config = readFixtureConfig("facebook--wav2vec2-conformer-rope-large-960h-ft");

  it("rope large: 593,376,928, by hand", () => {
    // Layer: ffn1 + ffn2 2 x (LayerNorm 2,048 + 1,024x4,096+4,096 + 4,096x1,024+1,024) = 16,791,552;
    // attention LayerNorm 2,048 + 4 x (1,024² + 1,024) = 4,200,448; conv module LayerNorm 2,048 +
    // pointwise 2,048x1,024 + depthwise 1,024x31 + BatchNorm 2,048 + pointwise 1,024² = 3,181,568; final LayerNorm 2,048.
    expect(16_791_552 + 4_200_448 + 3_181_568 + 2_048).toBe(24_175_616);
    expect(4_210_176 + 526_336 + 1_024 + 8_389_760 + 2_048 + 24 * 24_175_616 + 32_800).toBe(593_376_928);
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(593_376_928);
    expect(parameters?.estimated).toBe(false);
  });

  it("names: wav2vec2_conformer. prefix, bias-free conv module, no relative-position tensors with rotary", () => {
    const s = shapes(config);
    expect(s.get("wav2vec2_conformer.encoder.layers.0.conv_module.depthwise_conv.weight")).toEqual([1024, 1, 31]);
    expect(s.get("wav2vec2_conformer.encoder.layers.0.conv_module.pointwise_conv1.weight")).toEqual([2048, 1024, 1]);
    expect(s.has("wav2vec2_conformer.encoder.layers.0.conv_module.pointwise_conv1.bias")).toBe(false);
    expect(s.get("wav2vec2_conformer.encoder.layers.0.conv_module.batch_norm.bias")).toEqual([1024]);
    expect(s.get("wav2vec2_conformer.encoder.layers.23.ffn2.output_dense.weight")).toEqual([1024, 4096]);
    expect(s.get("wav2vec2_conformer.encoder.layers.5.self_attn.linear_out.bias")).toEqual([1024]);
    expect(s.has("wav2vec2_conformer.encoder.layers.0.self_attn.linear_pos.weight")).toBe(false);
    expect(s.get("wav2vec2_conformer.encoder.pos_conv_embed.conv.weight_g")).toEqual([1, 1, 128]);
    expect(s.get("lm_head.weight")).toEqual([32, 1024]);
  });

  it("relative positions: linear_pos without bias and pos_bias_u / pos_bias_v (618,591,904 for rel-pos large)", () => {
    const rel = { ...config, position_embeddings_type: "relative" };
    const s = shapes(rel);
    expect(s.get("wav2vec2_conformer.encoder.layers.0.self_attn.pos_bias_u")).toEqual([16, 64]);
    expect(s.has("wav2vec2_conformer.encoder.layers.0.self_attn.linear_pos.bias")).toBe(false);
    expect(totalOf(rel)).toBe(618_591_904);
    // configuration_wav2vec2_conformer.py: position_embeddings_type defaults to "relative".
    const { position_embeddings_type: _drop, ...noType } = config;
    expect(totalOf(noType)).toBe(618_591_904);
  });

  it("heads: Model and ForPreTraining", () => {
    expect(totalOf({ ...config, architectures: ["Wav2Vec2ConformerModel"] })).toBe(593_376_928 - 32_800);
    // Quantizer codevectors 1x640x384 (codevector_dim 768 / 2 groups) + weight_proj 512x640+640, project_hid 1,024x768+768, project_q 768x768+768.
    const pre = { ...config, architectures: ["Wav2Vec2ConformerForPreTraining"], codevector_dim: 768, proj_codevector_dim: 768 };
    expect(totalOf(pre)).toBe(593_376_928 - 32_800 + 640 * 384 + 512 * 640 + 640 + 1024 * 768 + 768 + 768 * 768 + 768);
  });
});
