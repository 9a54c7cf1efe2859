import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { sparseLayers } from "../../src/architectures/nllb-moe.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Source: derived from modeling_nllb_moe.py (fixtures/expected/facebook--nllb-moe-54b.json);
 * fairseq's rounded "NLLB-200 MoE 54.5B" agrees. With no sparse layer the layout is the dense
 * NLLB-200 3.3B, whose num_parameters() 3,344,863,232 is published.
 */
describe("nllb-moe (modeling_nllb_moe.py)", () => {
  it("nllb-moe-54b: 54,500,569,088 total, 3,750,785,024 active (top-2 of 128 experts)", () => {
    const { parameters, inventory } = analyzeConfig(readFixtureConfig("facebook--nllb-moe-54b"));
    // By hand (d 2,048, FFN 8,192): attention 4 × (2,048² + 2,048) = 16,785,408; one expert or dense
    // ffn fc1 + fc2 = 16,785,408 + 16,779,264 = 33,564,672; LayerNorm 4,096; router 128 × 2,048 = 262,144.
    // Encoder: 18 dense × 50,358,272 + 6 sparse × (16,785,408 + 8,192 + 262,144 + 128 × 33,564,672) = 26,786,451,456.
    // Decoder: + cross_attention 16,785,408 and its LayerNorm per layer = 27,189,399,552.
    // shared 256,206 × 2,048 = 524,709,888; final layer_norms 8,192.
    expect(18 * 50_358_272 + 6 * (16_785_408 + 8_192 + 262_144 + 128 * 33_564_672)).toBe(26_786_451_456);
    expect(524_709_888 + 26_786_451_456 + 27_189_399_552 + 8_192).toBe(54_500_569_088);
    expect(parameters?.total).toBe(54_500_569_088);
    // 12 sparse layers keep 2 of their 128 experts per token.
    expect(parameters?.active).toBe(54_500_569_088 - 12 * 126 * 33_564_672);
    expect(inventory?.expertsPerToken).toBe(2);
  });

  it("sparse layers: (i + 1) % step == 0, none for step 0", () => {
    expect(sparseLayers(24, 4).sparse).toEqual([3, 7, 11, 15, 19, 23]);
    expect(sparseLayers(12, 0).sparse).toEqual([]);
    const dense = { ...readFixtureConfig("facebook--nllb-moe-54b"), encoder_sparse_step: 0, decoder_sparse_step: 0 };
    expect(totalOf(dense)).toBe(3_344_863_232);
  });

  it("names: ffn / ff_layer_norm, cross_attention, router.classifier without bias, expert_{e}", () => {
    const config = readFixtureConfig("facebook--nllb-moe-54b");
    const s = shapes(config);
    expect(s.get("model.shared.weight")).toEqual([256206, 2048]);
    expect(s.get("model.encoder.layers.0.ffn.fc1.weight")).toEqual([8192, 2048]);
    expect(s.has("model.encoder.layers.3.ffn.fc1.weight")).toBe(false);
    expect(s.get("model.encoder.layers.3.ffn.router.classifier.weight")).toEqual([128, 2048]);
    expect(s.has("model.encoder.layers.3.ffn.router.classifier.bias")).toBe(false);
    expect(s.get("model.decoder.layers.23.ffn.experts.expert_127.fc2.bias")).toEqual([2048]);
    expect(s.get("model.decoder.layers.0.cross_attention.k_proj.weight")).toEqual([2048, 2048]);
    expect(s.get("model.decoder.layers.0.cross_attention_layer_norm.weight")).toEqual([2048]);
    expect(s.get("model.decoder.layers.0.ff_layer_norm.bias")).toEqual([2048]);
    expect(s.get("model.encoder.layer_norm.weight")).toEqual([2048]);
    expect(s.has("model.encoder.embed_positions.weight")).toBe(false);
    expect(s.has("lm_head.weight")).toBe(false);
    expect(shapes({ ...config, router_bias: true }).get("model.encoder.layers.3.ffn.router.classifier.bias")).toEqual([128]);
  });

  it("defaults from configuration_nllb_moe.py: 128 experts, sparse step 4, d 1,024, 12 + 12 layers", () => {
    const config = { model_type: "nllb-moe", architectures: ["NllbMoeForConditionalGeneration"] };
    const { model, inventory } = analyzeConfig(config);
    expect(model.numExperts.value).toBe(128);
    expect(model.vocabSize.value).toBe(128112);
    expect(inventory?.decoderLayers).toBe(12);
    expect(shapes(config).get("model.decoder.layers.11.ffn.experts.expert_0.fc1.weight")).toEqual([4096, 1024]);
  });
});
