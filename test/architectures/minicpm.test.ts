import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

describe("minicpm (modeling_minicpm.py)", () => {
  const config = readFixtureConfig("openbmb--MiniCPM-2B-sft-bf16");

  it("MiniCPM-2B: 2,724,880,896, as printed; the scale factors add nothing", () => {
    // embed 122,753 × 2,304 = 282,822,912; per layer q/k/v/o 4 × 2,304² = 21,233,664,
    // gate/up/down 3 × 5,760 × 2,304 = 39,813,120, two RMSNorms 4,608 → 61,051,392 × 40; norm 2,304; tied.
    expect(282_822_912 + 61_051_392 * 40 + 2_304).toBe(2_724_880_896);
    expect(totalOf(config)).toBe(2_724_880_896);
    expect(totalOf({ ...config, scale_emb: 1, dim_model_base: 2304, scale_depth: 7 })).toBe(2_724_880_896);
  });

  it("tied by default (MiniCPMConfig); Llama's names", () => {
    const { model, inventory } = analyzeConfig(config);
    expect(model.tieWordEmbeddings.value).toBe(true);
    expect(inventory!.tied).toEqual([{ name: "lm_head.weight", tiedTo: "model.embed_tokens.weight" }]);
    const names = [...expandTensors(inventory!)].map((t) => t.name);
    expect(names).toContain("model.layers.39.mlp.gate_proj.weight");
    expect(names.some((n) => n.includes("embed_scale"))).toBe(false);
  });
});

describe("minicpm3 (modeling_minicpm3.py): MLA with a dense MLP", () => {
  const config = readFixtureConfig("openbmb--MiniCPM3-4B");

  it("MiniCPM3-4B: 4,073,875,968 by hand", () => {
    // per layer: q_a 768·2,560 = 1,966,080, q_a_layernorm 768, q_b 40·96·768 = 2,949,120,
    // kv_a 288·2,560 = 737,280, kv_a_layernorm 256, kv_b 40·128·256 = 1,310,720, o 2,560·2,560 =
    // 6,553,600, MLP 3·2,560·6,400 = 49,152,000, norms 5,120 → 62,674,944 × 62; embed 188,026,880 tied; norm 2,560.
    const perLayer = 1_966_080 + 768 + 2_949_120 + 737_280 + 256 + 1_310_720 + 6_553_600 + 49_152_000 + 5_120;
    expect(perLayer).toBe(62_674_944);
    expect(188_026_880 + perLayer * 62 + 2_560).toBe(4_073_875_968);
    const { parameters, inventory } = analyzeConfig(config);
    expect(parameters?.total).toBe(4_073_875_968);
    expect(inventory!.attentionType).toBe("MLA");
  });

  it("v_head_dim defaults to hidden / heads (64), head_dim is the rotary width", () => {
    const { model, inventory } = analyzeConfig(config);
    const t = new Map([...expandTensors(inventory!)].map((x) => [x.name, x.shape]));
    expect(t.get("model.layers.0.self_attn.kv_b_proj.weight")).toEqual([40 * (64 + 64), 256]);
    expect(t.get("model.layers.0.self_attn.o_proj.weight")).toEqual([2560, 2560]);
    expect(t.get("model.layers.0.self_attn.kv_a_proj_with_mqa.weight")).toEqual([288, 2560]);
    expect(t.has("model.layers.0.mlp.experts.0.gate_proj.weight")).toBe(false);
    expect(model.headDim.value).toBe(32);
  });

  it("q_lora_rank null: one q_proj instead of q_a/q_b", () => {
    const t = [...expandTensors(analyzeConfig({ ...config, q_lora_rank: null }).inventory!)].map((x) => x.name);
    expect(t).toContain("model.layers.0.self_attn.q_proj.weight");
    expect(t).not.toContain("model.layers.0.self_attn.q_a_proj.weight");
    expect(totalOf({ ...config, q_lora_rank: null }) - totalOf(config)).toBe(62 * (3840 * 2560 - 4_915_968));
  });

  it("the KV cache uses MiniCPM3's value width (64), not DeepSeek's default 128", () => {
    const kv = analyzeConfig(config).facts.memory?.kvCache;
    // Decompressed per-head cache: 40 × (64 + 32 + 64) = 6,400 elements per token and layer, bf16, 62 layers.
    expect(kv?.bytesPerToken).toBe(62 * 6400 * 2);
    // The compressed latent: kv_lora_rank 256 + qk_rope_head_dim 32.
    expect(kv?.latentBytesPerToken).toBe(62 * 288 * 2);
  });
});
