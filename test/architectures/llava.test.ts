import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/** CLIP ViT-L/14 at 336 px, by hand from modeling_clip.py (see the first test). */
const CLIP_L_336 = 303_507_456;

describe("llava (modeling_llava.py)", () => {
  it("llava-1.5-7b-hf: 7,063,427,072", () => {
    // `sum(p.numel() for p in model.parameters())` of LlavaForConditionalGeneration for
    // llava-hf/llava-1.5-7b-hf, as printed in two public sources. By hand:
    // vision tower: class_embedding 1,024 + patch 1,024 × 3 × 14 × 14 = 602,112 + positions
    // (24² + 1) × 1,024 = 590,848 + pre_layrnorm 2,048 + 24 layers × 12,596,224 + post_layernorm
    // 2,048 = 303,507,456 (all 24 layers are built, though vision_feature_layer -2 reads the 23rd).
    // projector: 1,024 × 4,096 + 4,096 + 4,096² + 4,096 = 20,979,712.
    // language model: Llama-2-7B's shape from LlamaConfig defaults (text_config names only vocab
    // 32,064 and positions): 32,064 × 4,096 = 131,334,144 embed + 32 × 202,383,360 + 4,096 norm,
    // and an untied lm_head of 131,334,144 → 6,738,939,904.
    const { parameters, facts } = analyzeConfig(readFixtureConfig("llava-hf--llava-1.5-7b-hf"));
    expect(parameters?.total).toBe(7_063_427_072);
    expect(parameters?.estimated).toBe(false);
    expect(parameters?.components).toEqual({ visionTower: CLIP_L_336, projector: 20_979_712, languageModel: 6_738_939_904 });
    expect(parameters?.breakdown.vision).toBe(CLIP_L_336);
    expect(parameters?.breakdown.projector).toBe(20_979_712);
    expect(1_024 + 602_112 + 590_848 + 2_048 + 24 * 12_596_224 + 2_048).toBe(CLIP_L_336);
    expect(facts.dims.dModel).toBe(4096);
    expect(facts.dims.nLayers).toBe(32);
  });

  it("text_config keys it leaves out take LlamaConfig's defaults", () => {
    const { model } = analyzeConfig(readFixtureConfig("llava-hf--llava-1.5-7b-hf"));
    expect(model.hiddenSize.value).toBe(4096);
    expect(model.hiddenSize.origin).toBe("default");
    expect(model.intermediateSize.value).toBe(11008);
    expect(model.numKvHeads.value).toBe(32);
    expect(model.vocabSize.value).toBe(32064);
    expect(model.vocabSize.pointer).toBe("/text_config/vocab_size");
    expect(model.tieWordEmbeddings.value).toBe(false);
  });

  it("names as a current save_pretrained writes them", () => {
    const s = shapes(readFixtureConfig("llava-hf--llava-1.5-7b-hf"));
    expect(s.get("model.vision_tower.vision_model.embeddings.class_embedding")).toEqual([1024]);
    expect(s.get("model.vision_tower.vision_model.embeddings.patch_embedding.weight")).toEqual([1024, 3, 14, 14]);
    expect(s.has("model.vision_tower.vision_model.embeddings.patch_embedding.bias")).toBe(false);
    expect(s.get("model.vision_tower.vision_model.embeddings.position_embedding.weight")).toEqual([577, 1024]);
    expect(s.get("model.vision_tower.vision_model.pre_layrnorm.weight")).toEqual([1024]);
    expect(s.get("model.vision_tower.vision_model.encoder.layers.23.mlp.fc1.weight")).toEqual([4096, 1024]);
    expect(s.get("model.vision_tower.vision_model.post_layernorm.bias")).toEqual([1024]);
    expect(s.get("model.multi_modal_projector.linear_1.weight")).toEqual([4096, 1024]);
    expect(s.get("model.multi_modal_projector.linear_2.bias")).toEqual([4096]);
    expect(s.get("model.language_model.embed_tokens.weight")).toEqual([32064, 4096]);
    expect(s.get("model.language_model.layers.31.mlp.down_proj.weight")).toEqual([4096, 11008]);
    expect(s.get("model.language_model.norm.weight")).toEqual([4096]);
    expect(s.get("lm_head.weight")).toEqual([32064, 4096]);
  });

  it("LlavaModel: no model. prefix and no lm_head", () => {
    const config = { ...readFixtureConfig("llava-hf--llava-1.5-7b-hf"), architectures: ["LlavaModel"] };
    expect(totalOf(config)).toBe(7_063_427_072 - 32064 * 4096);
    const s = shapes(config);
    expect(s.has("vision_tower.vision_model.post_layernorm.weight")).toBe(true);
    expect(s.has("language_model.embed_tokens.weight")).toBe(true);
  });

  it("projector: several vision_feature_layer concatenate; multimodal_projector_bias false drops both biases", () => {
    const config = readFixtureConfig("llava-hf--llava-1.5-7b-hf");
    expect(totalOf({ ...config, vision_feature_layer: [-2, -5, -8] }) - totalOf(config)).toBe(2 * 1024 * 4096);
    expect(totalOf(config) - totalOf({ ...config, multimodal_projector_bias: false })).toBe(2 * 4096);
  });

  it("a tied text model ties lm_head (LlavaConfig forwards text_config.tie_word_embeddings)", () => {
    const config = readFixtureConfig("llava-hf--llava-1.5-7b-hf");
    const tied = { ...config, tie_word_embeddings: undefined, text_config: { ...(config.text_config as object), tie_word_embeddings: true } };
    expect(totalOf(config) - totalOf(tied)).toBe(32064 * 4096);
  });

  it("defaults from configuration_llava.py: no vision_config is CLIP ViT-L/14-336; a text_config naming only its type takes that type's defaults", () => {
    // text_config {model_type: "mistral"}: MistralConfig's defaults are Mistral-7B-v0.1's shape,
    // 7,241,732,096 with its untied head (Mistral 7B announcement / Hub total of
    // mistralai/Mistral-7B-v0.1), the projector as above.
    const { parameters, model } = analyzeConfig({ architectures: ["LlavaForConditionalGeneration"], model_type: "llava", text_config: { model_type: "mistral" } });
    expect(model.numKvHeads.value).toBe(8);
    expect(model.intermediateSize.value).toBe(14336);
    expect(parameters?.components).toEqual({ visionTower: CLIP_L_336, projector: 20_979_712, languageModel: 7_241_732_096 });
    expect(parameters?.estimated).toBe(false);
    // No text_config at all: LlavaConfig builds LlamaConfig() (vocab 32,000).
    expect(analyzeConfig({ architectures: ["LlavaForConditionalGeneration"], model_type: "llava" }).parameters?.components?.languageModel).toBe(6_738_415_616);
  });

  it("a vision_config without keys is CLIPVisionConfig's defaults (ViT-B/32 at 224 px)", () => {
    const config = { ...readFixtureConfig("llava-hf--llava-1.5-7b-hf"), vision_config: { model_type: "clip_vision_model" } };
    const s = shapes(config);
    expect(s.get("model.vision_tower.vision_model.embeddings.position_embedding.weight")).toEqual([50, 768]);
    expect(s.get("model.vision_tower.vision_model.embeddings.patch_embedding.weight")).toEqual([768, 3, 32, 32]);
    expect(s.has("model.vision_tower.vision_model.encoder.layers.11.layer_norm2.weight")).toBe(true);
    expect(s.has("model.vision_tower.vision_model.encoder.layers.12.layer_norm2.weight")).toBe(false);
  });

  it("an unknown vision tower type is counted with CLIP's layout and marked estimated", () => {
    // (Pixtral's tower is known since pixtral.ts: an invented type stands in for an unknown one.)
    const config = { ...readFixtureConfig("llava-hf--llava-1.5-7b-hf"), vision_config: { model_type: "made_up_vision_model", hidden_size: 1024 } };
    const { parameters } = analyzeConfig(config);
    expect(parameters?.estimated).toBe(true);
  });
});
