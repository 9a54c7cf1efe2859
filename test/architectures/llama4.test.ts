import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

const SCOUT = "meta-llama--Llama-4-Scout-17B-16E-Instruct";

describe("llama4 (modeling_llama4.py)", () => {
  it("Llama-4-Scout-17B-16E-Instruct: 108,641,793,536, 17B active", () => {
    // Hub count 108,641,793,536 (quoted in public model-size tables). By hand:
    // vision: unfold linear 1,408 × 588 = 827,904; class 1,408; positions 577 × 1,408 = 812,416;
    // layernorm_pre/post 5,632; 34 layers × 23,807,872 (biased q/k/v/o 4 × (1,408² + 1,408), fc1
    // 5,632 × 1,408 + 5,632, fc2 1,408 × 5,632 + 1,408, two LayerNorms 5,632); adapter fc1
    // 4,096 × 5,632 + fc2 4,096² = 39,845,888 → 850,960,896.
    // projector 5,120 × 4,096 = 20,971,520.
    // text: embed 202,048 × 5,120 = 1,034,485,760; 48 MoE layers × 2,202,101,760 (attention
    // 62,914,560, router 81,920, experts 16 × 3 × 5,120 × 8,192 = 2,013,265,920, shared expert
    // 125,829,120, two RMSNorms 10,240); norm 5,120; lm_head 1,034,485,760.
    const { parameters } = analyzeConfig(readFixtureConfig(SCOUT));
    expect(parameters?.total).toBe(108_641_793_536);
    expect(parameters?.estimated).toBe(false);
    expect(parameters?.components).toEqual({ visionTower: 850_960_896, projector: 20_971_520, languageModel: 107_769_861_120 });
    expect(1_034_485_760 * 2 + 48 * 2_202_101_760 + 5_120).toBe(107_769_861_120);
    // One routed expert of 16 per token: 15/16 of the routed experts idle.
    expect(parameters?.active).toBe(108_641_793_536 - 48 * 15 * 3 * 5120 * 8192);
    expect(parameters?.active).toBe(18_044_827_136);
  });

  it("fused experts [E, d, 2·ff] and [E, ff, d], shared expert, router; Meta's checkpoint names", () => {
    const s = shapes(readFixtureConfig(SCOUT));
    expect(s.get("language_model.model.layers.0.feed_forward.experts.gate_up_proj")).toEqual([16, 5120, 16384]);
    expect(s.get("language_model.model.layers.47.feed_forward.experts.down_proj")).toEqual([16, 8192, 5120]);
    expect(s.get("language_model.model.layers.0.feed_forward.router.weight")).toEqual([16, 5120]);
    expect(s.get("language_model.model.layers.0.feed_forward.shared_expert.down_proj.weight")).toEqual([5120, 8192]);
    expect(s.has("language_model.model.layers.0.self_attn.q_norm.weight")).toBe(false);
    expect(s.get("language_model.lm_head.weight")).toEqual([202048, 5120]);
    expect(s.get("vision_model.patch_embedding.linear.weight")).toEqual([1408, 588]);
    expect(s.get("vision_model.positional_embedding_vlm")).toEqual([577, 1408]);
    expect(s.get("vision_model.model.layers.33.self_attn.o_proj.bias")).toEqual([1408]);
    expect(s.get("vision_model.vision_adapter.mlp.fc1.weight")).toEqual([4096, 5632]);
    expect(s.has("vision_model.vision_adapter.mlp.fc1.bias")).toBe(false);
    expect(s.get("multi_modal_projector.linear_1.weight")).toEqual([5120, 4096]);
  });

  it("interleave_moe_layer_step: Maverick's layout, dense layers of intermediate_size_mlp (401,583,781,376, Fireworks' count)", () => {
    const config = readFixtureConfig(SCOUT);
    const text = config.text_config as Record<string, unknown>;
    const maverick = { ...config, text_config: { ...text, interleave_moe_layer_step: 2, num_local_experts: 128 } };
    expect(totalOf(maverick)).toBe(401_583_781_376);
    const s = shapes(maverick);
    expect(s.get("language_model.model.layers.0.feed_forward.gate_proj.weight")).toEqual([16384, 5120]);
    expect(s.get("language_model.model.layers.1.feed_forward.experts.gate_up_proj")).toEqual([128, 5120, 16384]);
    // An explicit moe_layers list wins over the step.
    expect(totalOf({ ...config, text_config: { ...text, interleave_moe_layer_step: 2, num_local_experts: 128, moe_layers: Array.from({ length: 24 }, (_, k) => 2 * k + 1) } })).toBe(401_583_781_376);
  });

  it("Llama4ForCausalLM: text only, model.* and lm_head", () => {
    const causal = { ...readFixtureConfig(SCOUT), architectures: ["Llama4ForCausalLM"] };
    expect(totalOf(causal)).toBe(107_769_861_120);
    const s = shapes(causal);
    expect(s.has("model.embed_tokens.weight")).toBe(true);
    expect(s.has("lm_head.weight")).toBe(true);
    expect(s.has("vision_model.class_embedding")).toBe(false);
  });

  it("defaults from configuration_llama4.py", () => {
    const { model } = analyzeConfig({ architectures: ["Llama4ForConditionalGeneration"], model_type: "llama4", text_config: {} });
    expect([model.hiddenSize.value, model.numLayers.value, model.numHeads.value, model.numKvHeads.value, model.headDim.value, model.vocabSize.value, model.numExperts.value, model.expertsPerToken.value]).toEqual([5120, 48, 40, 8, 128, 202048, 16, 1]);
  });
});
