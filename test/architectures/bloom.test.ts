import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

describe("bloom (modeling_bloom.py)", () => {
  it("bloom-560m: 559,214,592, the Hub total", () => {
    const { parameters } = analyzeConfig(readFixtureConfig("bigscience--bloom-560m"));
    // Hub safetensors total of bigscience/bloom-560m ({"F16": 559214592}, safetensors docs
    // metadata_parsing.mdx). By modeling_bloom.py: word_embeddings 250,880 × 1,024 = 256,901,120;
    // word_embeddings_layernorm 2,048; per layer two LayerNorms 4,096, query_key_value 3 × 1,024² +
    // 3,072, dense 1,049,600, MLP 8,393,728 → 12,596,224 × 24 = 302,309,376; ln_f 2,048; tied head.
    expect(parameters?.total).toBe(559_214_592);
    expect(parameters?.estimated).toBe(false);
  });

  it("names tensors as BloomForCausalLM saves them", () => {
    const names = [...expandTensors(analyzeConfig(readFixtureConfig("bigscience--bloom-560m")).inventory!)].map((t) => t.name);
    expect(names).toContain("transformer.word_embeddings_layernorm.bias");
    expect(names).toContain("transformer.h.23.self_attention.query_key_value.bias");
    expect(names).not.toContain("lm_head.weight");
  });

  it("the MLP is 4 × hidden whatever n_inner says (BloomMLP)", () => {
    const config = readFixtureConfig("bigscience--bloom-560m");
    expect(totalOf({ ...config, n_inner: 1234 })).toBe(totalOf(config));
  });

  it("defaults from configuration_bloom.py: tied, heads from n_head, n_embed accepted for hidden_size", () => {
    const { model, parameters } = analyzeConfig({ model_type: "bloom", n_embed: 64, n_head: 4, n_layer: 1, vocab_size: 100 });
    expect(model.hiddenSize.value).toBe(64);
    expect(model.tieWordEmbeddings.value).toBe(true);
    expect(parameters!.breakdown.lmHead).toBeUndefined();
    // vocab_size absent → 250,880 (BloomConfig).
    expect(analyzeConfig({ model_type: "bloom", hidden_size: 64, n_head: 4, n_layer: 1 }).model.vocabSize.value).toBe(250_880);
  });
});
