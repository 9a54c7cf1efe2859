import { describe, expect, it } from "vitest";
import { dinov2MlpWidth } from "../../src/architectures/dinov2.js";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Sources: Dinov2Model sum(numel) in a public benchmark table: DINOv2-S 22,056,576, -B 86,580,480,
 * -L 304,368,640 (dinov2-base also in a public print_model tree and a test asserting 86580480);
 * giant derived (SwiGLU) with the Hub's 1.14B; with registers derived (+ 4 × 768).
 */
describe("dinov2 (modeling_dinov2.py)", () => {
  it.each([
    ["facebook--dinov2-small", 22_056_576],
    ["facebook--dinov2-base", 86_580_480],
    ["facebook--dinov2-large", 304_368_640],
    ["facebook--dinov2-giant", 1_136_480_768],
  ])("%s: %i", (fixture, total) => {
    const { parameters } = analyzeConfig(readFixtureConfig(fixture));
    expect(parameters?.total).toBe(total);
    expect(parameters?.estimated).toBe(false);
  });

  it("dinov2-base by hand: 86,580,480", () => {
    // cls 768 + mask_token [1, 768] + positions (37² + 1) × 768 = 1,052,160 + patch conv
    // 768 × 3 × 14² + 768 = 452,352; per layer ViT's 7,087,872 + two layer scales 1,536 =
    // 7,089,408 × 12 = 85,072,896; layernorm 1,536.
    expect(768 + 768 + 1_052_160 + 452_352 + 85_072_896 + 1_536).toBe(86_580_480);
  });

  it("names: norm1/norm2, mlp.fc1, layer_scale lambda1, a 2-D mask token, no pooler", () => {
    const s = shapes(readFixtureConfig("facebook--dinov2-base"));
    expect(s.get("embeddings.mask_token")).toEqual([1, 768]);
    expect(s.get("embeddings.position_embeddings")).toEqual([1, 1370, 768]);
    expect(s.get("embeddings.patch_embeddings.projection.weight")).toEqual([768, 3, 14, 14]);
    expect(s.get("encoder.layer.0.norm1.weight")).toEqual([768]);
    expect(s.get("encoder.layer.0.mlp.fc1.weight")).toEqual([3072, 768]);
    expect(s.get("encoder.layer.11.layer_scale2.lambda1")).toEqual([768]);
    expect([...s.keys()].some((n) => n.startsWith("pooler"))).toBe(false);
  });

  it("giant's SwiGLU: width (int(6,144 · 2/3) + 7) // 8 · 8 = 4,096, fused weights_in [8,192, 1,536]", () => {
    expect(dinov2MlpWidth(1536, 4, true)).toBe(4096);
    expect(dinov2MlpWidth(768, 4, false)).toBe(3072);
    const s = shapes(readFixtureConfig("facebook--dinov2-giant"));
    expect(s.get("encoder.layer.39.mlp.weights_in.weight")).toEqual([8192, 1536]);
    expect(s.get("encoder.layer.39.mlp.weights_out.weight")).toEqual([1536, 4096]);
    expect(s.has("encoder.layer.0.mlp.fc1.weight")).toBe(false);
  });

  it("Dinov2ForImageClassification: dinov2. prefix and classifier over cls ⊕ mean patches [labels, 2d]", () => {
    const c = { ...readFixtureConfig("facebook--dinov2-base"), architectures: ["Dinov2ForImageClassification"], num_labels: 1000 };
    expect(totalOf(c)).toBe(86_580_480 + 1_537_000);
    expect(shapes(c).get("classifier.weight")).toEqual([1000, 1536]);
    expect(shapes(c).has("dinov2.embeddings.cls_token")).toBe(true);
  });

  it("defaults from configuration_dinov2.py: mlp_ratio 4, 224 / 16, mask token on", () => {
    const s = shapes({ model_type: "dinov2", architectures: ["Dinov2Model"] });
    expect(s.get("embeddings.position_embeddings")).toEqual([1, 197, 768]);
    expect(s.get("encoder.layer.0.mlp.fc2.weight")).toEqual([768, 3072]);
    expect(s.has("embeddings.mask_token")).toBe(true);
    expect(shapes({ model_type: "dinov2", use_mask_token: false }).has("embeddings.mask_token")).toBe(false);
  });
});

describe("dinov2_with_registers (modeling_dinov2_with_registers.py)", () => {
  it("dinov2-with-registers-base: dinov2-base + register_tokens [1, 4, 768] = 86,583,552", () => {
    const config = readFixtureConfig("facebook--dinov2-with-registers-base");
    expect(totalOf(config)).toBe(86_580_480 + 3_072);
    const s = shapes(config);
    expect(s.get("embeddings.register_tokens")).toEqual([1, 4, 768]);
    // Registers get no position: 1,369 patches + cls.
    expect(s.get("embeddings.position_embeddings")).toEqual([1, 1370, 768]);
    expect(shapes({ ...config, architectures: ["Dinov2WithRegistersForImageClassification"] }).has("dinov2_with_registers.embeddings.register_tokens")).toBe(true);
  });
});
