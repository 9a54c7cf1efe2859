import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));
const NAME = "mistralai--Mistral-Small-3.1-24B-Instruct-2503";

describe("mistral3 (modeling_mistral3.py, Pixtral tower from modeling_pixtral.py)", () => {
  it("Mistral-Small-3.1-24B-Instruct-2503: 24,011,361,280", () => {
    // 24,011,361,280 is the published parameter total of Mistral Small 3.1 24B (KerasHub's mistral3
    // preset lists it as params). By hand:
    // Pixtral tower: patch_conv 1,024 × 3 × 14 × 14 = 602,112 + ln_pre 1,024 + 24 × 16,779,264 = 403,305,472.
    // projector: norm 1,024 + merging_layer 1,024 × 4,096 = 4,194,304 + linear_1 5,120 × 1,024 = 5,242,880
    // + linear_2 5,120² = 26,214,400 (multimodal_projector_bias false) → 35,652,608.
    // language model: 131,072 × 5,120 = 671,088,640 embed + 40 × (4,096 × 5,120 × 2 + 1,024 × 5,120 × 2
    // + 3 × 5,120 × 32,768 + 2 × 5,120 = 555,755,520) + 5,120 + untied lm_head 671,088,640 = 23,572,403,200.
    const { parameters } = analyzeConfig(readFixtureConfig(NAME));
    expect(602_112 + 1_024 + 24 * 16_779_264).toBe(403_305_472);
    expect(2 * 671_088_640 + 40 * 555_755_520 + 5_120).toBe(23_572_403_200);
    expect(parameters?.total).toBe(24_011_361_280);
    expect(parameters?.estimated).toBe(false);
    expect(parameters?.components).toEqual({ visionTower: 403_305_472, projector: 35_652_608, languageModel: 23_572_403_200 });
  });

  it("names: RMSNorm and patch merger without bias, projector linears without bias", () => {
    const s = shapes(readFixtureConfig(NAME));
    expect(s.get("model.multi_modal_projector.norm.weight")).toEqual([1024]);
    expect(s.has("model.multi_modal_projector.norm.bias")).toBe(false);
    expect(s.get("model.multi_modal_projector.patch_merger.merging_layer.weight")).toEqual([1024, 4096]);
    expect(s.get("model.multi_modal_projector.linear_1.weight")).toEqual([5120, 1024]);
    expect(s.has("model.multi_modal_projector.linear_1.bias")).toBe(false);
    expect(s.get("model.vision_tower.patch_conv.weight")).toEqual([1024, 3, 14, 14]);
    expect(s.get("model.vision_tower.transformer.layers.23.feed_forward.down_proj.weight")).toEqual([1024, 4096]);
    expect(s.get("lm_head.weight")).toEqual([131072, 5120]);
  });

  it("spatial_merge_size, vision_feature_layer lists and the projector bias", () => {
    const config = readFixtureConfig(NAME);
    expect(totalOf({ ...config, spatial_merge_size: 3 }) - totalOf(config)).toBe((9 - 4) * 1024 * 1024);
    expect(totalOf({ ...config, vision_feature_layer: [-1, -2] }) - totalOf(config)).toBe(1024 * 5120);
    expect(totalOf({ ...config, multimodal_projector_bias: true }) - totalOf(config)).toBe(2 * 5120);
  });

  it("Mistral3Model has no lm_head; the image size changes nothing", () => {
    const config = readFixtureConfig(NAME);
    const base = shapes({ ...config, architectures: ["Mistral3Model"] });
    expect(base.has("lm_head.weight")).toBe(false);
    expect(base.has("vision_tower.ln_pre.weight")).toBe(true);
    expect(totalOf({ ...config, vision_config: { ...(config.vision_config as object), image_size: 1024 } })).toBe(24_011_361_280);
  });

  it("defaults from configuration_mistral3.py: no vision_config is Pixtral with 14-pixel patches", () => {
    const { vision_config: _v, ...rest } = readFixtureConfig(NAME);
    expect(shapes(rest).get("model.vision_tower.patch_conv.weight")).toEqual([1024, 3, 14, 14]);
    expect(totalOf(rest)).toBe(24_011_361_280);
  });
});
