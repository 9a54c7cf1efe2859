import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * JetMoE (modeling_jetmoe.py). Source: derived from the modeling file (below); the model card says
 * 8B parameters in total and 2.2B active per token; Hub Model size 8.52B.
 */
describe("jetmoe (jetmoe/jetmoe-8b)", () => {
  const config = readFixtureConfig("jetmoe--jetmoe-8b");
  const d = 2048;

  it("counts 8,522,237,952 by hand: attention experts (MoA) and MLP experts", () => {
    const kv = 16 * 128;
    const moa = 8 * kv * d + 8 * d * kv + 8 * d + d; // input_linear, output_linear, router, bias
    const kvProj = 2 * kv * d;
    const moe = 8 * 2 * 5632 * d + 8 * d * 5632 + 8 * d + d; // input_linear, output_linear, router, bias
    const layer = moa + kvProj + moe + 2 * d;
    const total = 24 * layer + 32_000 * d + d; // tied head
    expect(layer).toBe(352_362_496);
    expect(total).toBe(8_522_237_952);
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(total);
    // Top-2 of 8 for both kinds of experts.
    expect(parameters?.active).toBe(total - 24 * 6 * (2 * kv * d + 3 * 5632 * d));
    expect(Math.round((parameters!.active - 32_000 * d) / 1e8) / 10).toBe(2.3);
  });

  it("names and derived heads: num_attention_heads = kv heads × top-k, head_dim = kv_channels", () => {
    const { model } = analyzeConfig(config);
    expect(model.numHeads.value).toBe(32);
    expect(model.headDim.value).toBe(128);
    const s = shapes(config);
    expect(s.get("model.layers.0.self_attention.experts.input_linear.weight")).toEqual([8, 2048, 2048]);
    expect(s.get("model.layers.0.self_attention.experts.bias")).toEqual([2048]);
    expect(s.get("model.layers.0.self_attention.kv_proj.weight")).toEqual([4096, 2048]);
    expect(s.get("model.layers.23.mlp.input_linear.weight")).toEqual([8, 11264, 2048]);
    expect(s.get("model.layers.23.mlp.output_linear.weight")).toEqual([8, 2048, 5632]);
    expect(s.get("model.layers.0.mlp.router.layer.weight")).toEqual([8, 2048]);
    expect(s.has("lm_head.weight")).toBe(false);
  });

  it("heads: sequence classification adds score; the remote-code class name JetMoE is known too", () => {
    expect(totalOf({ ...config, architectures: ["JetMoeForSequenceClassification"] }) - totalOf(config)).toBe(2 * d);
    const remote = analyzeConfig({ ...config, architectures: ["JetMoEForCausalLM"] }).parameters!;
    expect(remote.total).toBe(8_522_237_952);
    expect(remote.estimated).toBe(false);
  });
});
