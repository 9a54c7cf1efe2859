import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

describe("ernie4_5 dense (modeling_ernie4_5.py)", () => {
  it("ERNIE-4.5-0.3B-PT: 360,748,032", () => {
    // Per layer q 2,048 × 1,024, k and v 256 × 1,024, o 1,024 × 2,048 → 4,718,592; MLP
    // 3 × 1,024 × 3,072 = 9,437,184; norms 2,048 → 14,157,824 × 18 = 254,840,832; final norm 1,024;
    // embed 103,424 × 1,024 = 105,906,176, tied (Ernie4_5Config default).
    const { parameters } = analyzeConfig(readFixtureConfig("baidu--ERNIE-4.5-0.3B-PT"));
    expect(parameters?.total).toBe(360_748_032);
    expect(parameters!.breakdown.lmHead).toBeUndefined();
  });

  it("use_bias biases every projection", () => {
    const config = readFixtureConfig("baidu--ERNIE-4.5-0.3B-PT");
    expect(totalOf({ ...config, use_bias: true }) - totalOf(config)).toBe(18 * (2048 + 256 + 256 + 1024 + 3072 + 3072 + 1024));
    expect(shapes({ ...config, use_bias: true }).get("model.layers.0.mlp.down_proj.bias")).toEqual([1024]);
  });

  it("defaults from Ernie4_5Config: tied, head_dim 128", () => {
    const { model } = analyzeConfig({ model_type: "ernie4_5", num_hidden_layers: 1 });
    expect(model.tieWordEmbeddings.value).toBe(true);
    expect(model.headDim.value).toBe(128);
    expect(model.numKvHeads.value).toBe(2);
  });
});
