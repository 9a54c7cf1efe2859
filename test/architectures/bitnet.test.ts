import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

describe("bitnet (modeling_bitnet.py)", () => {
  it("bitnet-b1.58-2B-4T-bf16: 2,412,820,480, tied", () => {
    // Per layer q and o 2,560² each, k and v 640 × 2,560 each → 16,384,000; MLP 3 × 2,560 × 6,912 =
    // 53,084,160; input/post-attention norms 5,120, attn_sub_norm 2,560, ffn_sub_norm 6,912 →
    // 69,482,752 × 30 = 2,084,482,560; final norm 2,560; embed 128,256 × 2,560 = 328,335,360, tied.
    const { parameters } = analyzeConfig(readFixtureConfig("microsoft--bitnet-b1.58-2B-4T-bf16"));
    expect(parameters?.total).toBe(2_412_820_480);
    expect(parameters!.breakdown.lmHead).toBeUndefined();
  });

  it("sub-norms: attn_sub_norm [hidden] before o_proj, ffn_sub_norm [intermediate] before down_proj", () => {
    const s = shapes(readFixtureConfig("microsoft--bitnet-b1.58-2B-4T-bf16"));
    expect(s.get("model.layers.0.self_attn.attn_sub_norm.weight")).toEqual([2560]);
    expect(s.get("model.layers.0.mlp.ffn_sub_norm.weight")).toEqual([6912]);
    expect(s.get("model.layers.0.mlp.gate_proj.weight")).toEqual([6912, 2560]);
    expect(s.has("lm_head.weight")).toBe(false);
  });

  it("defaults from BitNetConfig: untied unless the config ties", () => {
    const { model } = analyzeConfig({ model_type: "bitnet", num_hidden_layers: 1 });
    expect(model.tieWordEmbeddings.value).toBe(false);
    expect(model.numKvHeads.value).toBe(5);
    const config = readFixtureConfig("microsoft--bitnet-b1.58-2B-4T-bf16");
    expect(totalOf({ ...config, architectures: ["BitNetModel"] })).toBe(2_412_820_480);
  });
});
