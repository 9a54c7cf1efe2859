import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/** Source: facebook/dinov3-vitb16-pretrain-lvd1689m backbone parameters 85,660,416 in two public projects. */
describe("dinov3_vit (modeling_dinov3_vit.py)", () => {
  const config = readFixtureConfig("facebook--dinov3-vitb16-pretrain-lvd1689m");

  it("dinov3-vitb16: 85,660,416", () => {
    // cls + mask + 4 registers 6 × 768 = 4,608; patch conv 590,592; per layer q, v, o
    // 3 × 590,592 + k without bias 589,824 + MLP 4,722,432 + norms 3,072 + layer scales 1,536 =
    // 7,088,640 × 12 = 85,063,680; norm 1,536.
    expect(4_608 + 590_592 + 85_063_680 + 1_536).toBe(85_660_416);
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(85_660_416);
    expect(parameters?.estimated).toBe(false);
  });

  it("names: q/k/v/o_proj, up/down_proj, no position embedding, image size changes nothing (RoPE)", () => {
    const s = shapes(config);
    expect(s.get("embeddings.register_tokens")).toEqual([1, 4, 768]);
    expect(s.get("embeddings.patch_embeddings.weight")).toEqual([768, 3, 16, 16]);
    expect(s.has("layer.0.attention.k_proj.bias")).toBe(false);
    expect(s.get("layer.0.attention.o_proj.bias")).toEqual([768]);
    expect(s.get("layer.11.mlp.up_proj.weight")).toEqual([3072, 768]);
    expect([...s.keys()].some((n) => n.includes("position"))).toBe(false);
    expect(totalOf({ ...config, image_size: 512 })).toBe(85_660_416);
  });

  it("use_gated_mlp adds gate_proj (the 7B's SwiGLU); mlp_bias false drops the MLP biases", () => {
    expect(totalOf({ ...config, use_gated_mlp: true }) - totalOf(config)).toBe(12 * (3072 * 768 + 3072));
    expect(shapes({ ...config, use_gated_mlp: true }).get("layer.0.mlp.gate_proj.weight")).toEqual([3072, 768]);
    expect(totalOf(config) - totalOf({ ...config, mlp_bias: false })).toBe(12 * (3072 + 768));
  });
});
