import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/** Source: facebook/detr-resnet-50 41,524,768 parameters in two public projects. */
describe("detr (modeling_detr.py)", () => {
  const config = readFixtureConfig("facebook--detr-resnet-50");

  it("detr-resnet-50: 41,524,768 module parameters", () => {
    // timm resnet50 without fc and BatchNorms (frozen: buffers): 25,557,032 − 2,049,000 − 53,120
    // = 23,454,912; input_projection 2,048 × 256 + 256 = 524,544; queries 100 × 256; encoder
    // layer 1,315,072 × 6; decoder layer 1,578,752 × 6; layernorm 512; class head 256 × 92 + 92;
    // box MLP 2 × 65,792 + 1,028.
    expect(25_557_032 - 2_049_000 - 53_120).toBe(23_454_912);
    expect(23_454_912 + 524_544 + 25_600 + 6 * 1_315_072 + 6 * 1_578_752 + 512 + 23_644 + 132_612).toBe(41_524_768);
    const { parameters, inventory } = analyzeConfig(config);
    expect(parameters?.total).toBe(41_524_768);
    expect(parameters?.estimated).toBe(false);
    expect(inventory?.encoderLayers).toBe(6);
    expect(inventory?.decoderLayers).toBe(6);
  });

  it("names: the timm backbone's convs only, no BatchNorm parameters; checkpoint names", () => {
    const s = shapes(config);
    expect(s.get("model.backbone.conv_encoder.model.conv1.weight")).toEqual([64, 3, 7, 7]);
    expect(s.get("model.backbone.conv_encoder.model.layer1.0.downsample.0.weight")).toEqual([256, 64, 1, 1]);
    expect(s.has("model.backbone.conv_encoder.model.bn1.weight")).toBe(false);
    expect(s.get("model.input_projection.weight")).toEqual([256, 2048, 1, 1]);
    expect(s.get("model.query_position_embeddings.weight")).toEqual([100, 256]);
    expect(s.get("model.decoder.layers.5.encoder_attn.out_proj.weight")).toEqual([256, 256]);
    expect(s.get("class_labels_classifier.weight")).toEqual([92, 256]);
    expect(s.get("bbox_predictor.layers.2.weight")).toEqual([4, 256]);
  });

  it("a backbone modelcheck does not know is counted as resnet50 and marked estimated", () => {
    const { parameters } = analyzeConfig({ ...config, backbone: "efficientnet_b3" });
    expect(parameters?.estimated).toBe(true);
    expect(totalOf({ ...config, position_embedding_type: "learned" }) - totalOf(config)).toBe(2 * 50 * 128);
  });
});

describe("detr with transformers' ResNetBackbone (use_timm_backbone false)", () => {
  it("the same convolutions as timm's resnet50, under embedder/encoder names", () => {
    const config = {
      ...readFixtureConfig("facebook--detr-resnet-50"),
      use_timm_backbone: false,
      backbone: null,
      backbone_config: { model_type: "resnet", depths: [3, 4, 6, 3], hidden_sizes: [256, 512, 1024, 2048], embedding_size: 64, layer_type: "bottleneck", out_features: ["stage4"] },
    };
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(41_524_768);
    expect(parameters?.estimated).toBe(false);
    const s = shapes(config);
    expect(s.get("model.backbone.conv_encoder.model.embedder.embedder.convolution.weight")).toEqual([64, 3, 7, 7]);
    expect(s.has("model.backbone.conv_encoder.model.embedder.embedder.normalization.weight")).toBe(false);
  });
});
