import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

const NAME = "zai-org--GLM-4.1V-9B-Thinking";

describe("glm4v (modeling_glm4v.py)", () => {
  it("GLM-4.1V-9B-Thinking: 10,292,777,472", () => {
    // Derived (Hub Model size 10.3B agrees). Vision: positions 576 × 1,536 = 884,736; patch conv
    // 1,536 × 3 × 2 × 14 × 14 + 1,536 = 1,807,872; 24 blocks × 28,314,624 (two RMSNorms 3,072, qkv
    // 4,608 × 1,536, proj 1,536², MLP 3 × 1,536 × 4,096: its width is out_hidden_size); two RMSNorms
    // 3,072 → 682,246,656. Projector: downsample 4,096 × 1,536 × 2 × 2 + 4,096 = 25,169,920; merger
    // proj 4,096², LayerNorm 8,192, gate/up/down 3 × 4,096 × 13,696 → 210,251,776. Language model:
    // GLM-4-9B-0414's 9,400,279,040.
    const { parameters } = analyzeConfig(readFixtureConfig(NAME));
    expect(parameters?.total).toBe(10_292_777_472);
    expect(parameters?.estimated).toBe(false);
    expect(parameters?.components).toEqual({ visionTower: 682_246_656, projector: 210_251_776, languageModel: 9_400_279_040 });
    expect(884_736 + 1_807_872 + 24 * 28_314_624 + 3_072).toBe(682_246_656);
    expect(totalOf(readFixtureConfig("zai-org--GLM-4-9B-0414"))).toBe(9_400_279_040);
  });

  it("tensor names and shapes", () => {
    const s = shapes(readFixtureConfig(NAME));
    expect(s.get("model.visual.embeddings.position_embedding.weight")).toEqual([576, 1536]);
    expect(s.get("model.visual.patch_embed.proj.weight")).toEqual([1536, 3, 2, 14, 14]);
    expect(s.get("model.visual.patch_embed.proj.bias")).toEqual([1536]);
    expect(s.has("model.visual.blocks.0.attn.qkv.bias")).toBe(false);
    expect(s.has("model.visual.blocks.0.norm1.bias")).toBe(false);
    expect(s.get("model.visual.blocks.23.mlp.gate_proj.weight")).toEqual([4096, 1536]);
    expect(s.get("model.visual.downsample.weight")).toEqual([4096, 1536, 2, 2]);
    expect(s.get("model.visual.merger.post_projection_norm.bias")).toEqual([4096]);
    expect(s.get("model.visual.merger.down_proj.weight")).toEqual([4096, 13696]);
    expect(s.get("model.language_model.layers.0.mlp.gate_up_proj.weight")).toEqual([27392, 4096]);
    expect(s.get("model.language_model.layers.39.post_mlp_layernorm.weight")).toEqual([4096]);
    expect(s.get("model.language_model.layers.0.self_attn.v_proj.bias")).toEqual([256]);
    expect(s.has("model.language_model.layers.0.self_attn.o_proj.bias")).toBe(false);
    expect(s.get("lm_head.weight")).toEqual([151552, 4096]);
  });

  it("Glm4vModel has no lm_head, no model. prefix", () => {
    const config = { ...readFixtureConfig(NAME), architectures: ["Glm4vModel"] };
    expect(totalOf(config)).toBe(10_292_777_472 - 151552 * 4096);
    expect(shapes(config).has("visual.merger.proj.weight")).toBe(true);
  });

  it("defaults from configuration_glm4v.py", () => {
    const config = readFixtureConfig(NAME);
    expect(totalOf({ ...config, vision_config: {} })).toBe(10_292_777_472);
    const { model } = analyzeConfig({ architectures: ["Glm4vForConditionalGeneration"], model_type: "glm4v", text_config: {} });
    expect([model.hiddenSize.value, model.intermediateSize.value, model.numLayers.value, model.numKvHeads.value, model.headDim.value, model.vocabSize.value]).toEqual([4096, 13696, 40, 2, 128, 151552]);
  });
});
