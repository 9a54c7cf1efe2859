import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

const NAME = "OpenGVLab--InternVL3-1B-hf";

describe("internvl (modeling_internvl.py, the -hf checkpoints)", () => {
  it("InternVL3-1B-hf: 938,193,024", () => {
    // The Hub safetensors total of OpenGVLab/InternVL2_5-1B, the same InternViT-300M + Qwen2.5-0.5B
    // layout with a 151,674-token vocabulary (GIMMICK's model table). By hand:
    // vision: cls 1,024 + patch conv 602,112 + 1,024 + positions 1,025 × 1,024 = 1,049,600; 24 layers
    // × 12,598,272 (biased q/k/v 3 × 1,049,600, projection_layer 1,049,600, fc1 4,198,400, fc2
    // 4,195,328, two LayerNorms 4,096, lambda_1/lambda_2 2,048) → 304,012,288; no final layernorm
    // (use_mean_pooling). projector: LayerNorm 2 × 4,096 + 896 × 4,096 + 896 + 896² + 896 = 4,482,816.
    // language model: Qwen2 layout, 135,899,904 embed + 24 × 14,912,384 + 896 = 493,798,016, and an
    // untied lm_head of 135,899,904.
    const { parameters } = analyzeConfig(readFixtureConfig(NAME));
    expect(parameters?.total).toBe(938_193_024);
    expect(parameters?.estimated).toBe(false);
    expect(parameters?.components).toEqual({ visionTower: 304_012_288, projector: 4_482_816, languageModel: 493_798_016 + 135_899_904 });
    expect(1_024 + 603_136 + 1_049_600 + 24 * 12_598_272).toBe(304_012_288);
  });

  it("names of InternVLForConditionalGeneration", () => {
    const s = shapes(readFixtureConfig(NAME));
    expect(s.get("model.vision_tower.embeddings.cls_token")).toEqual([1, 1, 1024]);
    expect(s.get("model.vision_tower.embeddings.patch_embeddings.projection.weight")).toEqual([1024, 3, 14, 14]);
    expect(s.get("model.vision_tower.embeddings.position_embeddings")).toEqual([1, 1025, 1024]);
    expect(s.get("model.vision_tower.encoder.layer.23.attention.q_proj.bias")).toEqual([1024]);
    expect(s.get("model.vision_tower.encoder.layer.0.attention.projection_layer.bias")).toEqual([1024]);
    expect(s.get("model.vision_tower.encoder.layer.0.lambda_1")).toEqual([1024]);
    expect(s.get("model.vision_tower.encoder.layer.0.layernorm_before.bias")).toEqual([1024]);
    expect(s.has("model.vision_tower.encoder.layer.0.attention.q_norm.weight")).toBe(false);
    expect(s.has("model.vision_tower.layernorm.weight")).toBe(false);
    expect(s.get("model.multi_modal_projector.layer_norm.weight")).toEqual([4096]);
    expect(s.get("model.multi_modal_projector.linear_1.weight")).toEqual([896, 4096]);
    expect(s.get("model.language_model.layers.0.self_attn.q_proj.bias")).toEqual([896]);
    expect(s.get("lm_head.weight")).toEqual([151674, 896]);
  });

  it("InternViT-6B options: qk norms, RMSNorm layers, no q/k/v bias, a final layernorm without mean pooling", () => {
    const config = readFixtureConfig(NAME);
    const vision = config.vision_config as Record<string, unknown>;
    const w = 1024;
    const six = { ...config, vision_config: { ...vision, use_qk_norm: true, norm_type: "rms_norm", attention_bias: false, use_mean_pooling: false } };
    // + 2 × w q/k norms per layer, − 2 × w LayerNorm biases, − 3 × w q/k/v biases; + final LayerNorm 2w.
    expect(totalOf(six) - totalOf(config)).toBe(24 * (2 * w - 2 * w - 3 * w) + 2 * w);
    const s = shapes(six);
    expect(s.get("model.vision_tower.encoder.layer.0.attention.k_norm.weight")).toEqual([1024]);
    expect(s.has("model.vision_tower.encoder.layer.0.layernorm_after.bias")).toBe(false);
  });

  it("the text model type decides the language model; downsample_ratio the projector width; InternVLModel has no head", () => {
    const config = readFixtureConfig(NAME);
    const text = config.text_config as Record<string, unknown>;
    const qwen3 = { ...config, text_config: { ...text, model_type: "qwen3", head_dim: 64 } };
    expect(shapes(qwen3).get("model.language_model.layers.0.self_attn.q_norm.weight")).toEqual([64]);
    expect(analyzeConfig(qwen3).parameters?.estimated).toBe(false);
    const quarter = { ...config, downsample_ratio: 0.25 };
    expect(totalOf(quarter) - totalOf(config)).toBe((16 - 4) * 1024 * (2 + 896));
    expect(totalOf({ ...config, architectures: ["InternVLModel"] })).toBe(938_193_024 - 151674 * 896);
    expect(totalOf({ ...config, text_config: { ...text, tie_word_embeddings: true } })).toBe(938_193_024 - 151674 * 896);
  });

  it("defaults from configuration_internvl.py: InternViT-300M at 448 px and a Qwen2 language model", () => {
    const config = readFixtureConfig(NAME);
    const bare = { ...config, vision_config: { attention_bias: true } };
    expect(totalOf(bare)).toBe(938_193_024);
    const { model } = analyzeConfig({ architectures: ["InternVLForConditionalGeneration"], model_type: "internvl", text_config: {} });
    expect(model.vocabSize.value).toBe(151936);
    expect(model.tieWordEmbeddings.value).toBe(false);
  });
});
