import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Sources: fair-esm's parameter counts in a public script's model table, esm2_t33_650M_UR50D
 * 651,043,254 and esm2_t30_150M_UR50D 148,140,154 (the same modules as EsmForMaskedLM, contact head
 * included); esm2_t6_8M: a Trainer log's 7,840,794 = this count + the 1,026 × 320 position table
 * older transformers built even for rotary ESM-2.
 */
describe("esm (modeling_esm.py)", () => {
  it("esm2_t33_650M_UR50D: 651,043,254 by hand", () => {
    const config = readFixtureConfig("facebook--esm2_t33_650M_UR50D");
    // word 33 × 1,280 = 42,240 (rotary: no position table; emb_layer_norm_before false).
    // Layer: q/k/v/attention.output.dense 4 × (1,280² + 1,280) = 6,558,720, attention.LayerNorm 2,560,
    // intermediate 6,558,720, output 6,554,880, LayerNorm 2,560 → 19,677,440 × 33 = 649,355,520.
    // emb_layer_norm_after 2,560; contact_head.regression 33 × 20 + 1 = 661; lm_head dense 1,639,680 + layer_norm 2,560 + bias 33.
    const byHand = 42_240 + 649_355_520 + 2_560 + 661 + 1_639_680 + 2_560 + 33;
    expect(byHand).toBe(651_043_254);
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(651_043_254);
    expect(parameters?.estimated).toBe(false);
  });

  it("esm2_t30_150M: 148,140,154; esm2_t6_8M: 7,840,794 − 1,026 × 320", () => {
    const t6 = readFixtureConfig("facebook--esm2_t6_8M_UR50D");
    expect(totalOf({ ...t6, hidden_size: 640, intermediate_size: 2560, num_hidden_layers: 30 })).toBe(148_140_154);
    expect(totalOf(t6)).toBe(7_840_794 - 1026 * 320);
  });

  it("names: esm.* pre-norm layers, contact head, lm_head without decoder bias, tied decoder", () => {
    const config = readFixtureConfig("facebook--esm2_t33_650M_UR50D");
    const s = shapes(config);
    expect(s.has("esm.embeddings.position_embeddings.weight")).toBe(false);
    expect(s.has("esm.embeddings.layer_norm.weight")).toBe(false);
    expect(s.get("esm.encoder.layer.32.attention.LayerNorm.weight")).toEqual([1280]);
    expect(s.get("esm.encoder.layer.0.LayerNorm.bias")).toEqual([1280]);
    expect(s.has("esm.encoder.layer.0.attention.output.LayerNorm.weight")).toBe(false);
    expect(s.get("esm.encoder.emb_layer_norm_after.weight")).toEqual([1280]);
    expect(s.get("esm.contact_head.regression.weight")).toEqual([1, 660]);
    expect(s.get("lm_head.bias")).toEqual([33]);
    expect(s.has("lm_head.decoder.weight")).toBe(false);
    expect(s.has("esm.pooler.dense.weight")).toBe(false);
    expect(totalOf({ ...config, tie_word_embeddings: false }) - totalOf(config)).toBe(42_240);
  });

  it("heads and options: EsmModel's pooler, classifiers without it, absolute positions, emb_layer_norm_before", () => {
    const config = readFixtureConfig("facebook--esm2_t33_650M_UR50D");
    const lmHead = 1_639_680 + 2_560 + 33;
    const encoder = 651_043_254 - lmHead;
    expect(totalOf({ ...config, architectures: ["EsmModel"] })).toBe(encoder + 1_639_680);
    expect(totalOf({ ...config, architectures: ["EsmForSequenceClassification"], num_labels: 2 })).toBe(encoder + 1_639_680 + 2 * 1280 + 2);
    expect(totalOf({ ...config, architectures: ["EsmForTokenClassification"], num_labels: 3 })).toBe(encoder + 3 * 1280 + 3);
    expect(totalOf({ ...config, position_embedding_type: "absolute" }) - totalOf(config)).toBe(1026 * 1280);
    expect(totalOf({ ...config, emb_layer_norm_before: true }) - totalOf(config)).toBe(2 * 1280);
  });
});
