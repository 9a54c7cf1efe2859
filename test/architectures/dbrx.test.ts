import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * DBRX (modeling_dbrx.py). Source: derived from the modeling file (below); Databricks' model card
 * gives 132B total and 36B active parameters.
 */
describe("dbrx (databricks/dbrx-instruct)", () => {
  const config = readFixtureConfig("databricks--dbrx-instruct");

  it("counts 131,596,523,520 by hand and 36.5B active", () => {
    const d = 6144;
    const wqkv = (d + 2 * 8 * 128) * d; // 48 heads of 128, 8 KV heads
    const attention = wqkv + d * d; // + out_proj
    const experts = 3 * 16 * 10_752 * d; // w1, v1, w2, each [16·10,752, 6,144]
    const layer = attention + experts + 16 * d + 2 * d; // + router, norm_1/norm_2 (LayerNorm without bias)
    const total = 40 * layer + 2 * 100_352 * d + d; // wte + untied lm_head, norm_f
    expect(layer).toBe(3_259_084_800);
    expect(total).toBe(131_596_523_520);
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(total);
    expect(parameters?.estimated).toBe(false);
    expect(parameters?.active).toBe(total - 40 * 12 * 3 * 10_752 * d); // top-4 of 16
    expect(Math.round(parameters!.active / 1e9)).toBe(36);
  });

  it("names: transformer. prefix, fused Wqkv, 2-D stacked experts, bias-free LayerNorms", () => {
    const s = shapes(config);
    expect(s.get("transformer.wte.weight")).toEqual([100352, 6144]);
    expect(s.get("transformer.blocks.0.norm_attn_norm.attn.Wqkv.weight")).toEqual([8192, 6144]);
    expect(s.get("transformer.blocks.0.norm_attn_norm.attn.out_proj.weight")).toEqual([6144, 6144]);
    expect(s.get("transformer.blocks.39.ffn.router.layer.weight")).toEqual([16, 6144]);
    expect(s.get("transformer.blocks.0.ffn.experts.mlp.w1")).toEqual([172032, 6144]);
    expect(s.get("transformer.blocks.0.ffn.experts.mlp.w2")).toEqual([172032, 6144]);
    expect(s.get("transformer.blocks.0.norm_attn_norm.norm_1.weight")).toEqual([6144]);
    expect(s.has("transformer.blocks.0.norm_attn_norm.norm_1.bias")).toBe(false);
    expect(s.get("transformer.norm_f.weight")).toEqual([6144]);
    expect(s.get("lm_head.weight")).toEqual([100352, 6144]);
  });

  it("reads the nested attn_config / ffn_config, with DbrxConfig's defaults", () => {
    const { model } = analyzeConfig(config);
    expect(model.numKvHeads.value).toBe(8);
    expect(model.intermediateSize.value).toBe(10752);
    expect(model.numExperts.value).toBe(16);
    expect(model.expertsPerToken.value).toBe(4);
    const bare = analyzeConfig({ architectures: ["DbrxForCausalLM"], model_type: "dbrx" }).model;
    expect([bare.hiddenSize.value, bare.numLayers.value, bare.numKvHeads.value, bare.intermediateSize.value, bare.numExperts.value]).toEqual([2048, 24, 1, 3584, 4]);
    expect(totalOf({ ...config, architectures: ["DbrxModel"] })).toBe(131_596_523_520 - 100_352 * 6144);
  });
});
