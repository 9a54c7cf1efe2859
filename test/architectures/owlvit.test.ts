import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Sources: google/owlvit-base-patch32 OwlViTForObjectDetection 153,231,879 (param_count of public
 * OWL-ViT services; HF API 153.23 M); google/owlv2-base-patch16-ensemble HF API 154.97 M.
 */
describe("owlvit / owlv2 (modeling_owlvit.py, modeling_owlv2.py)", () => {
  it("OwlViTForObjectDetection owlvit-base-patch32: 153,231,879", () => {
    const { parameters } = analyzeConfig(readFixtureConfig("google--owlvit-base-patch32"));
    // text as CLIP's with 16 positions: 25,296,896 + 8,192 + 37,828,608 + 1,024 = 63,134,720;
    // vision at 768 px / patch 32: 768 + 2,359,296 + 577 × 768 + 1,536 + 85,054,464 + 1,536 = 87,860,736;
    // projections 655,361; class_head 512 × 768 + 512 + 2 × 769 = 395,266; box_head
    // 2 × 590,592 + 4 × 768 + 4 = 1,184,260; layer_norm 1,536.
    expect(63_134_720 + 87_860_736 + 655_361 + 395_266 + 1_184_260 + 1_536).toBe(153_231_879);
    expect(parameters?.total).toBe(153_231_879);
    expect(parameters?.components).toEqual({ textModel: 63_134_720, visionModel: 87_860_736, projection: 655_361, detectionHead: 1_581_062 });
    expect(parameters?.estimated).toBe(false);
  });

  it("names: the model under owlvit., pre_layernorm, heads at the top level", () => {
    const s = shapes(readFixtureConfig("google--owlvit-base-patch32"));
    expect(s.get("owlvit.text_model.embeddings.position_embedding.weight")).toEqual([16, 512]);
    expect(s.get("owlvit.vision_model.pre_layernorm.weight")).toEqual([768]);
    expect(s.has("owlvit.vision_model.pre_layrnorm.weight")).toBe(false);
    expect(s.get("owlvit.vision_model.embeddings.position_embedding.weight")).toEqual([577, 768]);
    expect(s.get("owlvit.logit_scale")).toEqual([]);
    expect(s.get("class_head.dense0.weight")).toEqual([512, 768]);
    expect(s.get("class_head.logit_shift.weight")).toEqual([1, 768]);
    expect(s.get("box_head.dense2.weight")).toEqual([4, 768]);
    expect(s.get("layer_norm.bias")).toEqual([768]);
    expect(s.has("objectness_head.dense2.weight")).toBe(false);
    expect([...s.keys()].some((n) => n.includes("box_bias"))).toBe(false);
  });

  it("OwlViTModel: no owlvit. prefix and no heads (151,650,817); the towers alone", () => {
    const config = readFixtureConfig("google--owlvit-base-patch32");
    expect(totalOf({ ...config, architectures: ["OwlViTModel"] })).toBe(151_650_817);
    expect(shapes({ ...config, architectures: ["OwlViTModel"] }).has("text_model.final_layer_norm.weight")).toBe(true);
    expect(totalOf({ ...config, architectures: ["OwlViTTextModel"] })).toBe(63_134_720);
    expect(totalOf({ ...config, architectures: ["OwlViTVisionModel"] })).toBe(87_860_736);
  });

  it("Owlv2ForObjectDetection owlv2-base-patch16-ensemble: 154,966,792 (HF API 154.97 M)", () => {
    const config = readFixtureConfig("google--owlv2-base-patch16-ensemble");
    const { parameters } = analyzeConfig(config);
    // vision at 960 px / patch 16: 3,601 positions; + objectness_head 2 × 590,592 + 768 + 1.
    expect(parameters?.components?.visionModel).toBe(768 + 589_824 + 3_601 * 768 + 1_536 + 85_054_464 + 1_536);
    expect(parameters?.components?.detectionHead).toBe(395_266 + 1_184_260 + 1_181_953 + 1_536);
    expect(parameters?.total).toBe(154_966_792);
    const s = shapes(config);
    expect(s.get("owlv2.vision_model.embeddings.patch_embedding.weight")).toEqual([768, 3, 16, 16]);
    expect(s.get("objectness_head.dense2.weight")).toEqual([1, 768]);
  });
});
