import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Granite MoE (modeling_granitemoe.py). Source of the total: derived from the modeling file (below);
 * the Hub's Model size for ibm-granite/granite-3.0-1b-a400m-base is 1.33B, and a public script
 * asserts sum(p.numel()) == 1,334,628,352 for this checkpoint loaded with GraniteMoeForCausalLM.
 */
describe("granitemoe (ibm-granite/granite-3.0-1b-a400m-base)", () => {
  const config = readFixtureConfig("ibm-granite--granite-3.0-1b-a400m-base");

  it("counts 1,334,628,352 by hand, 0.43B active per token", () => {
    const d = 1024;
    const attention = d * d + 2 * (512 * d) + d * d; // q, k, v (8 KV heads × 64), o: 3,145,728
    const experts = 32 * (2 * 512) * d + 32 * d * 512; // input_linear [32, 1024, 1024] + output_linear [32, 1024, 512]
    const router = 32 * d;
    const layer = attention + experts + router + 2 * d; // 53,512,192
    const total = 24 * layer + 49_155 * d + d; // tied lm_head, final norm
    expect(attention).toBe(3_145_728);
    expect(layer).toBe(53_512_192);
    expect(total).toBe(1_334_628_352);
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(total);
    expect(parameters?.estimated).toBe(false);
    // 8 of 32 experts per token: the other 24 experts of each of the 24 layers are inactive.
    expect(parameters?.active).toBe(total - 24 * 24 * (2 * 512 * d + d * 512));
  });

  it("stores experts fused per layer and the router as router.layer", () => {
    const s = shapes(config);
    expect(s.get("model.layers.0.block_sparse_moe.input_linear.weight")).toEqual([32, 1024, 1024]);
    expect(s.get("model.layers.23.block_sparse_moe.output_linear.weight")).toEqual([32, 1024, 512]);
    expect(s.get("model.layers.0.block_sparse_moe.router.layer.weight")).toEqual([32, 1024]);
    expect(s.get("model.layers.0.self_attn.k_proj.weight")).toEqual([512, 1024]);
    expect(s.has("model.layers.0.self_attn.q_proj.bias")).toBe(false);
    expect(s.has("lm_head.weight")).toBe(false);
    expect(analyzeConfig(config).parameters?.tied.map((t) => t.name)).toEqual(["lm_head.weight"]);
  });

  it("GraniteMoeModel drops the prefix; defaults follow configuration_granitemoe.py", () => {
    const s = shapes({ ...config, architectures: ["GraniteMoeModel"] });
    expect(s.get("embed_tokens.weight")).toEqual([49155, 1024]);
    expect(s.get("layers.0.block_sparse_moe.input_linear.weight")).toEqual([32, 1024, 1024]);
    // Defaults: untied, 8 experts of 11,008, kv heads = heads.
    const { model, parameters } = analyzeConfig({ architectures: ["GraniteMoeForCausalLM"], model_type: "granitemoe" });
    expect(model.tieWordEmbeddings.value).toBe(false);
    expect(model.numKvHeads.value).toBe(32);
    expect(parameters?.breakdown.lmHead).toBe(32000 * 4096);
    expect(totalOf({ ...config, num_local_experts: 33 }) - totalOf(config)).toBe(24 * (3 * 512 * 1024 + 1024));
  });
});
