import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig } from "../helpers/count.js";

/**
 * gpt-oss (modeling_gpt_oss.py). Per layer, with h = 2880, d_ff = 2880, 64 heads × 64 and 8 KV heads:
 * q and o 4096 × 2880 (+ biases 4096 and 2880), k and v 512 × 2880 (+ 512 each), sinks 64;
 * router E × 2880 + E; experts E × (2880 × 5760 + 5760 + 2880 × 2880 + 2880) = E × 24,891,840;
 * two norms 2 × 2880. Embeddings and the untied head 201,088 × 2880 each; final norm 2880.
 */
const ATTENTION = 4096 * 2880 + 4096 + 2 * (512 * 2880 + 512) + 2880 * 4096 + 2880 + 64;
const EXPERT = 2880 * 5760 + 5760 + 2880 * 2880 + 2880;
const EMBEDDING = 201_088 * 2880;
const layer = (experts: number) => ATTENTION + experts * 2880 + experts + experts * EXPERT + 2 * 2880;
const total = (layers: number, experts: number) => layers * layer(experts) + 2 * EMBEDDING + 2880;

describe("gpt_oss", () => {
  it.each([
    // OpenAI's gpt-oss model card (Table 1): 20.91B and 116.83B total parameters.
    ["openai--gpt-oss-20b", 24, 32, 20_914_757_184],
    ["openai--gpt-oss-120b", 36, 128, 116_829_156_672],
  ])("%s counts %i layers × %i experts exactly", (fixture, layers, experts, expected) => {
    expect(total(layers, experts)).toBe(expected);
    const { parameters } = analyzeConfig(readFixtureConfig(fixture));
    expect(parameters!.total).toBe(expected);
    expect(parameters!.estimated).toBe(false);
  });

  it("active parameters use 4 of the experts; without the input embeddings they are OpenAI's 3.61B and 5.13B active", () => {
    for (const [fixture, layers, experts, published] of [["openai--gpt-oss-20b", 24, 32, 3.61e9], ["openai--gpt-oss-120b", 36, 128, 5.13e9]] as const) {
      const { parameters } = analyzeConfig(readFixtureConfig(fixture));
      const active = layers * (layer(experts) - (experts - 4) * EXPERT) + 2 * EMBEDDING + 2880;
      expect(parameters!.active).toBe(active);
      // OpenAI counts the unembedding but not the embedding as active.
      expect(Math.round((parameters!.active - EMBEDDING) / 1e7) * 1e7).toBe(published);
    }
  });

  it("stores each layer's experts fused: one tensor [E, …] per projection and bias, as the checkpoint names them", () => {
    const { inventory } = analyzeConfig(readFixtureConfig("openai--gpt-oss-20b"));
    const layer0 = [...expandTensors(inventory!)].filter((t) => t.name.startsWith("model.layers.0.mlp."));
    expect(layer0.map((t) => [t.name, t.shape])).toEqual([
      ["model.layers.0.mlp.router.weight", [32, 2880]],
      ["model.layers.0.mlp.router.bias", [32]],
      ["model.layers.0.mlp.experts.gate_up_proj", [32, 2880, 5760]],
      ["model.layers.0.mlp.experts.gate_up_proj_bias", [32, 5760]],
      ["model.layers.0.mlp.experts.down_proj", [32, 2880, 2880]],
      ["model.layers.0.mlp.experts.down_proj_bias", [32, 2880]],
    ]);
    expect([...expandTensors(inventory!)].some((t) => t.name === "model.layers.23.self_attn.sinks")).toBe(true);
  });

  it("reads the older experts_per_token key, and GptOssConfig's sliding layers when layer_types is absent", () => {
    const { layer_types: _types, num_experts_per_tok: _k, ...older } = readFixtureConfig("openai--gpt-oss-20b") as Record<string, unknown>;
    const { parameters, facts } = analyzeConfig({ ...older, experts_per_token: 2 });
    expect(parameters!.active).toBe(24 * (layer(32) - 30 * EXPERT) + 2 * EMBEDDING + 2880);
    // Layers 0, 2, …, 22 slide over 128 tokens: 12 of 24.
    expect(facts.memory!.kvCache!.layers).toEqual({ full: 12, sliding: 12, ssm: 0 });
    expect(facts.memory!.kvCache!.slidingWindow).toBe(128);
  });
});
