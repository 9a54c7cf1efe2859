import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Sources: SAM ViT-B 93,735,472 (`sum(p.numel() ...)` printed in MedSAM and derived scripts; a
 * public count → name map: 93735472 sam_b, 312342832 sam_l); SAM ViT-H 641,090,608 (a public
 * model table). The HF port has the same parameters as the original segment_anything.
 */
describe("sam (modeling_sam.py)", () => {
  it("SamModel sam-vit-base: 93,735,472", () => {
    const { parameters, inventory } = analyzeConfig(readFixtureConfig("facebook--sam-vit-base"));
    // vision: patch 768 × 3 × 16 × 16 + 768 = 590,592; pos_embed 64 × 64 × 768 = 3,145,728;
    // 12 × 7,087,872 (LayerNorms, qkv, proj, MLP 3,072) + rel_pos: 8 windowed layers × 2 × 27 ×
    // 64 + 4 global layers × 2 × 127 × 64 = 92,672; neck 196,608 + 512 + 589,824 + 512.
    expect(590_592 + 3_145_728 + 12 * 7_087_872 + 92_672 + 787_456).toBe(89_670_912);
    // prompt encoder: mask_embed 20 + 8 + 272 + 32 + 4,352, no_mask 256, 4 point embeds 1,024, not_a_point 256.
    expect(20 + 8 + 272 + 32 + 4_352 + 256 + 1_024 + 256).toBe(6_220);
    // mask decoder: tokens 256 + 1,024; 2 two-way layers × 1,579,520; final attention 131,712 +
    // 512; upscale 65,600 + 8,224 + 128; 4 hypernetwork MLPs × 139,808; IoU head 132,612.
    expect(256 + 1_024 + 2 * 1_579_520 + 131_712 + 512 + 65_600 + 8_224 + 128 + 4 * 139_808 + 132_612).toBe(4_058_340);
    expect(parameters?.components).toEqual({ visionEncoder: 89_670_912, promptEncoder: 6_220, maskDecoder: 4_058_340 });
    expect(parameters?.total).toBe(93_735_472);
    expect(parameters?.estimated).toBe(false);
    expect(inventory?.notes.join(" ")).toContain("buffer");
  });

  it("names: relative positions sized by window or global attention, transposed upscale convolutions, no buffer", () => {
    const s = shapes(readFixtureConfig("facebook--sam-vit-base"));
    expect(s.get("vision_encoder.pos_embed")).toEqual([1, 64, 64, 768]);
    expect(s.get("vision_encoder.layers.0.attn.rel_pos_h")).toEqual([27, 64]);
    expect(s.get("vision_encoder.layers.2.attn.rel_pos_w")).toEqual([127, 64]);
    expect(s.get("vision_encoder.neck.conv2.weight")).toEqual([256, 256, 3, 3]);
    expect(s.has("vision_encoder.neck.conv1.bias")).toBe(false);
    expect(s.get("prompt_encoder.mask_embed.conv1.weight")).toEqual([4, 1, 2, 2]);
    expect(s.get("prompt_encoder.point_embed.3.weight")).toEqual([1, 256]);
    expect(s.get("mask_decoder.transformer.layers.0.cross_attn_token_to_image.q_proj.weight")).toEqual([128, 256]);
    expect(s.get("mask_decoder.transformer.layers.1.self_attn.q_proj.weight")).toEqual([256, 256]);
    expect(s.get("mask_decoder.upscale_conv1.weight")).toEqual([256, 64, 2, 2]);
    expect(s.get("mask_decoder.output_hypernetworks_mlps.3.proj_out.weight")).toEqual([32, 256]);
    expect(s.get("mask_decoder.iou_prediction_head.proj_out.weight")).toEqual([4, 256]);
    expect(s.has("shared_image_embedding.positional_embedding")).toBe(false);
  });

  it("sam-vit-large 312,342,832 and sam-vit-huge 641,090,608", () => {
    const base = readFixtureConfig("facebook--sam-vit-base");
    const vision = base.vision_config as object;
    expect(totalOf({ ...base, vision_config: { ...vision, hidden_size: 1024, num_hidden_layers: 24, num_attention_heads: 16, mlp_dim: 4096, global_attn_indexes: [5, 11, 17, 23] } })).toBe(312_342_832);
    expect(totalOf({ ...base, vision_config: { ...vision, hidden_size: 1280, num_hidden_layers: 32, num_attention_heads: 16, mlp_dim: 5120, global_attn_indexes: [7, 15, 23, 31] } })).toBe(641_090_608);
  });

  it("defaults from configuration_sam.py: an empty SamConfig is ViT-B's shape; no rel/abs positions", () => {
    expect(totalOf({ architectures: ["SamModel"], model_type: "sam" })).toBe(93_735_472);
    const base = readFixtureConfig("facebook--sam-vit-base");
    const vision = base.vision_config as object;
    expect(totalOf(base) - totalOf({ ...base, vision_config: { ...vision, use_rel_pos: false } })).toBe(92_672);
    expect(totalOf(base) - totalOf({ ...base, vision_config: { ...vision, use_abs_pos: false } })).toBe(3_145_728);
  });
});
