import { describe, expect, it } from "vitest";
import { analyzeDocuments } from "../../src/analyze/analyze-documents.js";
import { inputComputeText, inputText } from "../../src/reporters/input-text.js";
import { parseConfigBytes } from "../../src/sources/read-config-document.js";
import { readFixtureConfig } from "../helpers/count.js";

function inputOf(fixture: string) {
  const config = parseConfigBytes(Buffer.from(JSON.stringify(readFixtureConfig(fixture))), "config.json");
  return analyzeDocuments({ config, name: null, card: null }, { input: "x", kind: "directory", revision: null }, { rules: [], ruleSettings: {}, cwd: "." }).facts!.input!;
}

describe("the input and per-input compute lines", () => {
  it("a ViT: resolution, patches and tokens; GFLOPs and GMACs per image", () => {
    const i = inputOf("google--vit-base-patch16-224-in21k");
    expect(inputText(i)).toBe("224×224 RGB, 16-px patches: 196 patches + 1 class token = 197 tokens per image");
    expect(inputComputeText(i)).toBe("35.1 GFLOPs (17.6 GMACs) per 224×224 image, 197 positions through the encoder; attention scores 4.1% of it");
  });

  it("a speech encoder and a vision-language model", () => {
    expect(inputText(inputOf("facebook--wav2vec2-base-960h"))).toBe("16 kHz waveform (the family's feature extractor rate, assumed): 49 frames per second, one per 320 samples");
    expect(inputText(inputOf("llava-hf--llava-1.5-7b-hf"))).toBe("576 tokens per 336×336 image in the context: (336 / 14)² patches; the class token dropped");
    expect(inputComputeText(inputOf("llava-hf--llava-1.5-7b-hf"))).toBeNull();
  });
});
