import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

const NAME = "meta-llama--Llama-3.2-11B-Vision-Instruct";

describe("mllama (modeling_mllama.py)", () => {
  it("Llama-3.2-11B-Vision-Instruct: 10,670,220,835, the Hub safetensors total", () => {
    // Hub safetensors total (GIMMICK's model table, floschne/gimmick). By hand:
    // vision: patch 1,280 × 3 × 14 × 14 = 752,640; class 1,280; gated positions 1 + 1,601 × 1,280 +
    // 9 × 4 × 1,601 × 1,280 = 75,823,361; pre/post tile embeddings 2 × (9 × 4 × 1,280 + 1) = 92,162;
    // layernorm_pre/post 5,120; 32 local layers × 19,672,320 (bias-free q/k/v/o 4 × 1,280², fc1
    // 5,120 × 1,280 + 5,120, fc2 1,280 × 5,120 + 1,280, two LayerNorms 5,120); 8 global layers ×
    // 19,672,322 (gate_attn, gate_ffn) → 863,567,379.
    // projector 7,680 × 4,096 + 4,096 = 31,461,376.
    // text: embed (128,256 + 8) × 4,096 = 525,369,344; 32 self-attention layers × 218,112,000;
    // 8 cross-attention layers × 218,112,258 (q_norm/k_norm 128 each, two gates); norm 4,096;
    // lm_head 128,256 × 4,096 = 525,336,576 → 9,775,192,080.
    const { parameters } = analyzeConfig(readFixtureConfig(NAME));
    expect(parameters?.total).toBe(10_670_220_835);
    expect(parameters?.estimated).toBe(false);
    expect(parameters?.components).toEqual({ visionTower: 863_567_379, projector: 31_461_376, languageModel: 9_775_192_080 });
    expect(752_640 + 1_280 + 75_823_361 + 92_162 + 5_120 + 32 * 19_672_320 + 8 * 19_672_322).toBe(863_567_379);
    expect(525_369_344 + 32 * 218_112_000 + 8 * 218_112_258 + 4_096 + 525_336_576).toBe(9_775_192_080);
  });

  it("tensor names and shapes of MllamaForConditionalGeneration", () => {
    const s = shapes(readFixtureConfig(NAME));
    expect(s.get("model.vision_model.patch_embedding.weight")).toEqual([1280, 3, 14, 14]);
    expect(s.has("model.vision_model.patch_embedding.bias")).toBe(false);
    expect(s.get("model.vision_model.gated_positional_embedding.embedding")).toEqual([1601, 1280]);
    expect(s.get("model.vision_model.gated_positional_embedding.tile_embedding.weight")).toEqual([9, 4 * 1601 * 1280]);
    expect(s.get("model.vision_model.pre_tile_positional_embedding.embedding.weight")).toEqual([9, 5120]);
    expect(s.get("model.vision_model.post_tile_positional_embedding.gate")).toEqual([1]);
    expect(s.get("model.vision_model.transformer.layers.31.mlp.fc1.bias")).toEqual([5120]);
    expect(s.has("model.vision_model.transformer.layers.0.gate_attn")).toBe(false);
    expect(s.get("model.vision_model.global_transformer.layers.7.gate_ffn")).toEqual([1]);
    expect(s.has("model.vision_model.global_transformer.layers.0.self_attn.q_proj.bias")).toBe(false);
    expect(s.get("model.multi_modal_projector.weight")).toEqual([4096, 7680]);
    expect(s.get("model.multi_modal_projector.bias")).toEqual([4096]);
    expect(s.get("model.language_model.embed_tokens.weight")).toEqual([128264, 4096]);
    expect(s.get("model.language_model.layers.3.cross_attn.k_norm.weight")).toEqual([128]);
    expect(s.get("model.language_model.layers.38.cross_attn_attn_gate")).toEqual([1]);
    expect(s.has("model.language_model.layers.3.self_attn.q_proj.weight")).toBe(false);
    expect(s.get("model.language_model.layers.4.self_attn.k_proj.weight")).toEqual([1024, 4096]);
    expect(s.has("model.language_model.layers.4.cross_attn_mlp_gate")).toBe(false);
    expect(s.get("lm_head.weight")).toEqual([128256, 4096]);
  });

  it("MllamaModel and MllamaForCausalLM", () => {
    const config = readFixtureConfig(NAME);
    expect(totalOf({ ...config, architectures: ["MllamaModel"] })).toBe(10_670_220_835 - 128256 * 4096);
    const causal = { ...config, architectures: ["MllamaForCausalLM"] };
    expect(totalOf(causal)).toBe(9_775_192_080);
    const s = shapes(causal);
    expect(s.has("model.embed_tokens.weight")).toBe(true);
    expect(s.has("model.vision_model.class_embedding")).toBe(false);
  });

  it("defaults from configuration_mllama.py: cross layers [3, 8, …, 38], 448 px, 8 aspect ratios for 4 tiles", () => {
    const config = readFixtureConfig(NAME);
    const text = { ...(config.text_config as Record<string, unknown>) };
    delete text.cross_attention_layers;
    expect(totalOf({ ...config, text_config: text })).toBe(10_670_220_835);
    const vision = { ...(config.vision_config as Record<string, unknown>) };
    delete vision.supported_aspect_ratios;
    expect(totalOf({ ...config, vision_config: vision })).toBe(10_670_220_835);
    delete vision.image_size;
    // 448 px: 32² + 1 = 1,025 positions instead of 1,601, in the position and tile tables.
    expect(totalOf(config) - totalOf({ ...config, vision_config: vision })).toBe((1601 - 1025) * 1280 * (1 + 9 * 4));
    const { model } = analyzeConfig({ architectures: ["MllamaForConditionalGeneration"], model_type: "mllama", text_config: {} });
    expect([model.hiddenSize.value, model.numLayers.value, model.numKvHeads.value, model.vocabSize.value, model.intermediateSize.value]).toEqual([4096, 40, 8, 128256, 14336]);
  });
});
