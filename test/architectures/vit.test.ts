import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { patchCount, readSize } from "../../src/architectures/vit-encoder.js";
import { ConfigReader } from "../../src/normalize/config-reader.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Sources: ViTModel of google/vit-base-patch16-224-in21k 86,389,248 (num_parameters() of its
 * fine-tunes in a public list); ViTForImageClassification of google/vit-base-patch16-224
 * 86,567,656 (torchvision vit_b_16 num_params, the same tensors); DeiT-B distilled derived from
 * modeling_deit.py (87,338,192; timm 87.34M).
 */
describe("vit (modeling_vit.py)", () => {
  const config = readFixtureConfig("google--vit-base-patch16-224-in21k");

  it("ViTModel vit-base-patch16-224-in21k: 86,389,248, by hand", () => {
    // cls 768; positions (14² + 1) × 768 = 151,296; patch conv 768 × 3 × 16 × 16 + 768 = 590,592;
    // per layer q/k/v/out 4 × (768² + 768) = 2,362,368, MLP 2 × 768 × 3,072 + 3,072 + 768 = 4,722,432,
    // two LayerNorms 3,072 → 7,087,872 × 12 = 85,054,464; layernorm 1,536; pooler 590,592.
    expect(768 + 151_296 + 590_592 + 85_054_464 + 1_536 + 590_592).toBe(86_389_248);
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(86_389_248);
    expect(parameters?.estimated).toBe(false);
  });

  it("ViTModel names: no prefix, the pooler, conv kernel [768, 3, 16, 16], no mask token", () => {
    const s = shapes(config);
    expect(s.get("embeddings.cls_token")).toEqual([1, 1, 768]);
    expect(s.get("embeddings.position_embeddings")).toEqual([1, 197, 768]);
    expect(s.get("embeddings.patch_embeddings.projection.weight")).toEqual([768, 3, 16, 16]);
    expect(s.get("encoder.layer.11.attention.attention.key.bias")).toEqual([768]);
    expect(s.get("encoder.layer.0.intermediate.dense.weight")).toEqual([3072, 768]);
    expect(s.get("encoder.layer.0.layernorm_before.weight")).toEqual([768]);
    expect(s.get("pooler.dense.weight")).toEqual([768, 768]);
    expect(s.has("embeddings.mask_token")).toBe(false);
  });

  it("ViTForImageClassification: vit. prefix, no pooler, classifier [num_labels, 768] → 86,567,656", () => {
    const c = { ...config, architectures: ["ViTForImageClassification"], num_labels: 1000 };
    expect(totalOf(c)).toBe(86_567_656);
    const s = shapes(c);
    expect(s.has("vit.pooler.dense.weight")).toBe(false);
    expect(s.get("classifier.weight")).toEqual([1000, 768]);
    expect(s.get("vit.layernorm.bias")).toEqual([768]);
    // Labels also come from id2label; without either there are 2.
    expect(totalOf({ ...config, architectures: ["ViTForImageClassification"], id2label: { 0: "a", 1: "b", 2: "c" } })).toBe(86_389_248 - 590_592 + 3 * 768 + 3);
  });

  it("ViTForMaskedImageModeling: mask token and a 1×1 decoder to encoder_stride² × channels", () => {
    const c = { ...config, architectures: ["ViTForMaskedImageModeling"], encoder_stride: 16 };
    const s = shapes(c);
    expect(s.get("vit.embeddings.mask_token")).toEqual([1, 1, 768]);
    expect(s.get("decoder.0.weight")).toEqual([768, 768, 1, 1]);
    expect(totalOf(c)).toBe(86_390_016);
  });

  it("qkv_bias false drops q/k/v biases; image size resizes only the positions", () => {
    expect(totalOf(config) - totalOf({ ...config, qkv_bias: false })).toBe(12 * 3 * 768);
    expect(shapes({ ...config, image_size: 384 }).get("embeddings.position_embeddings")).toEqual([1, 577, 768]);
    expect(shapes({ ...config, image_size: [224, 448] }).get("embeddings.position_embeddings")).toEqual([1, 14 * 28 + 1, 768]);
  });

  it("defaults from configuration_vit.py: 768 wide, 12 layers, 3,072 MLP, 224 / 16, 3 channels", () => {
    expect(totalOf({ model_type: "vit", architectures: ["ViTModel"] })).toBe(86_389_248);
  });
});

describe("deit (modeling_deit.py)", () => {
  const config = readFixtureConfig("facebook--deit-base-distilled-patch16-224");

  it("DeiTForImageClassificationWithTeacher: 87,338,192 with two classifiers and a distillation token", () => {
    // ViT-B's 86,389,248 − pooler 590,592 + distillation token 768 + one more position 768
    // + cls_classifier and distillation_classifier 2 × 769,000.
    expect(86_389_248 - 590_592 + 768 + 768 + 2 * 769_000).toBe(87_338_192);
    expect(totalOf(config)).toBe(87_338_192);
    const s = shapes(config);
    expect(s.get("deit.embeddings.distillation_token")).toEqual([1, 1, 768]);
    expect(s.get("deit.embeddings.position_embeddings")).toEqual([1, 198, 768]);
    expect(s.get("cls_classifier.weight")).toEqual([1000, 768]);
    expect(s.get("distillation_classifier.bias")).toEqual([1000]);
    expect(s.has("classifier.weight")).toBe(false);
    expect(s.has("deit.pooler.dense.weight")).toBe(false);
  });

  it("DeiTForImageClassification has one classifier; DeiTModel the pooler", () => {
    expect(totalOf({ ...config, architectures: ["DeiTForImageClassification"] })).toBe(87_338_192 - 769_000);
    expect(shapes({ ...config, architectures: ["DeiTModel"] }).get("pooler.dense.weight")).toEqual([768, 768]);
  });
});

describe("vit-encoder helpers", () => {
  it("readSize takes an integer or a [height, width] list; patchCount floors each side", () => {
    const r = new ConfigReader({ image_size: [800, 1333], patch_size: 16 }, "", []);
    expect(readSize(r, "image_size", 224)).toEqual([800, 1333]);
    expect(readSize(r, "patch_size", 14)).toEqual([16, 16]);
    expect(readSize(r, "missing", 518)).toEqual([518, 518]);
    expect(patchCount({ imageSize: [800, 1333], patchSize: [16, 16] })).toBe(50 * 83);
  });
});

describe("vitEncoderLayers options (for other towers)", () => {
  it("fused qkv, bias-free norms and out, gated MLP, one role", async () => {
    const { vitEncoderLayers } = await import("../../src/architectures/vit-encoder.js");
    const { expandTensors } = await import("../../src/architectures/inventory.js");
    const tensors = vitEncoderLayers("blocks.{i}", { hidden: 8, intermediate: 16, qkvBias: true }, [0, 1], {
      names: { norms: ["norm1", "norm2"], query: "", key: "", value: "", out: "attn.proj", fc1: "", fc2: "" },
      fusedQkv: "attn.qkv",
      normBias: false,
      outBias: false,
      gatedMlp: { gate: "mlp.gate_proj", up: "mlp.up_proj", down: "mlp.down_proj" },
      role: "vision",
    });
    const s = new Map([...expandTensors({ tensors, tied: [], expertsPerToken: null, estimated: false, notes: [] })].map((t) => [t.name, t.shape]));
    expect(s.get("blocks.1.attn.qkv.weight")).toEqual([24, 8]);
    expect(s.get("blocks.1.attn.qkv.bias")).toEqual([24]);
    expect(s.has("blocks.0.attn.proj.bias")).toBe(false);
    expect(s.has("blocks.0.norm1.bias")).toBe(false);
    expect(s.get("blocks.0.mlp.gate_proj.weight")).toEqual([16, 8]);
    expect(s.get("blocks.0.mlp.down_proj.bias")).toEqual([8]);
    expect(new Set(tensors.map((t) => t.role))).toEqual(new Set(["vision"]));
  });
});
