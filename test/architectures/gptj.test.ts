import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

describe("gptj (modeling_gptj.py)", () => {
  it("GPT-J-6B: module count, and the model card's 6,053,381,344 explained", () => {
    const { parameters } = analyzeConfig(readFixtureConfig("EleutherAI--gpt-j-6b"));
    // Derived from modeling_gptj.py: wte 50,400 × 4,096 = 206,438,400; per layer ln_1 8,192 +
    // q/k/v/out 4 × 4,096² = 67,108,864 + fc_in 16,384 × 4,096 + 16,384 + fc_out 4,096 × 16,384 + 4,096
    // = 134,238,208, so 201,355,264 × 28 = 5,637,947,392; ln_f 8,192; lm_head 206,438,400 + bias 50,400.
    expect(parameters?.total).toBe(6_050_882_784);
    expect(parameters?.estimated).toBe(false);
    // The model card (huggingface.co/EleutherAI/gpt-j-6b, "n_parameters 6053381344") counts
    // mesh-transformer-jax's 8 model-parallel shards: replicated tensors once per shard. The extra
    // 2,498,560 = 7 more copies of each layer's LayerNorm (8,192) and fc_out bias (4,096) in 28 layers
    // (2,408,448) + 7 of the final LayerNorm (57,344) + the embedding's per-shard bias, 8 × 4,096
    // (32,768), which the transformers class does not have (mesh_transformer/layers.py).
    expect(6_053_381_344 - parameters!.total).toBe(7 * 28 * (8_192 + 4_096) + 7 * 8_192 + 8 * 4_096);
  });

  it("names tensors as GPTJForCausalLM saves them", () => {
    const names = [...expandTensors(analyzeConfig(readFixtureConfig("EleutherAI--gpt-j-6b")).inventory!)].map((t) => t.name);
    expect(names).toContain("transformer.h.27.attn.out_proj.weight");
    expect(names).toContain("transformer.h.0.mlp.fc_in.bias");
    expect(names).toContain("lm_head.bias");
    expect(names).not.toContain("transformer.h.0.attn.q_proj.bias");
  });

  it("a tied head shares only the weight: lm_head.bias [vocab] stays", () => {
    const config = readFixtureConfig("EleutherAI--gpt-j-6b");
    expect(totalOf(config) - totalOf({ ...config, tie_word_embeddings: true })).toBe(50_400 * 4_096);
  });

  it("defaults from configuration_gptj.py: n_inner absent means 4 × n_embd, tie_word_embeddings false", () => {
    const { model, parameters } = analyzeConfig({ model_type: "gptj", n_embd: 64, n_head: 4, n_layer: 1, vocab_size: 100 });
    expect(model.intermediateSize.value).toBe(256);
    expect(model.maxPositions.value).toBe(2048);
    expect(model.tieWordEmbeddings.value).toBe(false);
    expect(parameters!.breakdown.lmHead).toBe(100 * 64 + 100);
  });
});
