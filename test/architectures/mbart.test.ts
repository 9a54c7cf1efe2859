import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Source: MBartForConditionalGeneration.num_parameters() = 610,879,488 for the mbart-large-50 shape
 * (fairseq issue #4980, and an ACL 2023 paper's appendix); fixtures/expected/facebook--mbart-large-50.json.
 */
describe("mbart (modeling_mbart.py)", () => {
  it("mbart-large-50: 610,879,488 = BART-large's layers + final layer_norm per stack", () => {
    const { parameters, inventory } = analyzeConfig(readFixtureConfig("facebook--mbart-large-50"));
    // By hand: shared 250,054 × 1,024 = 256,055,296; positions 2 × 1,026 × 1,024 = 2,101,248;
    // layernorm_embedding + layer_norm in both stacks 4 × 2,048 = 8,192; 12 encoder layers
    // 151,154,688 and 12 decoder layers 201,560,064 (as BART-large's).
    expect(256_055_296 + 2_101_248 + 8_192 + 151_154_688 + 201_560_064).toBe(610_879_488);
    expect(parameters?.total).toBe(610_879_488);
    expect(inventory?.encoderLayers).toBe(12);
    expect(inventory?.decoderLayers).toBe(12);
  });

  it("mbart-large-cc25: 27 fewer vocabulary rows, 610,851,840", () => {
    expect(totalOf(readFixtureConfig("facebook--mbart-large-cc25"))).toBe(610_879_488 - 27 * 1024);
  });

  it("names: offset positions, layernorm_embedding and final layer_norm in both stacks", () => {
    const s = shapes(readFixtureConfig("facebook--mbart-large-50"));
    expect(s.get("model.shared.weight")).toEqual([250054, 1024]);
    expect(s.get("model.encoder.embed_positions.weight")).toEqual([1026, 1024]);
    for (const stack of ["encoder", "decoder"]) {
      expect(s.get(`model.${stack}.layernorm_embedding.bias`)).toEqual([1024]);
      expect(s.get(`model.${stack}.layer_norm.weight`)).toEqual([1024]);
    }
    expect(s.has("lm_head.weight")).toBe(false);
    expect(s.has("final_logits_bias")).toBe(false);
  });

  it("heads: classification (dense + out_proj), QA (2 outputs), causal LM (decoder alone)", () => {
    const config = readFixtureConfig("facebook--mbart-large-50");
    expect(totalOf({ ...config, architectures: ["MBartForSequenceClassification"], num_labels: 3 })).toBe(610_879_488 + 1024 * 1024 + 1024 + 3 * 1024 + 3);
    expect(shapes({ ...config, architectures: ["MBartForSequenceClassification"] }).get("classification_head.out_proj.weight")).toEqual([2, 1024]);
    expect(totalOf({ ...config, architectures: ["MBartForQuestionAnswering"] })).toBe(610_879_488 + 2 * 1024 + 2);
    // Decoder embed_tokens 256,055,296 + positions 1,050,624 + two LayerNorms 4,096 + 12 layers 201,560,064.
    expect(totalOf({ ...config, architectures: ["MBartForCausalLM"] })).toBe(256_055_296 + 1_050_624 + 4_096 + 201_560_064);
  });

  it("defaults from configuration_mbart.py: BART-large's shape, tied", () => {
    const { model, inventory } = analyzeConfig({ model_type: "mbart", architectures: ["MBartForConditionalGeneration"] });
    expect(model.vocabSize.value).toBe(50265);
    expect(model.maxPositions.value).toBe(1024);
    expect(model.tieWordEmbeddings.value).toBe(true);
    expect(inventory?.decoderLayers).toBe(12);
  });
});
