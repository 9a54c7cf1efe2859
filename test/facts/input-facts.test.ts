import { describe, expect, it } from "vitest";
import { analyzeDocuments } from "../../src/analyze/analyze-documents.js";
import { parseConfigBytes } from "../../src/sources/read-config-document.js";
import { RULES } from "../../rules/index.js";
import { readFixtureConfig } from "../helpers/count.js";

function analyzed(fixture: string, edit: (c: Record<string, unknown>) => void = () => {}, rules = false) {
  const json = readFixtureConfig(fixture) as Record<string, unknown>;
  edit(json);
  const config = parseConfigBytes(Buffer.from(JSON.stringify(json)), "config.json");
  return analyzeDocuments({ config, name: null, card: null }, { input: "x", kind: "directory", revision: null }, { rules: rules ? RULES : [], ruleSettings: {}, cwd: "." });
}
const input = (fixture: string) => analyzed(fixture).facts!.input;

describe("what a vision encoder takes in, and the compute of one image", () => {
  it("ViT-B/16 at 224²: 196 patches + 1 class token, 17.56 GMACs (timm quotes 17.6 GMACs for vit_base_patch16_224)", () => {
    const i = input("google--vit-base-patch16-224-in21k")!;
    expect(i.image).toMatchObject({ height: 224, width: 224, channels: 3, patchSize: 16, patches: 196, extraTokens: 1, tokens: 197 });
    // Per layer 4·768² (q, k, v, o) + 2·768·3072 (MLP) = 7,077,888 weights, × 12 layers × 197 tokens;
    // the patch convolution 768·3·16·16 = 589,824 weights × 196 patches; the pooler 768² once (it reads the class token);
    // attention scores 2 × 197² × 768 × 12 layers.
    const attention = 2 * 197 ** 2 * 768 * 12;
    const macs = 7_077_888 * 12 * 197 + 589_824 * 196 + 768 * 768 + attention;
    expect(i.compute).toEqual({ per: "image", macs, flops: 2 * macs, attentionMacs: attention, tokens: 197 });
    expect(macs / 1e9).toBeCloseTo(17.6, 1);
  });

  it("CLIP ViT-B/32: the vision tower alone, 50 tokens, ≈ 4.4 GMACs (timm: vit_base_patch32_clip_224, 4.4 GMACs)", () => {
    const i = input("openai--clip-vit-base-patch32")!;
    expect(i.image).toMatchObject({ height: 224, patchSize: 32, patches: 49, tokens: 50 });
    expect(i.compute!.macs / 1e9).toBeCloseTo(4.4, 1);
  });

  it("counts the extra tokens each family adds: DeiT's distillation token, DINOv2's registers, YOLOS's detection tokens", () => {
    expect(input("facebook--deit-base-distilled-patch16-224")!.image).toMatchObject({ extraTokens: 2, tokens: 198 });
    // dinov2-with-registers-base: 518 / 14 = 37, 37² = 1,369 patches + 1 class + 4 registers.
    expect(input("facebook--dinov2-with-registers-base")!.image).toMatchObject({ patches: 1369, extraTokens: 5, tokens: 1374 });
    // yolos-small: image_size [512, 864] / 16 = 32 × 54 = 1,728 patches + 1 class + 100 detection tokens.
    expect(input("hustvl--yolos-small")!.image).toMatchObject({ height: 512, width: 864, patches: 1728, tokens: 1829 });
  });

  it("a hierarchical model (Swin) states its resolution but no token sequence and no per-image FLOPs", () => {
    const i = input("microsoft--swin-tiny-patch4-window7-224")!;
    expect(i.image).toMatchObject({ height: 224, tokens: null });
    expect(i.image!.note).toContain("downsample");
    expect(i.compute).toBeNull();
  });

  it("more layers, more multiply-adds: one more ViT layer adds its weights × tokens and its attention scores", () => {
    const base = input("google--vit-base-patch16-224-in21k")!.compute!;
    const deeper = analyzed("google--vit-base-patch16-224-in21k", (c) => (c.num_hidden_layers = 13)).facts!.input!.compute!;
    expect(deeper.macs - base.macs).toBe(7_077_888 * 197 + 2 * 197 ** 2 * 768);
  });
});

describe("what a speech encoder takes in", () => {
  it("wav2vec2-base: 16 kHz through strides 5·2⁶ = 320 samples, 49 frames per second", () => {
    const i = input("facebook--wav2vec2-base-960h")!;
    // 16,000 → ⌊(16000 − 10) / 5⌋ + 1 = 3,199 → 1,599 → 799 → 399 → 199 (kernels 3) → 99 → 49 (kernels 2).
    expect(i.audio).toMatchObject({ sampleRate: 16_000, framesPerSecond: 49, hopSamples: 320 });
    const conv = 3199 * 512 * 1 * 10 + (1599 + 799 + 399 + 199) * 512 * 512 * 3 + (99 + 49) * 512 * 512 * 2;
    // The convolutions' share alone, then everything after them runs once per frame.
    expect(i.compute!.per).toBe("second of audio");
    expect(i.compute!.tokens).toBe(49);
    expect(i.compute!.macs).toBeGreaterThan(conv);
    expect(i.compute!.attentionMacs).toBe(2 * 49 ** 2 * 768 * 12);
  });
});

describe("the tokens an image adds to a vision-language model's context", () => {
  it.each([
    // LLaVA-1.5: (336 / 14)² = 576, the CLIP class token dropped ("default" strategy).
    ["llava-hf--llava-1.5-7b-hf", 576, false],
    // SmolVLM-256M: (512 / 16)² = 1,024 patches, pixel-shuffled by scale_factor 4 → 64 (the model card: 64 tokens per 512² tile).
    ["HuggingFaceTB--SmolVLM-256M-Instruct", 64, true],
    // Llama 4: (336 / 14)² = 576 patches × pixel_shuffle_ratio² 0.25 = 144 per tile.
    ["meta-llama--Llama-4-Scout-17B-16E-Instruct", 144, true],
    // InternVL3: image_seq_length 256 = (448 / 14)² × 0.5².
    ["OpenGVLab--InternVL3-1B-hf", 256, true],
    // Gemma 3: mm_tokens_per_image.
    ["google--gemma-3-4b-it", 256, false],
    // BLIP-2: 32 learned queries.
    ["Salesforce--blip2-opt-2.7b", 32, false],
  ])("%s: %i per image or tile", (fixture, perImage, perTile) => {
    expect(input(fixture)!.imageTokens).toMatchObject({ perImage, perTile, crossAttention: false });
  });

  it("says so when the count depends on the image (Qwen2.5-VL) or the image never enters the context (Llama 3.2 Vision)", () => {
    expect(input("Qwen--Qwen2.5-VL-3B-Instruct")!.imageTokens).toMatchObject({ perImage: null, resolution: null });
    expect(input("meta-llama--Llama-3.2-11B-Vision-Instruct")!.imageTokens).toMatchObject({ perImage: 0, crossAttention: true });
  });

  it("reads list-valued sizes without reporting them as type problems (InternVL's image_size [448, 448])", () => {
    const result = analyzed("OpenGVLab--InternVL3-1B-hf", () => {}, true);
    expect(result.facts!.input!.imageTokens!.resolution).toEqual([448, 448]);
    expect(result.findings.filter((f) => f.ruleId === "MC003")).toEqual([]);
    // The rules do run: a string where a dimension belongs is still reported.
    const broken = analyzed("OpenGVLab--InternVL3-1B-hf", (c) => ((c.text_config as Record<string, unknown>).num_hidden_layers = "24"), true);
    expect(broken.findings.map((f) => f.ruleId)).toContain("MC003");
  });

  it("text models have no input facts", () => {
    expect(input("meta-llama--Meta-Llama-3-8B")).toBeNull();
  });
});
