import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/** Source: derived from modeling_segformer.py; the Hub's 3.75M and the SegFormer paper's B0 3.8M agree within rounding. */
describe("segformer (modeling_segformer.py)", () => {
  const config = readFixtureConfig("nvidia--segformer-b0-finetuned-ade-512-512");

  it("segformer-b0-finetuned-ade-512-512: 3,752,694 = MiT-b0 3,319,392 + decode head 433,302", () => {
    // linear_c: (32 + 64 + 160 + 256) × 256 + 4 × 256 = 132,096; linear_fuse 1,024 × 256 = 262,144
    // (no bias); batch_norm 512; classifier 150 × 256 + 150 = 38,550.
    expect(132_096 + 262_144 + 512 + 38_550).toBe(433_302);
    const { parameters, model } = analyzeConfig(config);
    expect(parameters?.total).toBe(3_752_694);
    expect(totalOf({ ...config, architectures: ["SegformerModel"] })).toBe(3_319_392);
    expect(model.problems).toEqual([]);
  });

  it("names: overlapping patch embeddings, sequence-reduction conv only where sr_ratio > 1, Mix-FFN depthwise conv", () => {
    const s = shapes(config);
    expect(s.get("segformer.encoder.patch_embeddings.0.proj.weight")).toEqual([32, 3, 7, 7]);
    expect(s.get("segformer.encoder.patch_embeddings.1.proj.weight")).toEqual([64, 32, 3, 3]);
    expect(s.get("segformer.encoder.block.0.1.attention.self.sr.weight")).toEqual([32, 32, 8, 8]);
    expect(s.has("segformer.encoder.block.3.0.attention.self.sr.weight")).toBe(false);
    expect(s.get("segformer.encoder.block.2.0.mlp.dwconv.dwconv.weight")).toEqual([640, 1, 3, 3]);
    expect(s.get("segformer.encoder.layer_norm.3.weight")).toEqual([256]);
    expect(s.get("decode_head.linear_fuse.weight")).toEqual([256, 1024, 1, 1]);
    expect(s.has("decode_head.linear_fuse.bias")).toBe(false);
    expect(s.get("decode_head.classifier.weight")).toEqual([150, 256, 1, 1]);
  });

  it("SegformerForImageClassification (mit-b0): classifier [labels, 256]", () => {
    expect(totalOf(readFixtureConfig("nvidia--mit-b0"))).toBe(3_319_392 + 257_000);
  });
});
