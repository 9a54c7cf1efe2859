import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const names = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

describe("gpt_neo (modeling_gpt_neo.py)", () => {
  const config = readFixtureConfig("EleutherAI--gpt-neo-125m");

  it("GPT-Neo 125M: 125,198,592, as printed for GPTNeoForCausalLM", () => {
    // wte 50,257 × 768 = 38,597,376; wpe 2,048 × 768 = 1,572,864; per layer: ln_1 + ln_2 3,072,
    // q/k/v 3 × 768² = 1,769,472 (no bias), out_proj 589,824 + 768, c_fc 768·3,072 + 3,072,
    // c_proj 3,072·768 + 768 → 7,085,568 × 12 = 85,026,816; ln_f 1,536; lm_head tied to wte.
    expect(38_597_376 + 1_572_864 + 7_085_568 * 12 + 1_536).toBe(125_198_592);
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(125_198_592);
    expect(parameters?.estimated).toBe(false);
  });

  it("1.3B and 2.7B: 12·h² + 10·h per layer, as printed (1,315,575,808 and 2,651,307,520)", () => {
    expect(totalOf({ ...config, hidden_size: 2048, num_layers: 24, num_heads: 16 })).toBe(1_315_575_808);
    expect(totalOf({ ...config, hidden_size: 2560, num_layers: 32, num_heads: 20 })).toBe(2_651_307_520);
  });

  it("names tensors as GPTNeoForCausalLM stores them: attention one level deeper, only out_proj biased", () => {
    const t = names(config);
    expect(t.get("transformer.h.0.attn.attention.q_proj.weight")).toEqual([768, 768]);
    expect(t.has("transformer.h.0.attn.attention.q_proj.bias")).toBe(false);
    expect(t.get("transformer.h.11.attn.attention.out_proj.bias")).toEqual([768]);
    // nn.Linear, [out, in] — not GPT-2's Conv1D [in, out].
    expect(t.get("transformer.h.0.mlp.c_fc.weight")).toEqual([3072, 768]);
    expect(t.get("transformer.wpe.weight")).toEqual([2048, 768]);
    // The causal masks of local and global layers are buffers.
    expect([...t.keys()].some((n) => n.endsWith("attn.attention.bias") || n.endsWith("masked_bias"))).toBe(false);
    expect(t.has("lm_head.weight")).toBe(false);
  });

  it("intermediate_size null means 4 × hidden_size, without a type problem", () => {
    const { model } = analyzeConfig(config);
    expect(model.intermediateSize.value).toBe(3072);
    expect(model.problems).toEqual([]);
    expect(totalOf({ ...config, intermediate_size: 1024 })).toBe(125_198_592 - 12 * (2 * 768 * 2048 + 2048));
  });

  it("heads: the base model keeps no prefix, the classifier is score [labels, h] without bias", () => {
    const base = names({ ...config, architectures: ["GPTNeoModel"] });
    expect(base.has("wte.weight")).toBe(true);
    expect(totalOf({ ...config, architectures: ["GPTNeoForSequenceClassification"], num_labels: 3 }) - totalOf({ ...config, architectures: ["GPTNeoModel"] })).toBe(3 * 768);
  });

  it("defaults from configuration_gpt_neo.py: tied, 2,048 positions", () => {
    const { model } = analyzeConfig({ model_type: "gpt_neo", hidden_size: 64, num_layers: 1, num_heads: 4, vocab_size: 100 });
    expect(model.tieWordEmbeddings.value).toBe(true);
    expect(model.maxPositions.value).toBe(2048);
    expect(model.intermediateSize.value).toBe(256);
  });
});
