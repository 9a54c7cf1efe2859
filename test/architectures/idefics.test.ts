import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/** One SigLIP So400m encoder layer: 4 × (1,152² + 1,152) + 2 × 1,152 × 4,304 + 4,304 + 1,152 + 4 × 1,152. */
const SO400M_LAYER = 15_239_504;

describe("idefics2 (modeling_idefics2.py)", () => {
  it("idefics2-8b: 8,402,768,112", () => {
    // Derived from modeling_idefics2.py; Hub Model size 8.4B agrees. By hand:
    // vision: patch 678,528 + positions (980 / 14)² = 4,900 × 1,152 = 5,644,800 + 27 × 15,239,504
    // + post_layernorm 2,304 = 417,792,240.
    // connector: modality_projection SwiGLU 2 × 14,336 × 1,152 + 4,096 × 14,336 = 91,750,400 (the text
    // model's intermediate size); perceiver: latents 64 × 4,096 = 262,144 + 3 layers × (3 × 4,096 norms
    // + q 1,536 × 4,096 + k, v 2 × 384 × 4,096 + o 4,096 × 1,536 + MLP 3 × 4,096 × 16,384 = 217,067,520)
    // + norm 4,096 = 651,468,800 → 743,219,200.
    // text: Mistral-7B with vocab 32,003: 131,084,288 + 32 × 218,112,000 + 4,096; untied lm_head 131,084,288.
    const { parameters } = analyzeConfig(readFixtureConfig("HuggingFaceM4--idefics2-8b"));
    expect(678_528 + 5_644_800 + 27 * SO400M_LAYER + 2_304).toBe(417_792_240);
    expect(91_750_400 + 262_144 + 3 * 217_067_520 + 4_096).toBe(743_219_200);
    expect(parameters?.total).toBe(8_402_768_112);
    expect(parameters?.estimated).toBe(false);
    expect(parameters?.components).toEqual({ visionTower: 417_792_240, projector: 743_219_200, languageModel: 2 * 131_084_288 + 32 * 218_112_000 + 4_096 });
  });

  it("names: model.vision_model (no vision_model.vision_model), model.connector, model.text_model", () => {
    const s = shapes(readFixtureConfig("HuggingFaceM4--idefics2-8b"));
    expect(s.get("model.vision_model.embeddings.position_embedding.weight")).toEqual([4900, 1152]);
    expect(s.get("model.vision_model.encoder.layers.26.self_attn.out_proj.bias")).toEqual([1152]);
    expect(s.get("model.connector.modality_projection.gate_proj.weight")).toEqual([14336, 1152]);
    expect(s.get("model.connector.perceiver_resampler.latents")).toEqual([64, 4096]);
    expect(s.get("model.connector.perceiver_resampler.layers.2.self_attn.k_proj.weight")).toEqual([384, 4096]);
    expect(s.has("model.connector.perceiver_resampler.layers.2.self_attn.q_proj.bias")).toBe(false);
    expect(s.get("model.connector.perceiver_resampler.layers.2.mlp.up_proj.weight")).toEqual([16384, 4096]);
    expect(s.get("model.connector.perceiver_resampler.norm.weight")).toEqual([4096]);
    expect(s.get("model.text_model.embed_tokens.weight")).toEqual([32003, 4096]);
    expect(s.get("lm_head.weight")).toEqual([32003, 4096]);
    expect(s.has("model.vision_model.head.probe")).toBe(false);
  });

  it("defaults from configuration_idefics2.py: perceiver 64 latents, depth 3, 16 × 96 heads, 4 KV heads", () => {
    const config = readFixtureConfig("HuggingFaceM4--idefics2-8b");
    expect(totalOf({ ...config, perceiver_config: {} })).toBe(8_402_768_112);
    expect(totalOf({ ...config, perceiver_config: { resampler_n_latents: 128 } }) - totalOf(config)).toBe(64 * 4096);
  });
});

describe("idefics3 (modeling_idefics3.py)", () => {
  it("SmolVLM-Instruct: 2,246,272,880", () => {
    // Derived; Hub Model size 2.25B agrees. By hand:
    // vision: 678,528 + (384 / 14 = 27)² × 1,152 = 839,808 + 27 × 15,239,504 + 2,304 = 412,987,248.
    // connector: modality_projection.proj [2,048, 1,152 × 3²] = 21,233,664 (no bias).
    // text: SmolLM2-1.7B with vocab 49,155: 49,155 × 2,048 = 100,669,440 + 24 × (4 × 2,048² + 3 × 2,048 ×
    // 8,192 + 2 × 2,048 = 67,112,960) + 2,048, and an untied lm_head 100,669,440.
    const { parameters } = analyzeConfig(readFixtureConfig("HuggingFaceTB--SmolVLM-Instruct"));
    expect(678_528 + 839_808 + 27 * SO400M_LAYER + 2_304).toBe(412_987_248);
    expect(parameters?.components).toEqual({ visionTower: 412_987_248, projector: 21_233_664, languageModel: 2 * 100_669_440 + 24 * 67_112_960 + 2_048 });
    expect(parameters?.total).toBe(2_246_272_880);
  });

  it("SmolVLM-256M-Instruct: 256,484,928 (published count), scale_factor 4", () => {
    // Published: 256,484,928 total unique parameters. By hand: vision (SigLIP-B/16 at 512 px):
    // 768 × 3 × 16 × 16 + 768 + 32² × 768 + 12 × 7,087,872 + 1,536 = 86,433,024; proj 576 × 768 × 16 =
    // 7,077,888; SmolLM2-135M 134,588,736 + untied lm_head 49,280 × 576 = 28,385,280.
    const { parameters } = analyzeConfig(readFixtureConfig("HuggingFaceTB--SmolVLM-256M-Instruct"));
    expect(parameters?.components).toEqual({ visionTower: 86_433_024, projector: 7_077_888, languageModel: 134_588_736 + 28_385_280 });
    expect(parameters?.total).toBe(256_484_928);
  });

  it("names and the connector's pixel-shuffle width", () => {
    const config = readFixtureConfig("HuggingFaceTB--SmolVLM-Instruct");
    const s = shapes(config);
    expect(s.get("model.connector.modality_projection.proj.weight")).toEqual([2048, 10368]);
    expect(s.has("model.connector.modality_projection.proj.bias")).toBe(false);
    expect(s.get("model.vision_model.embeddings.patch_embedding.weight")).toEqual([1152, 3, 14, 14]);
    expect(s.get("model.text_model.layers.23.mlp.down_proj.weight")).toEqual([2048, 8192]);
    expect(totalOf({ ...config, scale_factor: 2 }) - totalOf(config)).toBe(2048 * 1152 * (4 - 9));
    const base = shapes({ ...config, architectures: ["Idefics3Model"] });
    expect(base.has("connector.modality_projection.proj.weight")).toBe(true);
    expect(base.has("lm_head.weight")).toBe(false);
  });

  it("a tied text config ties lm_head to model.text_model.embed_tokens", () => {
    const config = readFixtureConfig("HuggingFaceTB--SmolVLM-256M-Instruct");
    const tied = { ...config, text_config: { ...(config.text_config as object), tie_word_embeddings: true } };
    expect(analyzeConfig(tied).inventory!.tied).toEqual([{ name: "lm_head.weight", tiedTo: "model.text_model.embed_tokens.weight" }]);
    expect(totalOf(tied)).toBe(256_484_928 - 49_280 * 576);
  });

  it("Idefics3VisionConfig's defaults: 1,152 wide, 12 layers, intermediate 3,072, 32-pixel patches at 224 px", () => {
    const config = readFixtureConfig("HuggingFaceTB--SmolVLM-Instruct");
    const s = shapes({ ...config, vision_config: {} });
    expect(s.get("model.vision_model.embeddings.position_embedding.weight")).toEqual([49, 1152]);
    expect(s.get("model.vision_model.encoder.layers.11.mlp.fc1.weight")).toEqual([3072, 1152]);
    expect(s.has("model.vision_model.encoder.layers.12.mlp.fc1.weight")).toBe(false);
  });
});

describe("smolvlm (modeling_smolvlm.py, Idefics 3's layout)", () => {
  it("SmolVLM2-2.2B-Instruct: 2,246,784,880", () => {
    // Published count 2,246,784,880; SmolVLM-Instruct's shape with vocab 49,280 (+125 rows in embed and head).
    const config = readFixtureConfig("HuggingFaceTB--SmolVLM2-2.2B-Instruct");
    expect(totalOf(config)).toBe(2_246_272_880 + 2 * 125 * 2048);
    expect(totalOf(config)).toBe(2_246_784_880);
    const s = shapes(config);
    expect(s.get("model.connector.modality_projection.proj.weight")).toEqual([2048, 10368]);
    expect(s.get("lm_head.weight")).toEqual([49280, 2048]);
    expect(analyzeConfig(config).model.layoutType).toBe("smolvlm");
  });
});
