import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * CamemBERT, ERNIE and XLM-RoBERTa-XL through bert.ts (modeling_camembert.py, modeling_ernie.py,
 * modeling_xlm_roberta_xl.py). Sources: facebook/xlm-roberta-xl 3,482,741,760 from a public
 * per-model parameter list (the same list gives xlm-roberta-base 278,295,186, bert.test.ts's
 * XLMRobertaForMaskedLM count); CamemBERT and ERNIE are derived (Hub model sizes 111M and 118M).
 */
describe("camembert (RoBERTa's layout)", () => {
  const config = readFixtureConfig("almanach--camembert-base");

  it("camembert-base: CamembertModel 110,621,952, CamembertForMaskedLM 110,655,493", () => {
    // roberta-base's RobertaModel 124,645,632 with the vocabulary 50,265 → 32,005: − 18,260 × 768.
    expect(totalOf({ ...config, architectures: ["CamembertModel"] })).toBe(124_645_632 - 18_260 * 768);
    // Masked LM: no pooler; lm_head dense 590,592 + layer_norm 1,536 + bias 32,005.
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(110_621_952 + 1_536 + 32_005);
    expect(parameters?.estimated).toBe(false);
  });

  it("names: roberta.* base and lm_head, like RoBERTa", () => {
    const s = shapes(config);
    expect(s.get("roberta.embeddings.word_embeddings.weight")).toEqual([32005, 768]);
    expect(s.get("roberta.embeddings.token_type_embeddings.weight")).toEqual([1, 768]);
    expect(s.get("lm_head.bias")).toEqual([32005]);
    expect(s.has("roberta.pooler.dense.weight")).toBe(false);
    expect(totalOf({ ...config, architectures: ["CamembertForSequenceClassification"] })).toBe(110_621_952 + 1_538);
  });
});

describe("ernie (BERT's layout with task-type embeddings)", () => {
  const config = readFixtureConfig("nghuyong--ernie-3.0-base-zh");

  it("ernie-3.0-base-zh: ErnieModel 117,944,832, ErnieForMaskedLM 117,986,368", () => {
    // word 40,000 × 768 = 30,720,000; positions 2,048 × 768 = 1,572,864; token types 4 × 768;
    // task types 3 × 768 (use_task_id); LayerNorm 1,536; 12 × 7,087,872; pooler 590,592.
    expect(30_720_000 + 1_572_864 + 3_072 + 2_304 + 1_536 + 12 * 7_087_872 + 590_592).toBe(117_944_832);
    expect(totalOf({ ...config, architectures: ["ErnieModel"] })).toBe(117_944_832);
    expect(totalOf(config)).toBe(117_944_832 - 590_592 + 590_592 + 1_536 + 40_000);
  });

  it("names: ernie.* prefix, task_type_embeddings only with use_task_id", () => {
    const s = shapes(config);
    expect(s.get("ernie.embeddings.task_type_embeddings.weight")).toEqual([3, 768]);
    expect(s.get("cls.predictions.transform.dense.weight")).toEqual([768, 768]);
    expect(s.has("ernie.pooler.dense.weight")).toBe(false);
    expect(shapes({ ...config, use_task_id: false }).has("ernie.embeddings.task_type_embeddings.weight")).toBe(false);
    expect(totalOf({ ...config, architectures: ["ErnieForPreTraining"] })).toBe(117_944_832 + 632_128 + 1_538);
  });
});

describe("xlm-roberta-xl (pre-LN RoBERTa)", () => {
  const config = readFixtureConfig("facebook--xlm-roberta-xl");

  it("xlm-roberta-xl: XLMRobertaXLForMaskedLM 3,482,741,760", () => {
    // Embeddings 250,880 × 2,560 = 642,252,800, positions 514 × 2,560 = 1,315,840, token type
    // 2,560, no LayerNorm. Layer: self_attn_layer_norm 5,120, q/k/v 3 × 6,556,160, output dense
    // 6,556,160, LayerNorm 5,120, intermediate 26,224,640, output 26,216,960 → 78,676,480 × 36;
    // encoder.LayerNorm 5,120; lm_head dense 6,556,160 + layer_norm 5,120 + bias 250,880.
    expect(642_252_800 + 1_315_840 + 2_560 + 36 * 78_676_480 + 5_120 + 6_556_160 + 5_120 + 250_880).toBe(3_482_741_760);
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(3_482_741_760);
    expect(parameters?.estimated).toBe(false);
  });

  it("names: no embeddings LayerNorm, self_attn_layer_norm, the layer's LayerNorm, encoder.LayerNorm", () => {
    const s = shapes(config);
    expect(s.has("roberta.embeddings.LayerNorm.weight")).toBe(false);
    expect(s.get("roberta.encoder.layer.35.attention.self_attn_layer_norm.weight")).toEqual([2560]);
    expect(s.has("roberta.encoder.layer.0.attention.output.LayerNorm.weight")).toBe(false);
    expect(s.get("roberta.encoder.layer.0.LayerNorm.bias")).toEqual([2560]);
    expect(s.has("roberta.encoder.layer.0.output.LayerNorm.weight")).toBe(false);
    expect(s.get("roberta.encoder.LayerNorm.weight")).toEqual([2560]);
    expect(totalOf({ ...config, architectures: ["XLMRobertaXLModel"] })).toBe(3_482_741_760 - 6_812_160 + 6_556_160);
  });

  it("defaults from configuration_xlm_roberta_xl.py are XL's", () => {
    const { model } = analyzeConfig({ model_type: "xlm-roberta-xl" });
    expect([model.hiddenSize.value, model.numLayers.value, model.vocabSize.value, model.intermediateSize.value]).toEqual([2560, 36, 250880, 10240]);
  });
});

describe("multiple choice and causal LM of camembert, ernie and xlm-roberta-xl", () => {
  it("multiple choice keeps the pooler and adds classifier [1, h]; causal LM is the MLM head without pooler", () => {
    const camembert = readFixtureConfig("almanach--camembert-base");
    expect(totalOf({ ...camembert, architectures: ["CamembertForMultipleChoice"] })).toBe(110_621_952 + 769);
    expect(totalOf({ ...camembert, architectures: ["CamembertForCausalLM"] })).toBe(totalOf(camembert));
    const ernie = readFixtureConfig("nghuyong--ernie-3.0-base-zh");
    expect(totalOf({ ...ernie, architectures: ["ErnieForMultipleChoice"] })).toBe(117_944_832 + 769);
    expect(totalOf({ ...ernie, architectures: ["ErnieForCausalLM"] })).toBe(totalOf(ernie));
    const xl = readFixtureConfig("facebook--xlm-roberta-xl");
    expect(totalOf({ ...xl, architectures: ["XLMRobertaXLForMultipleChoice"] })).toBe(3_482_485_760 + 2_561);
    expect(totalOf({ ...xl, architectures: ["XLMRobertaXLForCausalLM"] })).toBe(3_482_741_760);
  });
});
