import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));
const NAME = "CohereLabs--aya-vision-8b";

describe("aya_vision (modeling_aya_vision.py)", () => {
  it("aya-vision-8b: 8,631,842,032", () => {
    // Derived; Hub Model size 8.63B agrees. By hand:
    // vision: SigLIP So400m/14 at 364 px, no head: 678,528 + 26² × 1,152 = 778,752 + 27 × 15,239,504
    // + 2,304 = 412,926,192.
    // projector: LayerNorm over 1,152 × 2² = 4,608 (weight + bias 9,216) + linear_1 4,608 × 28,672 +
    // 28,672 = 132,149,248 + linear_2 (28,672 / 2 = 14,336) × 4,096 + 4,096 = 58,724,352 → 190,882,816.
    // language model: Command R7B (Cohere 2): 256,000 × 4,096 = 1,048,576,000 + 32 × (2 × 4,096² +
    // 2 × 1,024 × 4,096 + 3 × 4,096 × 14,336 + 4,096 = 218,107,904) + 4,096 = 8,028,033,024, tied head.
    const { parameters } = analyzeConfig(readFixtureConfig(NAME));
    expect(1_048_576_000 + 32 * 218_107_904 + 4_096).toBe(8_028_033_024);
    expect(9_216 + 132_149_248 + 58_724_352).toBe(190_882_816);
    expect(parameters?.total).toBe(8_631_842_032);
    expect(parameters?.estimated).toBe(false);
    expect(parameters?.components).toEqual({ visionTower: 412_926_192, projector: 190_882_816, languageModel: 8_028_033_024 });
  });

  it("names: biased LayerNorm and linears, halved linear_2 input, Cohere 2's single norm per layer, tied head", () => {
    const config = readFixtureConfig(NAME);
    const s = shapes(config);
    expect(s.get("model.multi_modal_projector.layernorm.bias")).toEqual([4608]);
    expect(s.get("model.multi_modal_projector.linear_1.weight")).toEqual([28672, 4608]);
    expect(s.get("model.multi_modal_projector.linear_2.weight")).toEqual([4096, 14336]);
    expect(s.get("model.multi_modal_projector.linear_2.bias")).toEqual([4096]);
    expect(s.get("model.language_model.layers.31.input_layernorm.weight")).toEqual([4096]);
    expect(s.has("model.language_model.layers.31.post_attention_layernorm.weight")).toBe(false);
    expect(s.has("model.vision_tower.vision_model.head.probe")).toBe(false);
    expect(s.has("lm_head.weight")).toBe(false);
    expect(analyzeConfig(config).inventory!.tied).toEqual([{ name: "lm_head.weight", tiedTo: "model.language_model.embed_tokens.weight" }]);
  });

  it("alignment_intermediate_size defaults to the text width; downsample_factor widens the LayerNorm and linear_1", () => {
    const config = readFixtureConfig(NAME);
    const { alignment_intermediate_size: _a, ...noAlign } = config;
    const s = shapes(noAlign);
    expect(s.get("model.multi_modal_projector.linear_1.weight")).toEqual([4096, 4608]);
    expect(s.get("model.multi_modal_projector.linear_2.weight")).toEqual([4096, 2048]);
    expect(totalOf({ ...config, downsample_factor: 3 }) - totalOf(config)).toBe((9 - 4) * 1152 * (2 + 28672));
  });

  it("AyaVisionConfig's defaults: text_config without a type is Cohere 2; no vision_config is SigLIP/14-384 with 26 layers", () => {
    const config = readFixtureConfig(NAME);
    const { model_type: _t, ...text } = config.text_config as Record<string, unknown>;
    expect(totalOf({ ...config, text_config: text })).toBe(8_631_842_032);
    const { vision_config: _v, ...noVision } = config;
    const s = shapes(noVision);
    expect(s.get("model.vision_tower.vision_model.embeddings.position_embedding.weight")).toEqual([729, 1152]);
    expect(s.has("model.vision_tower.vision_model.encoder.layers.25.mlp.fc1.weight")).toBe(true);
    expect(s.has("model.vision_tower.vision_model.encoder.layers.26.mlp.fc1.weight")).toBe(false);
  });
});
