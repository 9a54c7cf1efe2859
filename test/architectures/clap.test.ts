import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Source: ClapModel laion/clap-htsat-unfused, total params 153,492,890 with audio tower 27,534,488
 * and text tower 124,645,632, as printed by a public project loading the Hub checkpoint.
 */
describe("clap (modeling_clap.py)", () => {
  const config = readFixtureConfig("laion--clap-htsat-unfused");

  it("clap-htsat-unfused: 153,492,890 with its towers as components, by hand", () => {
    // Swin block at width C with H heads: 12C² + 13C + 225H (relative_position_bias_table 15² x H).
    const block = (c: number, h: number) => 12 * c * c + 13 * c + 225 * h;
    const merge = (c: number) => 4 * c * 2 * c + 8 * c;
    const audio = 96 * 16 + 96 + 192 + 2 * block(96, 4) + merge(96) + 2 * block(192, 8) + merge(192) + 6 * block(384, 16) + merge(384) + 2 * block(768, 32) + 128 + 1536;
    expect(audio).toBe(27_534_488);
    const projection = 768 * 512 + 512 + 512 * 512 + 512;
    expect(audio + 124_645_632 + 2 * projection + 2).toBe(153_492_890);
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(153_492_890);
    expect(parameters?.components).toEqual({ audioTower: 27_534_488, textModel: 124_645_632, projector: 2 * projection + 2 });
  });

  it("names: audio_model.audio_encoder Swin stages, RoBERTa text_model with pooler, scalar logit scales", () => {
    const s = shapes(config);
    expect(s.get("audio_model.audio_encoder.patch_embed.proj.weight")).toEqual([96, 1, 4, 4]);
    expect(s.get("audio_model.audio_encoder.layers.2.blocks.5.attention.self.relative_position_bias_table")).toEqual([225, 16]);
    expect(s.get("audio_model.audio_encoder.layers.0.downsample.reduction.weight")).toEqual([192, 384]);
    expect(s.has("audio_model.audio_encoder.layers.0.downsample.reduction.bias")).toBe(false);
    expect(s.has("audio_model.audio_encoder.layers.3.downsample.norm.weight")).toBe(false);
    expect(s.get("audio_model.audio_encoder.batch_norm.weight")).toEqual([64]);
    expect(s.get("audio_model.audio_encoder.norm.weight")).toEqual([768]);
    expect(s.has("audio_model.audio_encoder.patch_embed.mel_conv2d.weight")).toBe(false);
    expect(s.get("text_model.embeddings.position_embeddings.weight")).toEqual([514, 768]);
    expect(s.get("text_model.embeddings.token_type_embeddings.weight")).toEqual([1, 768]);
    expect(s.get("text_model.pooler.dense.weight")).toEqual([768, 768]);
    expect(s.get("audio_projection.linear1.weight")).toEqual([512, 768]);
    expect(s.get("logit_scale_a")).toEqual([]);
  });

  it("tower classes", () => {
    expect(totalOf({ ...config, architectures: ["ClapTextModel"] })).toBe(124_645_632);
    expect(totalOf({ ...config, architectures: ["ClapAudioModel"] })).toBe(27_534_488);
    expect(shapes({ ...config, architectures: ["ClapAudioModel"] }).has("audio_encoder.layers.0.blocks.0.layernorm_before.weight")).toBe(true);
    expect(totalOf({ ...config, architectures: ["ClapAudioModelWithProjection"] })).toBe(27_534_488 + 656_384);
    // A tower's own config (model_type clap_text_model) holds its keys at the root.
    expect(totalOf({ ...(config.text_config as Record<string, unknown>), architectures: ["ClapTextModelWithProjection"] })).toBe(124_645_632 + 656_384);
  });

  it("fusion (clap-htsat-fused): mel_conv2d and the AFF block", () => {
    const fused = { ...config, audio_config: { ...(config.audio_config as Record<string, unknown>), enable_fusion: true, fusion_type: "aff_2d" } };
    const s = shapes(fused);
    expect(s.get("audio_model.audio_encoder.patch_embed.mel_conv2d.weight")).toEqual([96, 1, 4, 12]);
    expect(s.get("audio_model.audio_encoder.patch_embed.fusion_model.global_att.1.weight")).toEqual([24, 96, 1, 1]);
    expect(s.get("audio_model.audio_encoder.patch_embed.fusion_model.local_att.4.bias")).toEqual([96]);
    expect(totalOf(fused)).toBe(153_492_890 + 4_704 + 9_936);
  });
});
