import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * SwitchTransformersForConditionalGeneration (modeling_switch_transformers.py). Source:
 * google/switch-base-8 has 619,339,008 parameters, sum(p.numel() for p in model.parameters()) as a
 * public Switch analysis script pins it.
 */
describe("switch_transformers (modeling_switch_transformers.py)", () => {
  it("switch-base-8 by hand: 619,339,008; top-1 routing", () => {
    // shared 32,128 × 768 = 24,674,304 (encoder, decoder and lm_head share it). FFN 2 × 768 × 3,072
    // = 4,718,592. Encoder: 12 × attention 2,359,296 + 12 × two norms 1,536 + 6 dense FFNs + 6 sparse
    // blocks of 8 experts + router 8 × 768, + bias 32 × 12 + final norm 768 = 283,171,968. Decoder:
    // + 12 × (cross-attention 2,359,296 + a norm 768) = 311,492,736.
    const encoder = 12 * 2_359_296 + 12 * 1_536 + 6 * 4_718_592 + 6 * (8 * 4_718_592 + 6_144) + 384 + 768;
    expect(encoder).toBe(283_171_968);
    expect(24_674_304 + encoder + encoder + 12 * (2_359_296 + 768)).toBe(619_339_008);
    const { parameters, inventory } = analyzeConfig(readFixtureConfig("google--switch-base-8"));
    expect(parameters?.total).toBe(619_339_008);
    expect(parameters?.estimated).toBe(false);
    expect(parameters?.breakdown.router).toBe(12 * 8 * 768);
    expect(inventory?.expertsPerToken).toBe(1);
    // One expert of eight per sparse block: 12 × 7 × 4,718,592 fewer active.
    expect(parameters?.active).toBe(619_339_008 - 12 * 7 * 4_718_592);
  });

  it("odd blocks are sparse (step 12 // 6 = 2, i % 2 == 1), names as the checkpoint stores them", () => {
    const s = shapes(readFixtureConfig("google--switch-base-8"));
    expect(s.get("encoder.block.0.layer.1.mlp.wi.weight")).toEqual([3072, 768]);
    expect(s.has("encoder.block.0.layer.1.mlp.router.classifier.weight")).toBe(false);
    expect(s.get("encoder.block.1.layer.1.mlp.router.classifier.weight")).toEqual([8, 768]);
    expect(s.has("encoder.block.1.layer.1.mlp.router.classifier.bias")).toBe(false);
    expect(s.get("encoder.block.1.layer.1.mlp.experts.expert_7.wo.weight")).toEqual([768, 3072]);
    expect(s.get("decoder.block.11.layer.2.mlp.experts.expert_0.wi.weight")).toEqual([3072, 768]);
    expect(s.has("encoder.block.1.layer.1.mlp.wi.weight")).toBe(false);
    expect(s.get("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight")).toEqual([32, 12]);
    expect(s.has("encoder.block.1.layer.0.SelfAttention.relative_attention_bias.weight")).toBe(false);
    expect(s.has("lm_head.weight")).toBe(false);
  });

  it("router_bias adds num_experts per sparse block; 0 sparse layers still leaves block 1 sparse (step = num_layers)", () => {
    const config = readFixtureConfig("google--switch-base-8");
    expect(totalOf({ ...config, router_bias: true }) - totalOf(config)).toBe(12 * 8);
    const none = { ...config, num_sparse_encoder_layers: 0, num_sparse_decoder_layers: 0 };
    const s = shapes(none);
    expect(s.has("encoder.block.1.layer.1.mlp.router.classifier.weight")).toBe(true);
    expect(s.has("encoder.block.3.layer.1.mlp.router.classifier.weight")).toBe(false);
    expect(totalOf(none)).toBe(619_339_008 - 2 * 5 * (7 * 4_718_592 + 6_144));
  });

  it("SwitchTransformersEncoderModel: shared + encoder; config defaults (d_ff 2048, 3 sparse layers, 12 decoder layers)", () => {
    const config = readFixtureConfig("google--switch-base-8");
    expect(totalOf({ ...config, architectures: ["SwitchTransformersEncoderModel"] })).toBe(24_674_304 + 283_171_968);
    const bare = { model_type: "switch_transformers", architectures: ["SwitchTransformersForConditionalGeneration"] };
    const { inventory, model } = analyzeConfig(bare);
    expect(model.intermediateSize.value).toBe(2048);
    expect(inventory?.decoderLayers).toBe(12);
    // 12 // 3 = step 4: blocks 1, 5, 9 sparse.
    const s = shapes(bare);
    expect([1, 5, 9].every((i) => s.has(`encoder.block.${i}.layer.1.mlp.router.classifier.weight`))).toBe(true);
    expect(s.has("encoder.block.3.layer.1.mlp.router.classifier.weight")).toBe(false);
  });
});
