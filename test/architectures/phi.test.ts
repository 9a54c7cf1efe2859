import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig } from "../helpers/count.js";

/**
 * Phi-1.5/Phi-2 (modeling_phi.py) and Phi-3.5-MoE (modeling_phimoe.py). Module counts are derived
 * from the modeling files with the arithmetic shown and were cross-checked by instantiating the
 * classes on the meta device with transformers 5.18.
 */

/** One Phi layer: biased q/k/v/dense (MHA), biased fc1/fc2, one LayerNorm (weight + bias). */
const phiLayer = (d: number, ff: number) => 4 * (d * d + d) + (d * ff + ff) + (ff * d + d) + 2 * d;
/** Embeddings, final LayerNorm and the untied lm_head with its bias. */
const phiOuter = (d: number, vocab: number) => vocab * d + 2 * d + (vocab * d + vocab);

describe("phi", () => {
  it("microsoft/phi-1_5 counts 1,418,270,720, the Hub's safetensors total", () => {
    const expected = 24 * phiLayer(2048, 8192) + phiOuter(2048, 51_200);
    expect(expected).toBe(1_418_270_720); // Hub safetensors_total_params of microsoft/phi-1_5 (reference record)
    const { parameters } = analyzeConfig(readFixtureConfig("microsoft--phi-1_5"));
    expect(parameters!.total).toBe(expected);
    expect(parameters!.estimated).toBe(false);
  });

  it("microsoft/phi-2 counts 2,779,683,840 (model card: 2.7 billion)", () => {
    const expected = 32 * phiLayer(2560, 10_240) + phiOuter(2560, 51_200);
    expect(expected).toBe(2_779_683_840);
    expect(analyzeConfig(readFixtureConfig("microsoft--phi-2")).parameters!.total).toBe(expected);
  });

  it("names tensors as PhiForCausalLM saves them", () => {
    const { inventory } = analyzeConfig(readFixtureConfig("microsoft--phi-1_5"));
    const names = new Set([...expandTensors(inventory!)].map((t) => t.name));
    for (const n of ["model.layers.0.self_attn.dense.bias", "model.layers.23.mlp.fc1.weight", "model.layers.0.input_layernorm.bias", "model.final_layernorm.weight", "lm_head.bias"]) {
      expect(names).toContain(n);
    }
    expect(names.has("model.layers.0.post_attention_layernorm.weight")).toBe(false);
  });

  it("qk_layernorm adds LayerNorms of width hidden/heads; a tied head keeps its bias (transformers 5.18: 56,868)", () => {
    // d 64, ff 96, 4 heads / 2 KV heads (head_dim 16), 2 layers, vocab 100, tied.
    const config = { model_type: "phi", hidden_size: 64, intermediate_size: 96, num_hidden_layers: 2, num_attention_heads: 4, num_key_value_heads: 2, vocab_size: 100, qk_layernorm: true, tie_word_embeddings: true };
    const perLayer = 2 * (64 * 64 + 64) + 2 * (32 * 64 + 32) + (64 * 96 + 96) + (96 * 64 + 64) + 2 * 64 + 2 * (2 * 16);
    const expected = 2 * perLayer + 100 * 64 + 2 * 64 + 100;
    expect(expected).toBe(56_868);
    const { parameters } = analyzeConfig(config);
    expect(parameters!.total).toBe(expected);
    expect(parameters!.tied).toEqual([{ name: "lm_head.weight", tiedTo: "model.embed_tokens.weight" }]);
  });

  it("defaults: num_key_value_heads follows num_attention_heads, tie_word_embeddings is false (configuration_phi.py)", () => {
    const { model, parameters } = analyzeConfig({ model_type: "phi", architectures: ["PhiForCausalLM"], hidden_size: 64, intermediate_size: 96, num_hidden_layers: 1, num_attention_heads: 4, vocab_size: 100 });
    expect(model.numKvHeads.value).toBe(4);
    expect(model.tieWordEmbeddings.value).toBe(false);
    expect(parameters!.breakdown.lmHead).toBe(100 * 64 + 100);
  });
});

describe("phimoe", () => {
  const d = 4096;
  const ff = 6400;
  // q/o [4096, 4096] and k/v [1024, 4096], all biased (attention_bias); router [16, d]; 16 experts of
  // w1/w2/w3; two LayerNorms with bias.
  const attention = 2 * (d * d + d) + 2 * (1024 * d + 1024);
  const expert = 3 * ff * d;
  const layer = attention + 16 * d + 16 * expert + 4 * d;
  const total = 32 * layer + 32_064 * d + 2 * d + (32_064 * d + 32_064);

  it("microsoft/Phi-3.5-MoE-instruct counts 41,873,153,344: the model card's 41.9B", () => {
    expect(total).toBe(41_873_153_344);
    const { parameters } = analyzeConfig(readFixtureConfig("microsoft--Phi-3.5-MoE-instruct"));
    expect(parameters!.total).toBe(total);
    expect(parameters!.estimated).toBe(false);
    expect((total / 1e9).toFixed(1)).toBe("41.9");
  });

  it("activates 6.6B per token with 2 of 16 experts (model card)", () => {
    const active = total - 32 * 14 * expert;
    expect(analyzeConfig(readFixtureConfig("microsoft--Phi-3.5-MoE-instruct")).parameters!.active).toBe(active);
    expect((active / 1e9).toFixed(1)).toBe("6.6");
  });

  it("names experts and router as the checkpoint stores them (block_sparse_moe)", () => {
    const { inventory } = analyzeConfig(readFixtureConfig("microsoft--Phi-3.5-MoE-instruct"));
    const names = new Set([...expandTensors(inventory!)].map((t) => t.name));
    expect(names).toContain("model.layers.31.block_sparse_moe.experts.15.w2.weight");
    expect(names).toContain("model.layers.0.block_sparse_moe.gate.weight");
    expect(names).toContain("model.layers.0.post_attention_layernorm.bias");
    expect(names).toContain("model.norm.bias");
  });

  it("defaults: 16 experts, 2 per token, no attention or head bias (configuration_phimoe.py); transformers 5.18 builds 185,984", () => {
    const config = { model_type: "phimoe", architectures: ["PhimoeForCausalLM"], hidden_size: 64, intermediate_size: 96, num_hidden_layers: 2, num_attention_heads: 4, num_key_value_heads: 2, vocab_size: 100, num_local_experts: 4, num_experts_per_tok: 2 };
    expect(analyzeConfig(config).parameters!.total).toBe(185_984);
    const { num_local_experts: _, num_experts_per_tok: __, ...noExperts } = config;
    const { model, parameters } = analyzeConfig(noExperts);
    expect(model.numExperts.value).toBe(16);
    expect(model.expertsPerToken.value).toBe(2);
    expect(parameters!.breakdown.lmHead).toBe(100 * 64);
  });
});
