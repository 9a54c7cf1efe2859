import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Sources: openai/clip-vit-base-patch32 151,277,313, clip-vit-base-patch16 149,620,737 and
 * clip-vit-large-patch14 427,616,513 (mteb ModelMeta n_parameters, keras-hub preset metadata and
 * public CLIP parameter tables); Stable Diffusion's CLIP-L text encoder 123,060,480
 * (`sum(p.numel() ...)` printed in public scripts; DeepSpeed-MII notes).
 */
describe("clip (modeling_clip.py)", () => {
  it("CLIPModel clip-vit-base-patch32: 151,277,313", () => {
    const { parameters, model } = analyzeConfig(readFixtureConfig("openai--clip-vit-base-patch32"));
    // text: token 49,408 × 512 = 25,296,896 + positions 77 × 512 = 39,424 + 12 × (q/k/v/out
    // 4 × (512² + 512) = 1,050,624, two LayerNorms 2,048, fc1 512 × 2,048 + 2,048 = 1,050,624,
    // fc2 1,049,088 → 3,152,384) = 37,828,608 + final_layer_norm 1,024 → 63,165,952.
    expect(25_296_896 + 39_424 + 12 * 3_152_384 + 1_024).toBe(63_165_952);
    // vision: class 768 + patch 768 × 3 × 32 × 32 = 2,359,296 + positions 50 × 768 = 38,400 +
    // pre_layrnorm 1,536 + 12 × 7,087,872 + post_layernorm 1,536 → 87,456,000.
    expect(768 + 2_359_296 + 38_400 + 1_536 + 12 * 7_087_872 + 1_536).toBe(87_456_000);
    // projections: visual 512 × 768 + text 512 × 512 (no bias) + logit_scale.
    expect(parameters?.components).toEqual({ textModel: 63_165_952, visionModel: 87_456_000, projection: 393_216 + 262_144 + 1 });
    expect(parameters?.total).toBe(151_277_313);
    expect(parameters?.estimated).toBe(false);
    expect(model.layoutType).toBe("clip");
  });

  it("names and shapes: no patch bias, pre_layrnorm, bias-free projections, scalar logit_scale", () => {
    const s = shapes(readFixtureConfig("openai--clip-vit-base-patch32"));
    expect(s.get("text_model.embeddings.token_embedding.weight")).toEqual([49408, 512]);
    expect(s.get("text_model.embeddings.position_embedding.weight")).toEqual([77, 512]);
    expect(s.get("text_model.encoder.layers.11.self_attn.q_proj.bias")).toEqual([512]);
    expect(s.get("text_model.final_layer_norm.weight")).toEqual([512]);
    expect(s.get("vision_model.embeddings.class_embedding")).toEqual([768]);
    expect(s.get("vision_model.embeddings.patch_embedding.weight")).toEqual([768, 3, 32, 32]);
    expect(s.has("vision_model.embeddings.patch_embedding.bias")).toBe(false);
    expect(s.get("vision_model.pre_layrnorm.bias")).toEqual([768]);
    expect(s.get("vision_model.post_layernorm.weight")).toEqual([768]);
    expect(s.get("visual_projection.weight")).toEqual([512, 768]);
    expect(s.has("visual_projection.bias")).toBe(false);
    expect(s.get("text_projection.weight")).toEqual([512, 512]);
    expect(s.get("logit_scale")).toEqual([]);
    expect([...s.keys()].some((n) => n.includes("position_ids"))).toBe(false);
  });

  it("other sizes from the same config: ViT-B/16 149,620,737, ViT-L/14 427,616,513", () => {
    const b32 = readFixtureConfig("openai--clip-vit-base-patch32");
    expect(totalOf({ ...b32, vision_config: { ...(b32.vision_config as object), patch_size: 16 } })).toBe(149_620_737);
    const l14 = {
      ...b32,
      projection_dim: 768,
      text_config: { ...(b32.text_config as object), hidden_size: 768, intermediate_size: 3072, num_attention_heads: 12 },
      vision_config: { ...(b32.vision_config as object), hidden_size: 1024, intermediate_size: 4096, num_attention_heads: 16, num_hidden_layers: 24, patch_size: 14 },
    };
    const { parameters } = analyzeConfig(l14);
    expect(parameters?.total).toBe(427_616_513);
    // The towers as they are reused standalone: the CLIP-L text tower is SD's 123,060,480.
    expect(parameters?.components?.textModel).toBe(123_060_480);
    expect(parameters?.components?.visionModel).toBe(303_179_776);
  });

  it("CLIPForImageClassification: the vision tower and a biased classifier", () => {
    const config = { ...readFixtureConfig("openai--clip-vit-base-patch32"), architectures: ["CLIPForImageClassification"], id2label: { 0: "a", 1: "b", 2: "c" } };
    const s = shapes(config);
    expect(s.get("classifier.weight")).toEqual([3, 768]);
    expect(s.get("classifier.bias")).toEqual([3]);
    expect(s.has("text_model.embeddings.token_embedding.weight")).toBe(false);
    expect(totalOf(config)).toBe(87_456_000 + 3 * 768 + 3);
  });

  it("CLIPTextModel (model_type clip_text_model): Stable Diffusion's text encoder 123,060,480", () => {
    const config = readFixtureConfig("stable-diffusion-v1-5--stable-diffusion-v1-5--text_encoder");
    const { parameters, model } = analyzeConfig(config);
    expect(model.layoutType).toBe("clip_text_model");
    expect(model.head).toBe("base");
    expect(parameters?.total).toBe(123_060_480);
    expect(parameters?.components).toEqual({ textModel: 123_060_480 });
    // WithProjection: + text_projection [projection_dim 768, 768], no bias.
    const withProjection = { ...config, architectures: ["CLIPTextModelWithProjection"] };
    expect(analyzeConfig(withProjection).model.head).toBe("with-projection");
    expect(shapes(withProjection).get("text_projection.weight")).toEqual([768, 768]);
    expect(totalOf(withProjection)).toBe(123_060_480 + 768 * 768);
  });

  it("CLIPVisionModelWithProjection (model_type clip_vision_model): IP-Adapter's ViT-H/14 image encoder", () => {
    const config = readFixtureConfig("h94--IP-Adapter--models--image_encoder");
    const { parameters, model } = analyzeConfig(config);
    expect(model.layoutType).toBe("clip_vision_model");
    // 1,280 + 752,640 + 257 × 1,280 + 2,560 + 32 × 19,677,440 + 2,560 = 630,766,080; + 1,024 × 1,280.
    expect(1_280 + 752_640 + 257 * 1_280 + 2_560 + 32 * 19_677_440 + 2_560).toBe(630_766_080);
    expect(parameters?.components).toEqual({ visionModel: 630_766_080, projection: 1_310_720 });
    expect(totalOf({ ...config, architectures: ["CLIPVisionModel"] })).toBe(630_766_080);
  });

  it("a CLIPConfig loaded into one tower class reads that tower's sub-config", () => {
    const b32 = readFixtureConfig("openai--clip-vit-base-patch32");
    const text = analyzeConfig({ ...b32, architectures: ["CLIPTextModel"] });
    expect(text.model.layoutType).toBe("clip_text_model");
    expect(text.parameters?.total).toBe(63_165_952);
    expect(totalOf({ ...b32, architectures: ["CLIPVisionModel"] })).toBe(87_456_000);
  });

  it("defaults from configuration_clip.py: an empty CLIPConfig is ViT-B/32's shape", () => {
    expect(totalOf({ architectures: ["CLIPModel"], model_type: "clip" })).toBe(151_277_313);
    expect(totalOf({ architectures: ["CLIPTextModel"], model_type: "clip_text_model" })).toBe(63_165_952);
  });

  it("the vision towers llava.ts reuses keep their component and names", () => {
    const s = shapes(readFixtureConfig("llava-hf--llava-1.5-7b-hf"));
    expect(s.get("model.vision_tower.vision_model.pre_layrnorm.weight")).toEqual([1024]);
    expect(analyzeConfig(readFixtureConfig("llava-hf--llava-1.5-7b-hf")).parameters?.components?.visionTower).toBe(303_507_456);
  });
});
