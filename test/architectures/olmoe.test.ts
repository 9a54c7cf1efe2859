import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig } from "../helpers/count.js";

/**
 * OLMoE (modeling_olmoe.py): per layer, with h = 2048, 16 heads × 128, 64 experts of d_ff 1024:
 * q, k, v, o 2048 × 2048 (no bias); q_norm [2048] and k_norm [16 × 128] (full width, as OLMo-2);
 * router 64 × 2048; experts 64 × 3 × 2048 × 1024; two norms of 2048. Embeddings and the untied head
 * 50,304 × 2048 each, final norm 2048. The OLMoE paper gives "6.9B total, 1.3B active" (arXiv 2409.02060).
 */
const LAYER = 4 * 2048 * 2048 + 2 * 2048 + 64 * 2048 + 64 * 3 * 2048 * 1024 + 2 * 2048;
const EMBEDDINGS = 2 * 50_304 * 2048;

describe("olmoe", () => {
  it("allenai/OLMoE-1B-7B-0924 counts 6,919,161,856 (6.9B), 1,282,017,280 active (1.3B: 8 of 64 experts)", () => {
    expect(16 * LAYER + EMBEDDINGS + 2048).toBe(6_919_161_856);
    const { parameters, inventory } = analyzeConfig(readFixtureConfig("allenai--OLMoE-1B-7B-0924"));
    expect(parameters!.total).toBe(6_919_161_856);
    expect(parameters!.active).toBe(16 * (LAYER - 56 * 3 * 2048 * 1024) + EMBEDDINGS + 2048);
    expect(parameters!.active).toBe(1_282_017_280);
    const names = [...expandTensors(inventory!)].map((t) => t.name);
    expect(names).toContain("model.layers.0.self_attn.q_norm.weight");
    expect(names).toContain("model.layers.15.mlp.experts.63.down_proj.weight");
    expect(names).toContain("model.layers.0.mlp.gate.weight");
  });

  it("k_norm is as wide as the KV heads (kv heads × head_dim) when they are fewer than the heads", () => {
    const { inventory } = analyzeConfig({ ...readFixtureConfig("allenai--OLMoE-1B-7B-0924"), num_key_value_heads: 4 });
    const kNorm = [...expandTensors(inventory!)].find((t) => t.name === "model.layers.0.self_attn.k_norm.weight")!;
    expect(kNorm.shape).toEqual([4 * 128]);
  });
});
