import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

/**
 * Gemma3TextModel (EmbeddingGemma's class): the bare text model of modeling_gemma3.py, no LM head.
 * Source: Hub safetensors total of google/embeddinggemma-300m, 302,863,104; the 307,581,696 often
 * quoted adds sentence-transformers' two Dense modules 2 × 768 × 3,072 = 4,718,592, stored outside
 * the transformers checkpoint.
 */
describe("gemma3_text Gemma3TextModel (embeddinggemma-300m)", () => {
  const config = readFixtureConfig("google--embeddinggemma-300m");

  it("is counted exactly: 302,863,104 by hand", () => {
    // embed_tokens 262,144 × 768 = 201,326,592 (embed_scale is a buffer).
    // Layer: q 768 × 768 = 589,824, k and v 256 × 768 = 196,608 each, o 589,824, q/k norms 2 × 256,
    // 4 RMSNorms 3,072, gate/up/down 3 × 1,152 × 768 = 2,654,208 → 4,230,656 × 24 = 101,535,744; final norm 768.
    const byHand = 201_326_592 + 24 * (589_824 + 2 * 196_608 + 589_824 + 512 + 3_072 + 2_654_208) + 768;
    expect(byHand).toBe(302_863_104);
    const { parameters, model } = analyzeConfig(config);
    expect(model.head).toBe("base");
    expect(model.estimateReason).toBeNull();
    expect(parameters?.estimated).toBe(false);
    expect(parameters?.total).toBe(302_863_104);
    expect(302_863_104 + 2 * 768 * 3072).toBe(307_581_696);
  });

  it("has no LM head and no model. prefix; Gemma3ForCausalLM adds only the tied head", () => {
    const names = [...expandTensors(analyzeConfig(config).inventory!)].map((t) => t.name);
    expect(names).toContain("embed_tokens.weight");
    expect(names).toContain("layers.23.self_attn.k_norm.weight");
    expect(names.some((n) => n.startsWith("lm_head") || n.startsWith("model."))).toBe(false);
    expect(totalOf({ ...config, architectures: ["Gemma3ForCausalLM"] })).toBe(302_863_104);
    expect(totalOf({ ...config, architectures: ["Gemma3ForCausalLM"], tie_word_embeddings: false })).toBe(302_863_104 + 201_326_592);
  });
});
