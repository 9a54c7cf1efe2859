import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * Source: Hub safetensors total of Alibaba-NLP/gte-large-en-v1.5, 434,139,136 (listed with its revision
 * in a public model table). Snowflake's arctic-embed-m-v2.0 (gte-multilingual-base's layout, vocab
 * 250,048, one token type) is listed at 305,368,320, which the same inventory reproduces.
 */
describe("new / GTE v1.5 (remote code Alibaba-NLP/new-impl modeling.py)", () => {
  const config = readFixtureConfig("Alibaba-NLP--gte-large-en-v1.5");

  it("gte-large-en-v1.5: 434,139,136 by hand", () => {
    // word 30,528 × 1,024 = 31,260,672; token types 2 × 1,024; LayerNorm 2,048; rope: no position table.
    // Layer: qkv_proj 3,072 × 1,024 + 3,072 = 3,148,800, o_proj 1,049,600, up_gate_proj 8,192 × 1,024 = 8,388,608 (no bias),
    // down_proj 4,096 × 1,024 + 1,024 = 4,195,328, attn_ln + mlp_ln 4,096 → 16,786,432 × 24 = 402,874,368.
    const byHand = 31_260_672 + 2_048 + 2_048 + 402_874_368;
    expect(byHand).toBe(434_139_136);
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(434_139_136);
    expect(parameters?.estimated).toBe(false);
  });

  it("gte-multilingual-base's shapes: 305,368,320", () => {
    const multilingual = { ...config, vocab_size: 250048, hidden_size: 768, num_hidden_layers: 12, num_attention_heads: 12, intermediate_size: 3072, type_vocab_size: 1 };
    expect(totalOf(multilingual)).toBe(305_368_320);
  });

  it("names; gated MLP whatever hidden_act says; NewModel has no pooler", () => {
    const s = shapes(config);
    expect(s.get("encoder.layer.0.attention.qkv_proj.weight")).toEqual([3072, 1024]);
    expect(s.get("encoder.layer.23.mlp.up_gate_proj.weight")).toEqual([8192, 1024]);
    expect(s.has("encoder.layer.0.mlp.up_gate_proj.bias")).toBe(false);
    expect(s.get("encoder.layer.0.mlp.down_proj.bias")).toEqual([1024]);
    expect(s.get("encoder.layer.0.mlp_ln.bias")).toEqual([1024]);
    expect(s.has("pooler.dense.weight")).toBe(false);
    const unpacked = shapes({ ...config, pack_qkv: false, layer_norm_type: "rms_norm", position_embedding_type: "absolute" });
    expect(unpacked.get("encoder.layer.0.attention.k_proj.bias")).toEqual([1024]);
    expect(unpacked.has("encoder.layer.0.attn_ln.bias")).toBe(false);
    expect(unpacked.get("embeddings.position_embeddings.weight")).toEqual([8192, 1024]);
  });

  it("heads under new.*", () => {
    const model = 434_139_136;
    const pooler = 1024 * 1024 + 1024;
    expect(totalOf({ ...config, architectures: ["NewForSequenceClassification"], num_labels: 1 })).toBe(model + pooler + 1025);
    expect(totalOf({ ...config, architectures: ["NewForMultipleChoice"] })).toBe(model + pooler + 1025);
    expect(totalOf({ ...config, architectures: ["NewForTokenClassification"] })).toBe(model + 2 * 1025);
    expect(totalOf({ ...config, architectures: ["NewForQuestionAnswering"] })).toBe(model + 2 * 1025);
    // lm_head dense + norm + decoder bias; decoder weight tied.
    expect(totalOf({ ...config, architectures: ["NewForMaskedLM"] })).toBe(model + pooler + 2048 + 30528);
  });
});
