import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/** CLIP ViT-L/14 at 336 px (llava.test.ts derives it by hand). */
const CLIP_L_336 = 303_507_456;

describe("llava_next (modeling_llava_next.py)", () => {
  it("llava-v1.6-mistral-7b-hf: 7,566,747,648", () => {
    // Derived from modeling_llava_next.py; Hub Model size 7.57B agrees. By hand:
    // vision: CLIP ViT-L/14-336, 303,507,456 (all 24 layers built).
    // projector: 1,024 × 4,096 + 4,096 + 4,096² + 4,096 = 20,979,712, plus image_newline [4,096].
    // language model: Mistral-7B-Instruct-v0.2 shape with vocab 32,064: 32,064 × 4,096 = 131,334,144
    // embed + 32 × (2 × 4,096² + 2 × 1,024 × 4,096 + 3 × 4,096 × 14,336 + 2 × 4,096 = 218,112,000)
    // + 4,096 norm = 7,110,922,240; untied lm_head 131,334,144.
    const { parameters } = analyzeConfig(readFixtureConfig("llava-hf--llava-v1.6-mistral-7b-hf"));
    expect(32 * 218_112_000 + 131_334_144 + 4_096).toBe(7_110_922_240);
    expect(parameters?.total).toBe(CLIP_L_336 + 20_979_712 + 4_096 + 7_110_922_240 + 131_334_144);
    expect(parameters?.total).toBe(7_566_747_648);
    expect(parameters?.estimated).toBe(false);
    expect(parameters?.components).toEqual({ visionTower: CLIP_L_336, projector: 20_983_808, languageModel: 7_242_256_384 });
  });

  it("image_newline is one text-width vector on the base model", () => {
    const s = shapes(readFixtureConfig("llava-hf--llava-v1.6-mistral-7b-hf"));
    expect(s.get("model.image_newline")).toEqual([4096]);
    expect(s.get("model.multi_modal_projector.linear_1.weight")).toEqual([4096, 1024]);
    expect(s.get("model.vision_tower.vision_model.embeddings.class_embedding")).toEqual([1024]);
    expect(s.get("model.language_model.layers.31.self_attn.k_proj.weight")).toEqual([1024, 4096]);
    expect(s.get("lm_head.weight")).toEqual([32064, 4096]);
    const base = shapes({ ...readFixtureConfig("llava-hf--llava-v1.6-mistral-7b-hf"), architectures: ["LlavaNextModel"] });
    expect(base.get("image_newline")).toEqual([4096]);
    expect(base.has("lm_head.weight")).toBe(false);
  });

  it("defaults from configuration_llava_next.py: no vision_config is CLIP ViT-L/14-336, no text_config LlamaConfig()", () => {
    const { parameters } = analyzeConfig({ architectures: ["LlavaNextForConditionalGeneration"], model_type: "llava_next" });
    // LlamaConfig(): 6,738,415,616 with its untied head (llava.test.ts); projector 20,979,712 + newline 4,096.
    expect(parameters?.components).toEqual({ visionTower: CLIP_L_336, projector: 20_983_808, languageModel: 6_738_415_616 });
  });
});

describe("llava_onevision (modeling_llava_onevision.py)", () => {
  it("llava-onevision-qwen2-0.5b-ov-hf: 893,675,552", () => {
    // Derived; Hub Model size 894M agrees. By hand:
    // vision: SigLIP So400m/14-384, 26 layers, no head: patch 1,152 × 3 × 14 × 14 + 1,152 = 678,528;
    // positions 27² × 1,152 = 839,808; per layer 4 × (1,152² + 1,152) + 2 × 1,152 × 4,304 + 4,304 +
    // 1,152 + 4 × 1,152 = 15,239,504; post_layernorm 2,304 → 397,747,744.
    // projector: 1,152 × 896 + 896 + 896² + 896 = 1,836,800, plus image_newline [896].
    // language model: Qwen2-0.5B with vocab 152,000, tied: 152,000 × 896 + 24 × 14,912,384 + 896.
    const { parameters } = analyzeConfig(readFixtureConfig("llava-hf--llava-onevision-qwen2-0.5b-ov-hf"));
    expect(678_528 + 839_808 + 26 * 15_239_504 + 2_304).toBe(397_747_744);
    expect(152_000 * 896 + 24 * 14_912_384 + 896).toBe(494_090_112);
    expect(parameters?.total).toBe(893_675_552);
    expect(parameters?.components).toEqual({ visionTower: 397_747_744, projector: 1_837_696, languageModel: 494_090_112 });
  });

  it("SigLIP tower without head, Qwen2 biases on q/k/v, tied head", () => {
    const config = readFixtureConfig("llava-hf--llava-onevision-qwen2-0.5b-ov-hf");
    const s = shapes(config);
    expect(s.get("model.vision_tower.vision_model.embeddings.patch_embedding.bias")).toEqual([1152]);
    expect(s.has("model.vision_tower.vision_model.head.probe")).toBe(false);
    expect(s.has("model.vision_tower.vision_model.embeddings.class_embedding")).toBe(false);
    expect(s.get("model.language_model.layers.0.self_attn.q_proj.bias")).toEqual([896]);
    expect(s.has("model.language_model.layers.0.self_attn.o_proj.bias")).toBe(false);
    expect(s.get("model.image_newline")).toEqual([896]);
    expect(analyzeConfig(config).inventory!.tied).toContainEqual({ name: "lm_head.weight", tiedTo: "model.language_model.embed_tokens.weight" });
  });

  it("a vision_config naming no type is SigLIP, whose head is built unless vision_use_head is false", () => {
    const config = readFixtureConfig("llava-hf--llava-onevision-qwen2-0.5b-ov-hf");
    const { model_type: _drop, vision_use_head: _head, ...vision } = config.vision_config as Record<string, unknown>;
    const s = shapes({ ...config, vision_config: vision });
    expect(s.get("model.vision_tower.vision_model.head.probe")).toEqual([1, 1, 1152]);
    // Head: probe 1,152 + in_proj 3 × 1,152² + 3 × 1,152 + out_proj 1,152² + 1,152 + LayerNorm 2,304 + MLP 2 × 1,152 × 4,304 + 4,304 + 1,152.
    const head = 1152 + 3 * 1152 * 1152 + 3 * 1152 + 1152 * 1152 + 1152 + 2304 + 2 * 1152 * 4304 + 4304 + 1152;
    expect(totalOf({ ...config, vision_config: vision }) - totalOf(config)).toBe(head);
  });
});

describe("llava with a Pixtral tower (mistral-community/pixtral-12b)", () => {
  it("pixtral-12b: 12,682,739,712", () => {
    // Derived; Hub Model size 12.7B agrees. By hand:
    // Pixtral tower: patch_conv 1,024 × 3 × 16 × 16 = 786,432 (no bias), ln_pre 1,024, 24 layers ×
    // (4 × 1,024² + 3 × 1,024 × 4,096 + 2 × 1,024 = 16,779,264) → 403,489,792. No position tensors (2D RoPE buffer).
    // projector (LlavaConfig: biased): 1,024 × 5,120 + 5,120 + 5,120² + 5,120 = 31,467,520.
    // language model: Mistral-Nemo (head_dim 128, 40 layers, vocab 131,072), untied: 12,247,782,400,
    // the published total of Mistral-Nemo-Instruct-2407.
    const { parameters } = analyzeConfig(readFixtureConfig("mistral-community--pixtral-12b"));
    expect(786_432 + 1_024 + 24 * 16_779_264).toBe(403_489_792);
    expect(parameters?.total).toBe(12_682_739_712);
    expect(parameters?.estimated).toBe(false);
    expect(parameters?.components).toEqual({ visionTower: 403_489_792, projector: 31_467_520, languageModel: 12_247_782_400 });
  });

  it("names of PixtralVisionModel under model.vision_tower", () => {
    const s = shapes(readFixtureConfig("mistral-community--pixtral-12b"));
    expect(s.get("model.vision_tower.patch_conv.weight")).toEqual([1024, 3, 16, 16]);
    expect(s.has("model.vision_tower.patch_conv.bias")).toBe(false);
    expect(s.get("model.vision_tower.ln_pre.weight")).toEqual([1024]);
    expect(s.has("model.vision_tower.ln_pre.bias")).toBe(false);
    expect(s.get("model.vision_tower.transformer.layers.23.attention.o_proj.weight")).toEqual([1024, 1024]);
    expect(s.has("model.vision_tower.transformer.layers.23.attention.q_proj.bias")).toBe(false);
    expect(s.get("model.vision_tower.transformer.layers.0.feed_forward.gate_proj.weight")).toEqual([4096, 1024]);
    expect(s.get("model.vision_tower.transformer.layers.0.ffn_norm.weight")).toEqual([1024]);
    expect(s.get("model.language_model.layers.0.self_attn.q_proj.weight")).toEqual([4096, 5120]);
  });

  it("the image size changes nothing (positions are a RoPE buffer)", () => {
    const config = readFixtureConfig("mistral-community--pixtral-12b");
    expect(totalOf({ ...config, vision_config: { ...(config.vision_config as object), image_size: 2048 } })).toBe(totalOf(config));
  });
});
