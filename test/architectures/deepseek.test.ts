import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig } from "../helpers/count.js";

/**
 * DeepSeek-V2, DeepSeek-V3 and Kimi-K2 (modeling_deepseek_v2.py / modeling_deepseek_v3.py). Every
 * module count below is derived from the modeling files with the arithmetic shown, and was
 * cross-checked by instantiating the class on the meta device with transformers 5.18.
 */

/** MLA attention per layer: q (plain or low-rank), kv_a (latent + rope key), kv_a norm, kv_b, o. */
function mla(d: number, heads: number, qLora: number | null, kvLora = 512, nope = 128, rope = 64, v = 128): number {
  const q = qLora === null ? d * heads * (nope + rope) : d * qLora + qLora + qLora * heads * (nope + rope);
  return q + d * (kvLora + rope) + kvLora + kvLora * heads * (nope + v) + heads * v * d;
}
const swiglu = (d: number, ff: number) => 3 * d * ff;

describe("DeepSeek-V3 (deepseek-ai/DeepSeek-V3)", () => {
  const d = 7168;
  const attention = mla(d, 128, 1536); // 187,107,328
  const layerNorms = 2 * d;
  const expert = swiglu(d, 2048); // 44,040,192
  const moeLayer = 256 * expert + expert /* 1 shared */ + 256 * d; /* router */
  const embedding = 129_280 * d;
  // 61 layers: 3 dense (intermediate 18432), 58 MoE; embeddings, untied head, final norm.
  const modules = 61 * (attention + layerNorms) + 3 * swiglu(d, 18_432) + 58 * moeLayer + 2 * embedding + d;

  it("counts 671,026,404,352 module parameters: the paper's 671B total", () => {
    expect(attention).toBe(187_107_328);
    expect(modules).toBe(671_026_404_352);
    const { parameters, inventory } = analyzeConfig(readFixtureConfig("deepseek-ai--DeepSeek-V3"));
    expect(parameters!.total).toBe(modules);
    expect(parameters!.estimated).toBe(false);
    expect(inventory!.attentionType).toBe("MLA");
    expect(Math.round(parameters!.total / 1e9)).toBe(671); // DeepSeek-V3 technical report: 671B total
  });

  it("reconciles with the Hub's 684,531,386,000: MTP layer 61 plus F32 block scales and router biases", () => {
    // Hub safetensors of deepseek-ai/DeepSeek-V3 (reference record): BF16 3,918,786,560 + F8_E4M3
    // 680,571,043,840 + F32 41,555,600 = 684,531,386,000.
    const bf16AndFp8 = 3_918_786_560 + 680_571_043_840;
    // The MTP module stored as model.layers.61: one MoE decoder layer, enorm/hnorm/shared_head.norm,
    // eh_proj [7168, 14336], and its own copies of embed_tokens and shared_head.head.
    const mtp = attention + layerNorms + moeLayer + 3 * d + d * 2 * d + 2 * embedding;
    expect(mtp).toBe(13_463_426_048);
    expect(modules + mtp).toBe(bf16AndFp8);
    // F32: one weight_scale_inv per 128×128 block of every FP8 linear (all projections of the 62
    // stored layers but routers and eh_proj), plus e_score_correction_bias [256] in 59 MoE layers.
    const blocks = (o: number, i: number) => Math.ceil(o / 128) * Math.ceil(i / 128);
    const attnScales = blocks(1536, d) + blocks(128 * 192, 1536) + blocks(576, d) + blocks(128 * 256, 512) + blocks(d, 128 * 128);
    const moeScales = 257 * 3 * blocks(2048, d);
    const scales = 62 * attnScales + 3 * 3 * blocks(18_432, d) + 59 * moeScales;
    expect(scales + 59 * 256).toBe(41_555_600);
  });

  it("activates 37B per token (technical report), counting the embedding lookup out as DeepSeek does", () => {
    const { parameters } = analyzeConfig(readFixtureConfig("deepseek-ai--DeepSeek-V3"));
    const active = modules - 58 * (256 - 8) * expert;
    expect(parameters!.active).toBe(active);
    expect(active).toBe(37_552_282_624);
    expect(Math.round((active - embedding) / 1e9)).toBe(37);
  });

  it("names MLA and MoE tensors as the checkpoint does, and stops at layer 60", () => {
    const { inventory } = analyzeConfig(readFixtureConfig("deepseek-ai--DeepSeek-V3"));
    const names = new Map([...expandTensors(inventory!)].map((t) => [t.name, t.shape]));
    expect(names.get("model.layers.0.self_attn.q_a_proj.weight")).toEqual([1536, 7168]);
    expect(names.get("model.layers.0.self_attn.q_a_layernorm.weight")).toEqual([1536]);
    expect(names.get("model.layers.0.self_attn.kv_a_proj_with_mqa.weight")).toEqual([576, 7168]);
    expect(names.get("model.layers.0.self_attn.kv_b_proj.weight")).toEqual([32768, 512]);
    expect(names.get("model.layers.0.self_attn.o_proj.weight")).toEqual([7168, 16384]);
    expect(names.get("model.layers.2.mlp.gate_proj.weight")).toEqual([18432, 7168]);
    expect(names.has("model.layers.3.mlp.gate_proj.weight")).toBe(false);
    expect(names.get("model.layers.3.mlp.gate.weight")).toEqual([256, 7168]);
    expect(names.get("model.layers.60.mlp.experts.255.down_proj.weight")).toEqual([7168, 2048]);
    expect(names.get("model.layers.60.mlp.shared_experts.up_proj.weight")).toEqual([2048, 7168]);
    expect(names.has("model.layers.3.mlp.gate.e_score_correction_bias")).toBe(false);
    expect([...names.keys()].some((n) => n.startsWith("model.layers.61."))).toBe(false);
    expect(inventory!.notes.join(" ")).toMatch(/multi-token-prediction/);
    expect(inventory!.notes.join(" ")).toMatch(/e_score_correction_bias/);
  });
});

describe("DeepSeek-V2-Lite (deepseek-ai/DeepSeek-V2-Lite)", () => {
  const d = 2048;
  // q_lora_rank null: a plain q_proj [16·192, 2048].
  const attention = mla(d, 16, null); // 13,763,072
  const expert = swiglu(d, 1408);
  const moeLayer = 64 * expert + swiglu(d, 2 * 1408) /* 2 shared, fused */ + 64 * d;
  const embedding = 102_400 * d;
  const modules = 27 * (attention + 2 * d) + swiglu(d, 10_944) + 26 * moeLayer + 2 * embedding + d;

  it("counts 15,706,484,224: the model card's 15.7B total", () => {
    expect(modules).toBe(15_706_484_224);
    const { parameters } = analyzeConfig(readFixtureConfig("deepseek-ai--DeepSeek-V2-Lite"));
    expect(parameters!.total).toBe(modules);
    expect((parameters!.total / 1e9).toFixed(1)).toBe("15.7");
  });

  it("activates 2.66B with embeddings; 2.45B without, the model card's 2.4B", () => {
    const { parameters } = analyzeConfig(readFixtureConfig("deepseek-ai--DeepSeek-V2-Lite"));
    const active = modules - 26 * (64 - 6) * expert;
    expect(parameters!.active).toBe(active);
    expect(active).toBe(2_661_150_208);
    // DeepSeek's "activated" figure leaves out the embedding lookup (V3: 36.6B → 37B).
    expect(Math.abs((active - embedding) / 1e9 - 2.4)).toBeLessThan(0.06);
  });

  it("uses q_proj, not the low-rank q_a/q_b pair, when q_lora_rank is null", () => {
    const { inventory } = analyzeConfig(readFixtureConfig("deepseek-ai--DeepSeek-V2-Lite"));
    const names = inventory!.tensors.map((t) => t.name);
    expect(names).toContain("model.layers.{i}.self_attn.q_proj.weight");
    expect(names.some((n) => n.includes("q_a_proj"))).toBe(false);
  });
});

describe("Kimi-K2 (moonshotai/Kimi-K2-Instruct)", () => {
  const d = 7168;
  const attention = mla(d, 64, 1536); // 101,124,096
  const expert = swiglu(d, 2048);
  const moeLayer = 384 * expert + expert + 384 * d;
  const embedding = 163_840 * d;
  const modules = 61 * (attention + 2 * d) + swiglu(d, 18_432) + 60 * moeLayer + 2 * embedding + d;

  it("counts 1,026,408,209,408: the model card's 1T total (DeepseekV3ForCausalLM layout)", () => {
    expect(modules).toBe(1_026_408_209_408);
    const { parameters, model } = analyzeConfig(readFixtureConfig("moonshotai--Kimi-K2-Instruct"));
    expect(model.layoutType).toBe("deepseek_v3");
    expect(parameters!.total).toBe(modules);
    // Model card: "Total Parameters 1T". The Hub total in the reference record, 1,026,408,235,864,
    // is 26,456 more: 23,040 are the e_score_correction_bias buffers (60 MoE layers × 384); the
    // remaining 3,416 (= 61 × 56) are not explained here, so that number is not asserted.
    expect(Math.abs(parameters!.total / 1e12 - 1)).toBeLessThan(0.03);
  });

  it("activates 32B per token (model card), counting the embedding lookup out", () => {
    const { parameters } = analyzeConfig(readFixtureConfig("moonshotai--Kimi-K2-Instruct"));
    const active = modules - 60 * (384 - 8) * expert;
    expect(parameters!.active).toBe(active);
    expect(Math.round((active - embedding) / 1e9)).toBe(32);
  });

  it("a kimi_k2 config without `architectures` gets the same layout", () => {
    const { architectures: _, ...config } = readFixtureConfig("moonshotai--Kimi-K2-Instruct");
    const { parameters, model, inventory } = analyzeConfig(config);
    expect(model.layoutType).toBe("kimi_k2");
    expect(model.family).toBe("deepseek");
    expect(parameters!.total).toBe(modules);
    expect(parameters!.estimated).toBe(false);
    expect(inventory!.attentionType).toBe("MLA");
  });
});

describe("DeepSeek defaults apply when a key is absent", () => {
  const tiny = { hidden_size: 64, intermediate_size: 96, num_hidden_layers: 4, num_attention_heads: 4, vocab_size: 100, kv_lora_rank: 16, qk_nope_head_dim: 8, qk_rope_head_dim: 4, v_head_dim: 8, moe_intermediate_size: 32, n_routed_experts: 4, num_experts_per_tok: 2 };

  it("deepseek_v3: first_k_dense_replace defaults to 3 and q_lora_rank to 1536 (configuration_deepseek_v3.py)", () => {
    const { inventory } = analyzeConfig({ ...tiny, model_type: "deepseek_v3", architectures: ["DeepseekV3ForCausalLM"] });
    const gate = inventory!.tensors.find((t) => t.name === "model.layers.{i}.mlp.gate.weight");
    expect(gate!.layers).toEqual([3]);
    expect(inventory!.tensors.find((t) => t.name.endsWith("q_a_proj.weight"))!.shape).toEqual([1536, 64]);
  });

  it("deepseek_v3: a tiny config totals what transformers 5.18 builds (DeepseekV3ForCausalLM on the meta device)", () => {
    // q_lora_rank null, attention_bias, first_k_dense_replace 1, 2 shared experts: 173,264.
    const config = { ...tiny, model_type: "deepseek_v3", num_key_value_heads: 4, first_k_dense_replace: 1, n_shared_experts: 2, q_lora_rank: null, attention_bias: true };
    expect(analyzeConfig(config).parameters!.total).toBe(173_264);
  });

  it("deepseek_v2: n_shared_experts defaults to 2, moe_intermediate_size to 1407, first_k_dense_replace to 0 (configuration_deepseek_v2.py)", () => {
    const { moe_intermediate_size: _, ...config } = tiny;
    const { inventory } = analyzeConfig({ ...config, model_type: "deepseek_v2", architectures: ["DeepseekV2ForCausalLM"] });
    const shared = inventory!.tensors.find((t) => t.name === "model.layers.{i}.mlp.shared_experts.gate_proj.weight");
    expect(shared!.shape).toEqual([2 * 1407, 64]);
    expect(shared!.layers).toEqual([0, 1, 2, 3]);
  });

  it("deepseek_v2: mlp_bias adds biases to dense and shared MLPs only; matches transformers 5.18 (115,708)", () => {
    const config = { ...tiny, model_type: "deepseek_v2", num_hidden_layers: 3, first_k_dense_replace: 1, n_shared_experts: 1, q_lora_rank: 24, mlp_bias: true, attention_bias: true };
    expect(analyzeConfig(config).parameters!.total).toBe(115_708);
  });

  it("kimi_k2: without architectures, DeepSeek-V3's defaults apply (256 routed experts)", () => {
    const { model } = analyzeConfig({ ...tiny, n_routed_experts: undefined, model_type: "kimi_k2" });
    expect(model.numExperts.value).toBe(256);
    expect(model.numExperts.origin).toBe("default");
  });
});
