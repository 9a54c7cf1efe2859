import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

describe("hunyuan_v1_dense (modeling_hunyuan_v1_dense.py)", () => {
  it("Hunyuan-7B-Instruct: 7,504,568,320 (Hub 7.5B), tied", () => {
    // Per layer q and o 4,096², k and v 1,024 × 4,096 → 41,943,040; MLP 3 × 4,096 × 14,336 =
    // 176,160,768; norms 8,192 + query/key layernorms 256 → 218,112,256 × 32 = 6,979,592,192;
    // final norm 4,096; embed 128,167 × 4,096 = 524,972,032, tied.
    const { parameters } = analyzeConfig(readFixtureConfig("tencent--Hunyuan-7B-Instruct"));
    expect(parameters?.total).toBe(7_504_568_320);
    expect(parameters!.breakdown.lmHead).toBeUndefined();
  });

  it("query_layernorm and key_layernorm over head_dim", () => {
    const s = shapes(readFixtureConfig("tencent--Hunyuan-7B-Instruct"));
    expect(s.get("model.layers.0.self_attn.query_layernorm.weight")).toEqual([128]);
    expect(s.get("model.layers.0.self_attn.key_layernorm.weight")).toEqual([128]);
    expect(s.has("model.layers.0.self_attn.q_norm.weight")).toBe(false);
  });

  it("attention_bias, sequence classification, defaults", () => {
    const config = readFixtureConfig("tencent--Hunyuan-7B-Instruct");
    expect(totalOf({ ...config, attention_bias: true }) - totalOf(config)).toBe(32 * (4096 + 1024 + 1024 + 4096));
    expect(totalOf({ ...config, architectures: ["HunYuanDenseV1ForSequenceClassification"] })).toBe(7_504_568_320 + 2 * 4096);
    const { model } = analyzeConfig({ model_type: "hunyuan_v1_dense", num_hidden_layers: 1 });
    expect(model.vocabSize.value).toBe(290943);
    expect(model.tieWordEmbeddings.value).toBe(false);
    expect(model.headDim.value).toBe(128);
  });
});
