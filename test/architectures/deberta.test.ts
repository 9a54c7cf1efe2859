import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * DeBERTa and DeBERTa-v2/v3 (modeling_deberta.py, modeling_deberta_v2.py). Sources:
 * microsoft/deberta-v3-base 183,831,552 (keras-hub deberta_v3_presets.py deberta_v3_base_en, and a
 * TFDebertaV2MainLayer summary; the model card's 86M backbone + 98M embedding);
 * microsoft/deberta-base 138,601,728 (AutoModel.from_pretrained(...) in a public num_parameters
 * list). Both configs name no class: DebertaV2Model / DebertaModel.
 */
describe("deberta-v2 (modeling_deberta_v2.py)", () => {
  const config = readFixtureConfig("microsoft--deberta-v3-base");

  it("deberta-v3-base: 183,831,552", () => {
    const { parameters, model } = analyzeConfig(config);
    expect(model.head).toBe("base");
    // By hand: word 128,100 × 768 = 98,380,800; no position table (position_biased_input false),
    // no token types (type_vocab_size 0); LayerNorm 1,536; layer q/k/v_proj 3 × 590,592 +
    // attention.output 590,592 + 1,536 + FFN 4,722,432 + 1,536 = 7,087,872 × 12 = 85,054,464
    // (share_att_key: no pos projections); rel_embeddings 2 × 256 buckets × 768 = 393,216;
    // encoder.LayerNorm (norm_rel_ebd "layer_norm") 1,536.
    expect(98_380_800 + 1_536 + 85_054_464 + 393_216 + 1_536).toBe(183_831_552);
    expect(parameters?.total).toBe(183_831_552);
    expect(parameters?.estimated).toBe(false);
  });

  it("names and what is absent", () => {
    const s = shapes(config);
    expect(s.get("embeddings.word_embeddings.weight")).toEqual([128100, 768]);
    expect(s.has("embeddings.position_embeddings.weight")).toBe(false);
    expect(s.has("embeddings.token_type_embeddings.weight")).toBe(false);
    expect(s.get("encoder.layer.0.attention.self.query_proj.bias")).toEqual([768]);
    expect(s.has("encoder.layer.0.attention.self.pos_key_proj.weight")).toBe(false);
    expect(s.get("encoder.rel_embeddings.weight")).toEqual([512, 768]);
    expect(s.get("encoder.LayerNorm.weight")).toEqual([768]);
    expect(s.has("encoder.conv.conv.weight")).toBe(false);
  });

  it("without share_att_key: pos_key_proj (c2p) and pos_query_proj (p2c), both biased", () => {
    const s = shapes({ ...config, share_att_key: false });
    expect(s.get("encoder.layer.3.attention.self.pos_key_proj.bias")).toEqual([768]);
    expect(s.get("encoder.layer.3.attention.self.pos_query_proj.weight")).toEqual([768, 768]);
    expect(totalOf({ ...config, share_att_key: false, pos_att_type: ["c2p"] }) - totalOf(config)).toBe(12 * 590_592);
  });

  it("position buckets, max_relative_positions, conv layer, position and token-type tables, embed_proj", () => {
    expect(shapes({ ...config, position_buckets: -1 }).get("encoder.rel_embeddings.weight")).toEqual([1024, 768]);
    expect(shapes({ ...config, position_buckets: -1, max_relative_positions: 128 }).get("encoder.rel_embeddings.weight")).toEqual([256, 768]);
    const conv = shapes({ ...config, conv_kernel_size: 3, conv_groups: 2 });
    expect(conv.get("encoder.conv.conv.weight")).toEqual([768, 384, 3]);
    expect(conv.get("encoder.conv.LayerNorm.bias")).toEqual([768]);
    expect(totalOf({ ...config, position_biased_input: true, type_vocab_size: 2 }) - totalOf(config)).toBe(512 * 768 + 2 * 768);
    const proj = shapes({ ...config, embedding_size: 128 });
    expect(proj.get("embeddings.word_embeddings.weight")).toEqual([128100, 128]);
    expect(proj.get("embeddings.embed_proj.weight")).toEqual([768, 128]);
    expect(proj.has("embeddings.embed_proj.bias")).toBe(false);
  });

  it("DebertaV2ForMaskedLM: legacy cls.predictions (default) or lm_predictions.lm_head", () => {
    const mlm = { ...config, architectures: ["DebertaV2ForMaskedLM"] };
    const s = shapes(mlm);
    expect(s.get("deberta.embeddings.word_embeddings.weight")).toEqual([128100, 768]);
    expect(s.get("cls.predictions.transform.dense.weight")).toEqual([768, 768]);
    expect(s.get("cls.predictions.bias")).toEqual([128100]);
    expect(s.has("cls.predictions.decoder.weight")).toBe(false);
    expect(totalOf(mlm)).toBe(183_831_552 + 590_592 + 1_536 + 128_100);
    const modern = shapes({ ...mlm, legacy: false });
    expect(modern.get("lm_predictions.lm_head.dense.weight")).toEqual([768, 768]);
    expect(modern.get("lm_predictions.lm_head.bias")).toEqual([128100]);
    expect(totalOf({ ...mlm, legacy: false })).toBe(totalOf(mlm));
  });

  it("classification: ContextPooler + classifier; token classification and QA without pooler", () => {
    expect(totalOf({ ...config, architectures: ["DebertaV2ForSequenceClassification"], num_labels: 3 })).toBe(183_831_552 + 590_592 + 3 * 768 + 3);
    expect(totalOf({ ...config, architectures: ["DebertaV2ForMultipleChoice"] })).toBe(183_831_552 + 590_592 + 768 + 1);
    expect(totalOf({ ...config, architectures: ["DebertaV2ForTokenClassification"], num_labels: 5 })).toBe(183_831_552 + 5 * 768 + 5);
    expect(totalOf({ ...config, architectures: ["DebertaV2ForQuestionAnswering"] })).toBe(183_831_552 + 2 * 768 + 2);
  });
});

describe("deberta (modeling_deberta.py)", () => {
  const config = readFixtureConfig("microsoft--deberta-base");

  it("deberta-base: 138,601,728", () => {
    // By hand: word 50,265 × 768 = 38,603,520 + LayerNorm 1,536; layer: in_proj 2,304 × 768 =
    // 1,769,472 (no bias), q_bias + v_bias 1,536, pos_proj 589,824 (c2p, no bias), pos_q_proj
    // 590,592 (p2c), attention.output 592,128, FFN 4,723,968 → 8,267,520 × 12 = 99,210,240;
    // rel_embeddings 2 × 512 × 768 = 786,432.
    expect(38_603_520 + 1_536 + 99_210_240 + 786_432).toBe(138_601_728);
    expect(totalOf(config)).toBe(138_601_728);
  });

  it("names: fused in_proj, q_bias/v_bias, pos_proj without bias; talking heads when asked", () => {
    const s = shapes(config);
    expect(s.get("encoder.layer.0.attention.self.in_proj.weight")).toEqual([2304, 768]);
    expect(s.has("encoder.layer.0.attention.self.in_proj.bias")).toBe(false);
    expect(s.get("encoder.layer.0.attention.self.q_bias")).toEqual([768]);
    expect(s.has("encoder.layer.0.attention.self.pos_proj.bias")).toBe(false);
    expect(s.get("encoder.layer.0.attention.self.pos_q_proj.bias")).toEqual([768]);
    expect(s.get("encoder.rel_embeddings.weight")).toEqual([1024, 768]);
    expect(s.has("encoder.LayerNorm.weight")).toBe(false);
    expect(totalOf({ ...config, talking_head: true }) - totalOf(config)).toBe(12 * 2 * 144);
  });

  it("defaults from configuration_deberta.py: no relative attention, position table, 0 token types", () => {
    const s = shapes({ model_type: "deberta" });
    expect(s.get("embeddings.position_embeddings.weight")).toEqual([512, 768]);
    expect(s.has("encoder.rel_embeddings.weight")).toBe(false);
    expect(s.has("embeddings.token_type_embeddings.weight")).toBe(false);
    expect(s.has("encoder.layer.0.attention.self.pos_proj.weight")).toBe(false);
    expect(totalOf({ ...config, architectures: ["DebertaForMaskedLM"] })).toBe(138_601_728 + 590_592 + 1_536 + 50_265);
  });
});
