import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/** SigLIP So400m/14 at 224 px without its pooling head, by hand in the first test. */
const SIGLIP_SO400M_224 = 412_442_352;

describe("paligemma (modeling_paligemma.py)", () => {
  it("paligemma-3b-pt-224: 2,923,466,480", () => {
    // 2,923,466,480 is the sum of parameter numel printed for PaliGemma (fp16) in a public VLM
    // quantization benchmark. By hand:
    // vision: patch 1,152 × 3 × 14 × 14 + 1,152 = 678,528; positions 16² × 1,152 = 294,912;
    // 27 layers × (4 × (1,152² + 1,152) + 4,304 × 1,152 + 4,304 + 1,152 × 4,304 + 1,152 + 4 × 1,152
    // = 15,239,504); post_layernorm 2,304 → 412,442,352 (vision_use_head false: no head).
    // projector: linear 1,152 → 2,048 with bias = 2,361,344.
    // language model: Gemma-2B (MQA: 1 KV head of 256), vocab 257,216, tied:
    // 257,216 × 2,048 = 526,778,368 + 18 × (2,048² × 2 + 2 × 256 × 2,048 + 3 × 2,048 × 16,384 + 2 × 2,048
    // = 110,104,576) + 2,048 = 2,508,662,784.
    const { parameters } = analyzeConfig(readFixtureConfig("google--paligemma-3b-pt-224"));
    expect(678_528 + 294_912 + 27 * 15_239_504 + 2_304).toBe(SIGLIP_SO400M_224);
    expect(526_778_368 + 18 * 110_104_576 + 2_048).toBe(2_508_662_784);
    expect(parameters?.total).toBe(2_923_466_480);
    expect(parameters?.estimated).toBe(false);
    expect(parameters?.components).toEqual({ visionTower: SIGLIP_SO400M_224, projector: 2_361_344, languageModel: 2_508_662_784 });
  });

  it("names: SiglipVisionModel under vision_tower, one biased linear, tied lm_head", () => {
    const config = readFixtureConfig("google--paligemma-3b-pt-224");
    const s = shapes(config);
    expect(s.get("model.vision_tower.vision_model.embeddings.position_embedding.weight")).toEqual([256, 1152]);
    expect(s.has("model.vision_tower.vision_model.head.probe")).toBe(false);
    expect(s.get("model.multi_modal_projector.linear.weight")).toEqual([2048, 1152]);
    expect(s.get("model.multi_modal_projector.linear.bias")).toEqual([2048]);
    expect(s.get("model.language_model.layers.17.self_attn.k_proj.weight")).toEqual([256, 2048]);
    expect(s.has("lm_head.weight")).toBe(false);
    expect(analyzeConfig(config).inventory!.tied).toEqual([{ name: "lm_head.weight", tiedTo: "model.language_model.embed_tokens.weight" }]);
  });

  it("paligemma2-3b-pt-224: Gemma 2's four norms per layer; 3,032,242,416", () => {
    // Derived; Hub Model size 3.03B agrees. Gemma-2-2B with vocab 257,216: 257,216 × 2,304 = 592,625,664
    // + 26 × (2 × 2,048 × 2,304 + 2 × 1,024 × 2,304 + 3 × 2,304 × 9,216 + 4 × 2,304 = 77,865,984) + 2,304;
    // projector 1,152 × 2,304 + 2,304.
    const config = readFixtureConfig("google--paligemma2-3b-pt-224");
    const { parameters } = analyzeConfig(config);
    expect(parameters?.components).toEqual({ visionTower: SIGLIP_SO400M_224, projector: 2_656_512, languageModel: 592_625_664 + 26 * 77_865_984 + 2_304 });
    expect(parameters?.total).toBe(3_032_242_416);
    expect(shapes(config).get("model.language_model.layers.25.pre_feedforward_layernorm.weight")).toEqual([2304]);
  });

  it("a 448-px tower only grows the position table; PaliGemmaModel equals the tied head class", () => {
    const config = readFixtureConfig("google--paligemma-3b-pt-224");
    const big = { ...config, vision_config: { ...(config.vision_config as object), image_size: 448 } };
    expect(totalOf(big) - totalOf(config)).toBe((32 * 32 - 16 * 16) * 1152);
    expect(totalOf({ ...config, architectures: ["PaliGemmaModel"] })).toBe(2_923_466_480);
  });

  it("defaults from configuration_paligemma.py: no vision_config is So400m/14-224 with intermediate 4,096 and no head", () => {
    const config = readFixtureConfig("google--paligemma-3b-pt-224");
    const { vision_config: _v, ...rest } = config;
    const s = shapes(rest);
    expect(s.get("model.vision_tower.vision_model.encoder.layers.26.mlp.fc1.weight")).toEqual([4096, 1152]);
    expect(s.has("model.vision_tower.vision_model.head.probe")).toBe(false);
  });
});
