import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

const DENSE = "Qwen--Qwen3-VL-8B-Instruct";
const MOE = "Qwen--Qwen3-VL-30B-A3B-Instruct";

describe("qwen3_vl (modeling_qwen3_vl.py)", () => {
  it("Qwen3-VL-8B-Instruct: 8,767,123,696, the Hub safetensors total", () => {
    // Vision: patch conv 1,152 × 3 × 2 × 16 × 16 + 1,152 = 1,770,624; pos_embed 2,304 × 1,152 =
    // 2,654,208; 27 blocks × 15,239,504 (LayerNorms 4,608, qkv 3,456 × 1,152 + 3,456, proj 1,152² +
    // 1,152, linear_fc1 4,304 × 1,152 + 4,304, linear_fc2 1,152 × 4,304 + 1,152) → 415,891,440.
    // Mergers: merger (LayerNorm over 1,152) 40,119,040 and three deepstack mergers (LayerNorm over
    // 4,608) 40,125,952 each → 160,496,896. Language model: Qwen3-8B's 8,190,735,360, lm_head untied.
    const { parameters } = analyzeConfig(readFixtureConfig(DENSE));
    expect(parameters?.total).toBe(8_767_123_696);
    expect(parameters?.components).toEqual({ visionTower: 415_891_440, projector: 160_496_896, languageModel: 8_190_735_360 });
    expect(1_770_624 + 2_654_208 + 27 * 15_239_504).toBe(415_891_440);
    expect(40_119_040 + 3 * 40_125_952).toBe(160_496_896);
  });

  it("biased patch conv, learned pos_embed, deepstack mergers normed after the shuffle, Qwen3 q/k norms", () => {
    const s = shapes(readFixtureConfig(DENSE));
    expect(s.get("model.visual.patch_embed.proj.weight")).toEqual([1152, 3, 2, 16, 16]);
    expect(s.get("model.visual.patch_embed.proj.bias")).toEqual([1152]);
    expect(s.get("model.visual.pos_embed.weight")).toEqual([2304, 1152]);
    expect(s.get("model.visual.blocks.26.mlp.linear_fc1.weight")).toEqual([4304, 1152]);
    expect(s.get("model.visual.merger.norm.weight")).toEqual([1152]);
    expect(s.get("model.visual.deepstack_merger_list.2.norm.weight")).toEqual([4608]);
    expect(s.get("model.visual.deepstack_merger_list.0.linear_fc2.weight")).toEqual([4096, 4608]);
    expect(s.has("model.visual.deepstack_merger_list.3.norm.weight")).toBe(false);
    expect(s.get("model.language_model.layers.35.self_attn.q_norm.weight")).toEqual([128]);
    expect(s.has("model.language_model.layers.0.self_attn.q_proj.bias")).toBe(false);
    expect(s.get("lm_head.weight")).toEqual([151936, 4096]);
  });

  it("one merger per deepstack_visual_indexes entry; Qwen3VLModel has no lm_head", () => {
    const config = readFixtureConfig(DENSE);
    const vision = config.vision_config as Record<string, unknown>;
    expect(totalOf(config) - totalOf({ ...config, vision_config: { ...vision, deepstack_visual_indexes: [8] } })).toBe(2 * 40_125_952);
    expect(totalOf(config) - totalOf({ ...config, architectures: ["Qwen3VLModel"] })).toBe(151936 * 4096);
    expect(shapes({ ...config, architectures: ["Qwen3VLModel"] }).has("visual.pos_embed.weight")).toBe(true);
  });

  it("defaults from configuration_qwen3_vl.py", () => {
    const { model } = analyzeConfig({ architectures: ["Qwen3VLForConditionalGeneration"], model_type: "qwen3_vl", text_config: { model_type: "qwen3_vl_text" } });
    expect([model.hiddenSize.value, model.intermediateSize.value, model.numLayers.value, model.numKvHeads.value, model.headDim.value, model.vocabSize.value]).toEqual([4096, 22016, 32, 32, 128, 151936]);
    expect(model.tieWordEmbeddings.value).toBe(false);
  });
});

describe("qwen3_vl_moe (modeling_qwen3_vl_moe.py)", () => {
  it("Qwen3-VL-30B-A3B-Instruct: 31,070,754,032, 3.89B active", () => {
    // The 8B's vision tower with mergers to 2,048 (30,679,808 + 3 × 30,686,720) and Qwen3-30B-A3B's
    // 30,532,122,624. Active: all but 120 of 128 experts in each of 48 layers
    // (120 × 3 × 2,048 × 768 × 48 = 27,179,089,920).
    const { parameters } = analyzeConfig(readFixtureConfig(MOE));
    expect(parameters?.total).toBe(31_070_754_032);
    expect(parameters?.components).toEqual({ visionTower: 415_891_440, projector: 30_679_808 + 3 * 30_686_720, languageModel: 30_532_122_624 });
    expect(parameters?.active).toBe(31_070_754_032 - 120 * 3 * 2048 * 768 * 48);
  });

  it("fused experts as the checkpoint stores them, a bias-free router, no shared expert", () => {
    const s = shapes(readFixtureConfig(MOE));
    expect(s.get("model.language_model.layers.47.mlp.experts.gate_up_proj")).toEqual([128, 2048, 1536]);
    expect(s.get("model.language_model.layers.0.mlp.experts.down_proj")).toEqual([128, 768, 2048]);
    expect(s.get("model.language_model.layers.0.mlp.gate.weight")).toEqual([128, 2048]);
    expect(s.has("model.language_model.layers.0.mlp.gate.bias")).toBe(false);
    expect(s.has("model.language_model.layers.0.mlp.shared_expert.gate_proj.weight")).toBe(false);
    expect(s.get("model.visual.merger.linear_fc2.weight")).toEqual([2048, 4608]);
  });

  it("mlp_only_layers and decoder_sparse_step make dense layers of intermediate_size", () => {
    const config = readFixtureConfig(MOE);
    const text = config.text_config as Record<string, unknown>;
    const s = shapes({ ...config, text_config: { ...text, decoder_sparse_step: 2 } });
    expect(s.get("model.language_model.layers.0.mlp.gate_proj.weight")).toEqual([6144, 2048]);
    expect(s.get("model.language_model.layers.1.mlp.experts.gate_up_proj")).toEqual([128, 2048, 1536]);
    const moeLayer = 128 * 2048 + 128 * 3 * 2048 * 768;
    expect(totalOf(config) - totalOf({ ...config, text_config: { ...text, mlp_only_layers: [0, 47] } })).toBe(2 * (moeLayer - 3 * 6144 * 2048));
  });
});
