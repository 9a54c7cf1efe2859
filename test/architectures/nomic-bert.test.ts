import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/** Source: Hub safetensors total of nomic-ai/nomic-embed-text-v1.5, 136,731,648 (HF API, quoted in public notes). */
describe("nomic_bert (remote code modeling_hf_nomic_bert.py)", () => {
  const config = readFixtureConfig("nomic-ai--nomic-embed-text-v1.5");

  it("nomic-embed-text-v1.5: 136,731,648 by hand (NomicBertModel without pooler)", () => {
    // word 30,528 × 768 = 23,445,504 (already a multiple of 64); token types 2 × 768; emb_ln 1,536; rotary: no positions.
    // Block: Wqkv 2,304 × 768 = 1,769,472 and out_proj 589,824 (qkv_proj_bias false); SwiGLU fc11, fc12 3,072 × 768
    // and fc2 768 × 3,072 = 7,077,888 (no biases); norm1 + norm2 3,072 → 9,440,256 × 12 = 113,283,072.
    const byHand = 23_445_504 + 1_536 + 1_536 + 113_283_072;
    expect(byHand).toBe(136_731_648);
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(136_731_648);
    expect(parameters?.estimated).toBe(false);
  });

  it("names as the checkpoint stores them", () => {
    const s = shapes(config);
    expect(s.get("embeddings.word_embeddings.weight")).toEqual([30528, 768]);
    expect(s.get("emb_ln.bias")).toEqual([768]);
    expect(s.get("encoder.layers.0.attn.Wqkv.weight")).toEqual([2304, 768]);
    expect(s.has("encoder.layers.0.attn.Wqkv.bias")).toBe(false);
    expect(s.get("encoder.layers.11.mlp.fc12.weight")).toEqual([3072, 768]);
    expect(s.get("encoder.layers.0.norm2.weight")).toEqual([768]);
    expect(s.has("pooler.dense.weight")).toBe(false);
    expect(s.has("embeddings.position_embeddings.weight")).toBe(false);
  });

  it("vocab padding, plain MLP, absolute positions, biases", () => {
    // 30,522 padded to a multiple of 64 is 30,528.
    expect(shapes({ ...config, vocab_size: 30522 }).get("embeddings.word_embeddings.weight")).toEqual([30528, 768]);
    const plain = { ...config, activation_function: "gelu", rotary_emb_fraction: 0.0, n_positions: 2048, mlp_fc1_bias: true, mlp_fc2_bias: true, qkv_proj_bias: true };
    const s = shapes(plain);
    expect(s.get("encoder.layers.0.mlp.fc1.weight")).toEqual([3072, 768]);
    expect(s.get("encoder.layers.0.mlp.fc2.bias")).toEqual([768]);
    expect(s.get("embeddings.position_embeddings.weight")).toEqual([2048, 768]);
    expect(s.get("encoder.layers.0.attn.out_proj.bias")).toEqual([768]);
    // Gated with n_inner unset: ⌊8 × 768 / 3⌋ = 2,048, already a multiple of 256.
    const { n_inner: _drop, ...noInner } = config;
    expect(shapes(noInner).get("encoder.layers.0.mlp.fc11.weight")).toEqual([2048, 768]);
  });

  it("heads: sequence classification keeps bert.pooler; pretraining ties the decoder", () => {
    expect(totalOf({ ...config, architectures: ["NomicBertForSequenceClassification"], num_labels: 2 })).toBe(136_731_648 + 590_592 + 1_538);
    const pre = analyzeConfig({ ...config, architectures: ["NomicBertForPreTraining"] });
    // transform.dense 768² (mlp_fc1_bias false) + layer_norm 1,536; decoder tied, no bias.
    expect(pre.parameters?.total).toBe(136_731_648 + 589_824 + 1_536);
    expect(pre.parameters?.tied.map((t) => t.name)).toEqual(["cls.predictions.decoder.weight"]);
  });
});
