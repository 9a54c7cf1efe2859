import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

describe("internlm2 (remote modeling_internlm2.py)", () => {
  const config = readFixtureConfig("internlm--internlm2_5-7b-chat");

  it("InternLM2.5-7B-Chat: 7,737,708,544, as printed; exact, not an estimate", () => {
    // tok_embeddings 92,544 × 4,096 = 379,060,224; per layer wqkv (32 + 2·8)·128 × 4,096 = 25,165,824,
    // wo 4,096², w1/w3/w2 3 × 14,336 × 4,096 = 176,160,768, attention_norm + ffn_norm 8,192
    // → 218,112,000 × 32 = 6,979,584,000; norm 4,096; output 379,060,224.
    expect(2 * 379_060_224 + 218_112_000 * 32 + 4_096).toBe(7_737_708_544);
    const { parameters, model } = analyzeConfig(config);
    expect(parameters?.total).toBe(7_737_708_544);
    expect(parameters?.estimated).toBe(false);
    expect(model.estimateReason).toBeNull();
  });

  it("names as the checkpoint stores them (227 tensors)", () => {
    const tensors = [...expandTensors(analyzeConfig(config).inventory!)];
    expect(tensors.length).toBe(227);
    const t = new Map(tensors.map((x) => [x.name, x.shape]));
    expect(t.get("model.tok_embeddings.weight")).toEqual([92544, 4096]);
    expect(t.get("model.layers.0.attention.wqkv.weight")).toEqual([6144, 4096]);
    expect(t.get("model.layers.31.feed_forward.w2.weight")).toEqual([4096, 14336]);
    expect(t.get("model.layers.0.attention_norm.weight")).toEqual([4096]);
    expect(t.get("output.weight")).toEqual([92544, 4096]);
    expect(t.has("model.layers.0.attention.wqkv.bias")).toBe(false);
  });

  it("bias (InternLM2Config default true) puts biases on wqkv and wo only", () => {
    expect(totalOf({ ...config, bias: true }) - totalOf(config)).toBe(32 * (6144 + 4096));
    const { bias: _, ...noBias } = config;
    expect(totalOf(noBias) - totalOf(config)).toBe(32 * (6144 + 4096));
  });

  it("heads: InternLM2Model drops output; score has no bias", () => {
    const base = totalOf({ ...config, architectures: ["InternLM2Model"] });
    expect(totalOf(config) - base).toBe(379_060_224);
    expect(totalOf({ ...config, architectures: ["InternLM2ForSequenceClassification"] }) - base).toBe(2 * 4096);
  });
});
