import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/** SigLIP So400m/14 at 896 px as Gemma 3 configures it (vision_use_head false), by hand below. */
const SIGLIP_896 = 416_866_032;

/**
 * Gemma3ForConditionalGeneration. Hub totals: google/gemma-3-4b-it 4,300,079,472 and
 * google/gemma-3-27b-it 27,432,406,640 (/work/shared/reference/README.md, "Multimodal repos";
 * the 4b number also as `sum(p.numel() for p in model.parameters())` of the loaded
 * Gemma3ForConditionalGeneration in public scripts). gemma-3-12b-it 12,187,325,040 from a public
 * list of Hub counts (secondary).
 */
const cases = [
  { fixture: "google--gemma-3-4b-it", total: 4_300_079_472, projector: 1152 * 2560 + 1152, hidden: 2560 },
  { fixture: "google--gemma-3-12b-it", total: 12_187_325_040, projector: 1152 * 3840 + 1152, hidden: 3840 },
  { fixture: "google--gemma-3-27b-it", total: 27_432_406_640, projector: 1152 * 5376 + 1152, hidden: 5376 },
];

describe("gemma3 with vision (modeling_gemma3.py)", () => {
  it.each(cases)("$fixture: $total", ({ fixture, total, projector, hidden }) => {
    const { parameters, facts } = analyzeConfig(readFixtureConfig(fixture));
    expect(parameters?.total).toBe(total);
    expect(parameters?.estimated).toBe(false);
    expect(parameters?.components).toEqual({ visionTower: SIGLIP_896, projector, languageModel: total - SIGLIP_896 - projector });
    expect(parameters?.breakdown.lmHead).toBeUndefined();
    expect(facts.dims.dModel).toBe(hidden);
    expect(facts.family).toBe("gemma3-multimodal");
  });

  it("the SigLIP tower by hand: 416,866,032", () => {
    // patch conv 1,152 × 3 × 14 × 14 + 1,152 bias = 678,528; positions (896 / 14)² = 4,096 × 1,152 =
    // 4,718,592; per layer q/k/v/out 4 × (1,152² + 1,152) = 5,313,024, two LayerNorms 4,608, fc1
    // 4,304 × 1,152 + 4,304 = 4,962,512, fc2 1,152 × 4,304 + 1,152 = 4,959,360 → 15,239,504 × 27 =
    // 411,466,608; post_layernorm 2,304; no pooling head.
    expect(678_528 + 4_718_592 + 27 * 15_239_504 + 2_304).toBe(SIGLIP_896);
  });

  it("gemma-3-4b's text_config names only widths and layers: the rest are Gemma3TextConfig's defaults", () => {
    const { model } = analyzeConfig(readFixtureConfig("google--gemma-3-4b-it"));
    expect(model.numHeads.value).toBe(8);
    expect(model.numKvHeads.value).toBe(4);
    expect(model.headDim.value).toBe(256);
    expect(model.vocabSize.value).toBe(262208);
    expect(model.vocabSize.origin).toBe("default");
    expect(model.tieWordEmbeddings.value).toBe(true);
    expect(model.slidingWindow.value).toBe(1024);
  });

  it("names as a current save_pretrained writes them", () => {
    const s = shapes(readFixtureConfig("google--gemma-3-4b-it"));
    expect(s.get("model.multi_modal_projector.mm_input_projection_weight")).toEqual([1152, 2560]);
    expect(s.get("model.multi_modal_projector.mm_soft_emb_norm.weight")).toEqual([1152]);
    expect(s.get("model.vision_tower.vision_model.embeddings.patch_embedding.bias")).toEqual([1152]);
    expect(s.get("model.vision_tower.vision_model.embeddings.position_embedding.weight")).toEqual([4096, 1152]);
    expect(s.get("model.vision_tower.vision_model.encoder.layers.26.mlp.fc1.weight")).toEqual([4304, 1152]);
    expect(s.has("model.vision_tower.vision_model.head.probe")).toBe(false);
    expect(s.get("model.language_model.embed_tokens.weight")).toEqual([262208, 2560]);
    expect(s.get("model.language_model.layers.33.self_attn.q_norm.weight")).toEqual([256]);
    expect(s.get("model.language_model.layers.33.pre_feedforward_layernorm.weight")).toEqual([2560]);
    expect(s.has("lm_head.weight")).toBe(false);
    expect(analyzeConfig(readFixtureConfig("google--gemma-3-4b-it")).parameters?.tied).toEqual([{ name: "lm_head.weight", tiedTo: "model.language_model.embed_tokens.weight" }]);
  });

  it("Gemma3Model has no prefix; Gemma3ForCausalLM with model_type gemma3_text stays the text model", () => {
    const s = shapes({ ...readFixtureConfig("google--gemma-3-4b-it"), architectures: ["Gemma3Model"] });
    expect(s.has("language_model.norm.weight")).toBe(true);
    expect(s.has("multi_modal_projector.mm_input_projection_weight")).toBe(true);
    const text = analyzeConfig(readFixtureConfig("google--gemma-3-1b-it"));
    expect(text.model.layoutType).toBe("gemma3_text");
    // Hub safetensors.total of google/gemma-3-1b-it (as in decoders.test.ts).
    expect(text.parameters?.total).toBe(999_885_952);
  });

  it("defaults from configuration_gemma3.py: no vision_config is SiglipVisionConfig() with its pooling head; tied head", () => {
    // SiglipVisionConfig(): 768 wide, 12 layers of FFN 3,072, 224 px / 16 → 196 patches. Patch conv
    // 590,592, positions 150,528, layers 12 × 7,087,872, post_layernorm 1,536, head (probe 768,
    // in_proj 3 × 768² + 3 × 768, out_proj 768² + 768, layernorm 1,536, MLP 2,362,368 + 2,360,064)
    // 7,087,104 → 92,884,224.
    const config = { architectures: ["Gemma3ForConditionalGeneration"], model_type: "gemma3", text_config: { hidden_size: 2560, intermediate_size: 10240, num_hidden_layers: 34 } };
    const { parameters, model } = analyzeConfig(config);
    expect(parameters?.components?.visionTower).toBe(590_592 + 150_528 + 12 * 7_087_872 + 1_536 + 7_087_104);
    expect(parameters?.components?.visionTower).toBe(92_884_224);
    expect(shapes(config).get("model.vision_tower.vision_model.head.attention.in_proj_weight")).toEqual([2304, 768]);
    // Gemma3Config builds Gemma3TextConfig whatever text_config says its type is.
    expect(model.vocabSize.value).toBe(262208);
    expect(model.tieWordEmbeddings.value).toBe(true);
    expect(totalOf({ ...config, text_config: { ...config.text_config, tie_word_embeddings: false } }) - totalOf(config)).toBe(262208 * 2560);
  });
});
