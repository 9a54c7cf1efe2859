import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * ELECTRA (modeling_electra.py). Source: keras-hub electra_presets.py lists
 * electra_small_discriminator_uncased_en 13,548,800 and electra_base_discriminator_uncased_en
 * 109,482,240; its ElectraBackbone adds a pooled_dense [h, h] + h that transformers' ElectraModel
 * does not have, so ElectraModel is 13,548,800 − 65,792 and 109,482,240 − 590,592.
 */
describe("electra (modeling_electra.py)", () => {
  it("electra-small-discriminator: ElectraModel 13,483,008, ElectraForPreTraining 13,549,057", () => {
    const config = readFixtureConfig("google--electra-small-discriminator");
    // By hand: word 30,522 × 128 = 3,906,816; positions 65,536; token types 256; LayerNorm 256;
    // embeddings_project 256 × 128 + 256 = 33,024; layer 4 × 65,792 + 2 × 512 + 263,168 + 262,400
    // = 789,760 × 12 = 9,477,120.
    expect(3_906_816 + 65_536 + 256 + 256 + 33_024 + 9_477_120).toBe(13_548_800 - 65_792);
    expect(totalOf({ ...config, architectures: ["ElectraModel"] })).toBe(13_483_008);
    // Discriminator head: dense 65,792 + dense_prediction 257.
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(13_483_008 + 65_792 + 257);
    expect(parameters?.estimated).toBe(false);
  });

  it("electra-base-discriminator: no embeddings_project when embedding_size equals hidden_size", () => {
    const config = readFixtureConfig("google--electra-base-discriminator");
    expect(totalOf({ ...config, architectures: ["ElectraModel"] })).toBe(109_482_240 - 590_592);
    expect(shapes(config).has("electra.embeddings_project.weight")).toBe(false);
    expect(totalOf(config)).toBe(109_482_240 - 590_592 + 590_592 + 769);
  });

  it("names: E-wide embeddings, BERT layers under electra.encoder, no pooler", () => {
    const s = shapes(readFixtureConfig("google--electra-small-discriminator"));
    expect(s.get("electra.embeddings.word_embeddings.weight")).toEqual([30522, 128]);
    expect(s.get("electra.embeddings.LayerNorm.weight")).toEqual([128]);
    expect(s.get("electra.embeddings_project.weight")).toEqual([256, 128]);
    expect(s.get("electra.encoder.layer.11.attention.self.query.weight")).toEqual([256, 256]);
    expect(s.get("electra.encoder.layer.0.intermediate.dense.weight")).toEqual([1024, 256]);
    expect(s.get("discriminator_predictions.dense_prediction.weight")).toEqual([1, 256]);
    expect([...s.keys()].some((n) => n.includes("pooler"))).toBe(false);
  });

  it("ElectraForMaskedLM (the generator): generator_predictions at width E, tied lm head with its own bias", () => {
    const config = { ...readFixtureConfig("google--electra-small-discriminator"), architectures: ["ElectraForMaskedLM"] };
    const s = shapes(config);
    expect(s.get("generator_predictions.dense.weight")).toEqual([128, 256]);
    expect(s.get("generator_predictions.LayerNorm.weight")).toEqual([128]);
    expect(s.get("generator_lm_head.bias")).toEqual([30522]);
    expect(s.has("generator_lm_head.weight")).toBe(false);
    expect(totalOf(config)).toBe(13_483_008 + 32_896 + 256 + 30_522);
    expect(totalOf({ ...config, tie_word_embeddings: false }) - totalOf(config)).toBe(30522 * 128);
  });

  it("classification: ElectraClassificationHead (dense + out_proj), token classification, QA", () => {
    const config = readFixtureConfig("google--electra-base-discriminator");
    const model = 109_482_240 - 590_592;
    expect(totalOf({ ...config, architectures: ["ElectraForSequenceClassification"], num_labels: 3 })).toBe(model + 590_592 + 3 * 768 + 3);
    expect(totalOf({ ...config, architectures: ["ElectraForTokenClassification"], num_labels: 9 })).toBe(model + 9 * 768 + 9);
    expect(totalOf({ ...config, architectures: ["ElectraForQuestionAnswering"] })).toBe(model + 2 * 768 + 2);
  });

  it("defaults from configuration_electra.py are the small discriminator's", () => {
    const { model } = analyzeConfig({ model_type: "electra" });
    expect(model.head).toBe("pretraining");
    expect(model.hiddenSize.value).toBe(256);
    expect(totalOf({ model_type: "electra", architectures: ["ElectraModel"] })).toBe(13_483_008);
  });
});
