import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

describe("arcee (modeling_arcee.py)", () => {
  it("AFM-4.5B: 4,619,184,640 (Hub 4.62B)", () => {
    // Per layer q and o 2,560² = 6,553,600 each, k and v 512 × 2,560 = 1,310,720 each, up and down
    // 18,432 × 2,560 = 47,185,920 each, norms 5,120 → 110,105,600 × 36 = 3,963,801,600; final norm
    // 2,560; embed and lm_head 128,004 × 2,560 = 327,690,240 each.
    expect(totalOf(readFixtureConfig("arcee-ai--AFM-4.5B"))).toBe(4_619_184_640);
  });

  it("up/down only, Llama names elsewhere", () => {
    const s = shapes(readFixtureConfig("arcee-ai--AFM-4.5B"));
    expect(s.get("model.layers.35.mlp.up_proj.weight")).toEqual([18432, 2560]);
    expect(s.get("model.layers.35.mlp.down_proj.weight")).toEqual([2560, 18432]);
    expect(s.has("model.layers.35.mlp.gate_proj.weight")).toBe(false);
    expect(s.get("model.layers.35.post_attention_layernorm.weight")).toEqual([2560]);
  });

  it("mlp_bias, sequence classification and defaults", () => {
    const config = readFixtureConfig("arcee-ai--AFM-4.5B");
    expect(totalOf({ ...config, mlp_bias: true }) - totalOf(config)).toBe(36 * (18432 + 2560));
    expect(totalOf({ ...config, architectures: ["ArceeForSequenceClassification"] })).toBe(4_619_184_640 - 327_690_240 + 2 * 2560);
    const { model } = analyzeConfig({ model_type: "arcee", hidden_size: 64, intermediate_size: 128, num_attention_heads: 4, num_hidden_layers: 1, vocab_size: 100 });
    expect(model.tieWordEmbeddings.value).toBe(false);
    expect(model.numKvHeads.value).toBe(4);
  });
});
