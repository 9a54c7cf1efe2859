import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const names = (config: Record<string, unknown>) => [...expandTensors(analyzeConfig(config).inventory!)].map((t) => t.name);

/** The pre-transformers configs of the same checkpoints (remote code, RWForCausalLM). */
function refinedWebModel7b(): Record<string, unknown> {
  const { num_attention_heads, num_hidden_layers, new_decoder_architecture, ...rest } = readFixtureConfig("tiiuae--falcon-7b");
  void new_decoder_architecture;
  return { ...rest, architectures: ["RWForCausalLM"], model_type: "RefinedWebModel", n_head: num_attention_heads, n_layer: num_hidden_layers };
}
function refinedWeb40b(): Record<string, unknown> {
  const { num_attention_heads, num_hidden_layers, num_kv_heads, new_decoder_architecture, ...rest } = readFixtureConfig("tiiuae--falcon-40b");
  void new_decoder_architecture;
  return { ...rest, architectures: ["RWForCausalLM"], model_type: "RefinedWeb", n_head: num_attention_heads, n_head_kv: num_kv_heads, n_layer: num_hidden_layers };
}

describe("falcon (modeling_falcon.py)", () => {
  it("Falcon-7B (old layout, multi-query): 6,921,720,704", () => {
    const { parameters, facts } = analyzeConfig(readFixtureConfig("tiiuae--falcon-7b"));
    // The widely quoted Hub total for tiiuae/falcon-7b; no stored copy of it was found, so it is
    // checked by derivation from modeling_falcon.py: word_embeddings 65,024 × 4,544 = 295,469,056;
    // per layer input_layernorm 9,088, query_key_value (4,544 + 2 × 64) × 4,544 = 21,229,568,
    // dense 4,544² = 20,647,936, MLP 2 × 4,544 × 18,176 = 165,183,488 → 207,070,080 × 32 =
    // 6,626,242,560; ln_f 9,088; lm_head tied.
    expect(parameters?.total).toBe(6_921_720_704);
    expect(parameters?.estimated).toBe(false);
    expect(facts.attention.type).toBe("MQA");
  });

  it("Falcon-40B (new layout, 8 KV heads, ln_attn + ln_mlp): 41,303,293,952", () => {
    const { parameters, facts } = analyzeConfig(readFixtureConfig("tiiuae--falcon-40b"));
    // Widely quoted Hub total for tiiuae/falcon-40b, checked by derivation: word_embeddings
    // 65,024 × 8,192 = 532,676,608; per layer ln_attn + ln_mlp 32,768, query_key_value
    // (128 + 2 × 8) × 64 × 8,192 = 75,497,472, dense 67,108,864, MLP 2 × 8,192 × 32,768 =
    // 536,870,912 → 679,510,016 × 60 = 40,770,600,960; ln_f 16,384; lm_head tied.
    expect(parameters?.total).toBe(41_303_293_952);
    expect(facts.attention.nKvHeads).toBe(8);
    expect(names(readFixtureConfig("tiiuae--falcon-40b"))).toContain("transformer.h.59.ln_mlp.bias");
  });

  it("old RefinedWebModel / RefinedWeb configs (RWForCausalLM) count as the same checkpoints", () => {
    expect(totalOf(refinedWebModel7b())).toBe(6_921_720_704);
    expect(totalOf(refinedWeb40b())).toBe(41_303_293_952);
    expect(analyzeConfig(refinedWeb40b()).parameters?.estimated).toBe(false);
  });

  it("bias adds the biases of the four linear layers; ALiBi adds nothing", () => {
    const config = readFixtureConfig("tiiuae--falcon-7b");
    expect(totalOf({ ...config, bias: true }) - totalOf(config)).toBe(32 * (4672 + 4544 + 18176 + 4544));
    expect(totalOf({ ...config, alibi: true })).toBe(totalOf(config));
  });

  it("parallel_attn false gives the old layout input_layernorm + post_attention_layernorm", () => {
    const n = names({ ...readFixtureConfig("tiiuae--falcon-7b"), parallel_attn: false });
    expect(n).toContain("transformer.h.0.post_attention_layernorm.weight");
    expect(n).toContain("transformer.h.0.input_layernorm.weight");
  });

  describe("defaults from configuration_falcon.py", () => {
    const small = { hidden_size: 64, num_attention_heads: 4, num_hidden_layers: 1, vocab_size: 100 };
    it("falcon: multi_query true and new_decoder_architecture false → one KV head, one norm; tied; ffn 4 × hidden", () => {
      const { model, parameters, inventory } = analyzeConfig({ ...small, model_type: "falcon" });
      expect(model.numKvHeads.value).toBe(1);
      expect(model.intermediateSize.value).toBe(256);
      expect(model.tieWordEmbeddings.value).toBe(true);
      expect(parameters!.breakdown.lmHead).toBeUndefined();
      const qkv = [...expandTensors(inventory!)].find((t) => t.name === "transformer.h.0.self_attention.query_key_value.weight");
      expect(qkv?.shape).toEqual([64 + 2 * 16, 64]);
      expect(names({ ...small, model_type: "falcon" })).not.toContain("transformer.h.0.ln_attn.weight");
    });
    it("falcon with new_decoder_architecture: num_kv_heads absent → all heads", () => {
      expect(analyzeConfig({ ...small, model_type: "falcon", new_decoder_architecture: true }).model.numKvHeads.value).toBe(4);
    });
    it("RefinedWeb: the new layout without the flag", () => {
      expect(names({ ...small, model_type: "RefinedWeb" })).toContain("transformer.h.0.ln_attn.weight");
    });
    it("RefinedWebModel: the old layout", () => {
      expect(names({ ...small, model_type: "RefinedWebModel" })).toContain("transformer.h.0.input_layernorm.weight");
      expect(analyzeConfig({ ...small, model_type: "RefinedWebModel" }).model.numKvHeads.value).toBe(1);
    });
  });
});
