import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Sources: mteb ModelMeta n_parameters — google/siglip-base-patch16-224 203,155,970,
 * siglip-so400m-patch14-384 877,960,498, siglip-so400m-patch14-224 877,360,306,
 * siglip2-base-patch16-224 375,187,970, siglip2-base-patch16-256 375,234,050.
 */
describe("siglip (modeling_siglip.py)", () => {
  it("SiglipModel siglip-base-patch16-224: 203,155,970", () => {
    const { parameters } = analyzeConfig(readFixtureConfig("google--siglip-base-patch16-224"));
    // text: 32,000 × 768 = 24,576,000 + 64 × 768 = 49,152 + 12 × 7,087,872 = 85,054,464
    // + final_layer_norm 1,536 + head 768 × 768 + 768 = 590,592 → 110,271,744.
    expect(24_576_000 + 49_152 + 85_054_464 + 1_536 + 590_592).toBe(110_271_744);
    // vision: patch 768 × 3 × 16 × 16 + 768 bias = 590,592, positions 196 × 768 = 150,528 (no
    // class token), 85,054,464, post_layernorm 1,536, pooling head: probe 768 + in_proj
    // 2,304 × 768 + 2,304 + out_proj 590,592 + LayerNorm 1,536 + MLP 4,722,432 = 7,087,104.
    expect(590_592 + 150_528 + 85_054_464 + 1_536 + 7_087_104).toBe(92_884_224);
    expect(parameters?.components).toEqual({ textModel: 110_271_744, visionModel: 92_884_224, projection: 2 });
    expect(parameters?.total).toBe(203_155_970);
    expect(parameters?.estimated).toBe(false);
  });

  it("names: biased patch convolution, no class token, text head, packed pooling attention, logit_scale/bias [1]", () => {
    const s = shapes(readFixtureConfig("google--siglip-base-patch16-224"));
    expect(s.get("vision_model.embeddings.patch_embedding.bias")).toEqual([768]);
    expect(s.get("vision_model.embeddings.position_embedding.weight")).toEqual([196, 768]);
    expect(s.has("vision_model.embeddings.class_embedding")).toBe(false);
    expect(s.has("vision_model.pre_layrnorm.weight")).toBe(false);
    expect(s.get("vision_model.head.probe")).toEqual([1, 1, 768]);
    expect(s.get("vision_model.head.attention.in_proj_weight")).toEqual([2304, 768]);
    expect(s.get("vision_model.head.mlp.fc1.weight")).toEqual([3072, 768]);
    expect(s.get("text_model.head.weight")).toEqual([768, 768]);
    expect(s.get("text_model.head.bias")).toEqual([768]);
    expect(s.get("logit_scale")).toEqual([1]);
    expect(s.get("logit_bias")).toEqual([1]);
  });

  it("so400m at 384 and 224 px, SigLIP 2's Gemma vocabulary (model_type siglip)", () => {
    const base = readFixtureConfig("google--siglip-base-patch16-224");
    const tower = { hidden_size: 1152, intermediate_size: 4304, num_hidden_layers: 27, num_attention_heads: 16 };
    const so400m = { ...base, text_config: { ...(base.text_config as object), ...tower }, vision_config: { ...(base.vision_config as object), ...tower, image_size: 384, patch_size: 14 } };
    expect(totalOf(so400m)).toBe(877_960_498);
    const so224 = { ...so400m, text_config: { ...so400m.text_config, max_position_embeddings: 16 }, vision_config: { ...so400m.vision_config, image_size: 224 } };
    expect(totalOf(so224)).toBe(877_360_306);
    expect(totalOf({ ...base, text_config: { ...(base.text_config as object), vocab_size: 256000 } })).toBe(375_187_970);
  });

  it("projection_size sets the text head's width; vision_use_head false drops the pooling head", () => {
    const base = readFixtureConfig("google--siglip-base-patch16-224");
    expect(shapes({ ...base, text_config: { ...(base.text_config as object), projection_size: 512 } }).get("text_model.head.weight")).toEqual([512, 768]);
    expect(totalOf(base) - totalOf({ ...base, vision_config: { ...(base.vision_config as object), vision_use_head: false } })).toBe(7_087_104);
  });

  it("SiglipForImageClassification: vision_model (with its head) and a classifier", () => {
    const config = { ...readFixtureConfig("google--siglip-base-patch16-224"), architectures: ["SiglipForImageClassification"], num_labels: 10 };
    const s = shapes(config);
    expect(s.get("classifier.weight")).toEqual([10, 768]);
    expect(s.has("vision_model.head.probe")).toBe(true);
    expect(s.has("text_model.head.weight")).toBe(false);
    expect(totalOf(config)).toBe(92_884_224 + 7_690);
  });

  it("standalone towers: SiglipTextModel 110,271,744 and SiglipVisionModel (so400m/384) 428,225,600 sum to the published totals", () => {
    const text = analyzeConfig(readFixtureConfig("google--siglip-base-patch16-224--text_model"));
    expect(text.model.layoutType).toBe("siglip_text_model");
    expect(text.parameters?.total).toBe(110_271_744);
    const vision = analyzeConfig(readFixtureConfig("google--siglip-so400m-patch14-384--vision_model"));
    expect(vision.model.layoutType).toBe("siglip_vision_model");
    expect(vision.parameters?.total).toBe(428_225_600);
    // 877,960,498 − 2 − text tower of so400m.
    expect(877_960_498 - 2 - 428_225_600).toBe(449_734_896);
    // Without the head it is the so400m tower Idefics3 uses (412,987,248).
    expect(totalOf({ ...readFixtureConfig("google--siglip-so400m-patch14-384--vision_model"), vision_use_head: false })).toBe(412_987_248);
  });

  it("defaults from configuration_siglip.py: an empty SiglipConfig is siglip-base-patch16-224's shape", () => {
    expect(totalOf({ architectures: ["SiglipModel"], model_type: "siglip" })).toBe(203_155_970);
  });
});

describe("siglip2 (modeling_siglip2.py, NaFlex)", () => {
  it("Siglip2Model siglip2-base-patch16-naflex: 375,234,050", () => {
    const config = readFixtureConfig("google--siglip2-base-patch16-naflex");
    const { parameters, model } = analyzeConfig(config);
    expect(model.layoutType).toBe("siglip2");
    // vision: patch Linear 768 × 768 + 768, positions num_patches 256 × 768, the rest as SigLIP.
    expect(parameters?.components).toEqual({ textModel: 282_303_744, visionModel: 92_930_304, projection: 2 });
    expect(parameters?.total).toBe(375_234_050);
    const s = shapes(config);
    expect(s.get("vision_model.embeddings.patch_embedding.weight")).toEqual([768, 768]);
    expect(s.get("vision_model.embeddings.position_embedding.weight")).toEqual([256, 768]);
    expect(s.get("text_model.embeddings.token_embedding.weight")).toEqual([256000, 768]);
  });

  it("num_patches, not an image size, sets the position table", () => {
    const config = readFixtureConfig("google--siglip2-base-patch16-naflex");
    const vision = config.vision_config as object;
    expect(totalOf({ ...config, vision_config: { ...vision, image_size: 512 } })).toBe(375_234_050);
    expect(totalOf({ ...config, vision_config: { ...vision, num_patches: 1024 } }) - 375_234_050).toBe(768 * 768);
  });

  it("Siglip2VisionModel and Siglip2ForImageClassification", () => {
    const config = readFixtureConfig("google--siglip2-base-patch16-naflex");
    expect(totalOf({ ...config, architectures: ["Siglip2VisionModel"] })).toBe(92_930_304);
    expect(totalOf({ ...config, architectures: ["Siglip2ForImageClassification"] })).toBe(92_930_304 + 2 * 768 + 2);
  });
});
