import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/** Source: derived from modeling_yolos.py; the YOLOS paper's YOLOS-S 30.7M and YOLOS-Ti 6.5M agree within rounding. */
describe("yolos (modeling_yolos.py)", () => {
  const config = readFixtureConfig("hustvl--yolos-small");

  it("yolos-small (YolosForObjectDetection): 30,684,768", () => {
    // cls 384 + detection tokens 38,400 + positions (32 × 54 + 101) × 384 = 702,336 + patch conv
    // 384 × 3 × 256 + 384 = 295,296 + mid positions 11 × 1,829 × 384 = 7,725,696 + 12 layers ×
    // 1,774,464 = 21,293,568 + layernorm 768 + class MLP 2 × 147,840 + 384 × 92 + 92 = 331,100 +
    // box MLP 2 × 147,840 + 1,540 = 297,220.
    expect(384 + 38_400 + 702_336 + 295_296 + 7_725_696 + 21_293_568 + 768 + 331_100 + 297_220).toBe(30_684_768);
    expect(totalOf(config)).toBe(30_684_768);
  });

  it("names: vit. prefix, detection tokens, mid positions over H·W // p², MLP heads to labels + 1 and 4", () => {
    const s = shapes(config);
    expect(s.get("vit.embeddings.detection_tokens")).toEqual([1, 100, 384]);
    expect(s.get("vit.encoder.mid_position_embeddings")).toEqual([11, 1, 1829, 384]);
    expect(s.get("class_labels_classifier.layers.2.weight")).toEqual([92, 384]);
    expect(s.get("bbox_predictor.layers.2.weight")).toEqual([4, 384]);
    expect(s.has("vit.pooler.dense.weight")).toBe(false);
    expect(shapes({ ...config, architectures: ["YolosModel"] }).get("pooler.dense.weight")).toEqual([384, 384]);
  });

  it("yolos-tiny layout without mid positions: 6,488,736", () => {
    expect(totalOf({ ...config, hidden_size: 192, num_attention_heads: 3, intermediate_size: 768, image_size: [800, 1333], use_mid_position_embeddings: false })).toBe(6_488_736);
  });
});
