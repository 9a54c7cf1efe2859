import { describe, expect, it } from "vitest";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

/**
 * Totals of Llama-layout, Gemma, Phi-3 and MoE decoders against the parameter counts the Hub
 * reports (`safetensors.total` of /api/models/<repo>). Where the checkpoint stores more than the
 * module parameters, `stored` names the extra tensors and their size, computed by hand.
 */
const HUB = "Hub safetensors.total, /api/models";
const cases: { fixture: string; total: number; source: string; active?: number; stored?: { extra: number; why: string } }[] = [
  { fixture: "mistralai--Mistral-7B-v0.1", total: 7_241_732_096, source: "Mistral 7B announcement / Hub safetensors.total of mistralai/Mistral-7B-v0.1" },
  { fixture: "mistralai--Mistral-7B-v0.3", total: 7_248_023_552, source: `${HUB}/mistralai/Mistral-7B-v0.3` },
  { fixture: "meta-llama--Llama-2-7b-hf", total: 6_738_415_616, source: `${HUB}/meta-llama/Llama-2-7b-hf gives 6,738,417,664`, stored: { extra: 32 * 64, why: "rotary inv_freq buffer [head_dim/2 = 64] stored in each of 32 layers" } },
  { fixture: "meta-llama--Meta-Llama-3-8B", total: 8_030_261_248, source: "model.safetensors.index.json total_size 16,060,522,496 bytes / 2 (BF16)" },
  { fixture: "meta-llama--Llama-3.1-70B", total: 70_553_706_496, source: `${HUB}/meta-llama/Llama-3.1-70B` },
  { fixture: "meta-llama--Llama-3.1-405B", total: 405_853_388_800, source: `${HUB}/meta-llama/Llama-3.1-405B` },
  { fixture: "meta-llama--Llama-3.2-1B-Instruct", total: 1_235_814_400, source: `${HUB}/meta-llama/Llama-3.2-1B-Instruct (tied head)` },
  { fixture: "meta-llama--Llama-3.2-3B-Instruct", total: 3_212_749_824, source: `${HUB}/meta-llama/Llama-3.2-3B-Instruct (tied head)` },
  { fixture: "HuggingFaceTB--SmolLM2-135M-Instruct", total: 134_515_008, source: `${HUB}/HuggingFaceTB/SmolLM2-135M-Instruct` },
  { fixture: "HuggingFaceTB--SmolLM3-3B", total: 3_075_098_624, source: `${HUB}/HuggingFaceTB/SmolLM3-3B (tie_word_embeddings absent: SmolLM3Config defaults it to true)` },
  { fixture: "Qwen--Qwen2.5-7B-Instruct", total: 7_615_616_512, source: `${HUB}/Qwen/Qwen2.5-7B-Instruct (q/k/v biases)` },
  { fixture: "Qwen--Qwen2.5-3B-Instruct", total: 3_085_938_688, source: `${HUB}/Qwen/Qwen2.5-3B-Instruct (tied)` },
  { fixture: "Qwen--Qwen3-8B", total: 8_190_735_360, source: `${HUB}/Qwen/Qwen3-8B` },
  {
    fixture: "Qwen--Qwen3-0.6B",
    total: 596_049_920,
    source: `${HUB}/Qwen/Qwen3-0.6B gives 751,632,384`,
    stored: { extra: 151_936 * 1024, why: "lm_head.weight [151936, 1024] stored although tie_word_embeddings is true" },
  },
  { fixture: "allenai--OLMo-2-1124-7B-Instruct", total: 7_298_617_344, source: `${HUB}/allenai/OLMo-2-1124-7B-Instruct` },
  { fixture: "google--gemma-2-2b-it", total: 2_614_341_888, source: `${HUB}/google/gemma-2-2b-it` },
  { fixture: "google--gemma-2-9b", total: 9_241_705_984, source: "Hub safetensors.total of google/gemma-2-9b as quoted in a mocked API response (secondary)" },
  { fixture: "google--gemma-3-1b-it", total: 999_885_952, source: `${HUB}/google/gemma-3-1b-it` },
  { fixture: "microsoft--Phi-3-mini-4k-instruct", total: 3_821_079_552, source: `${HUB}/microsoft/Phi-3-mini-4k-instruct` },
  { fixture: "microsoft--Phi-4-mini-instruct", total: 3_836_021_760, source: `${HUB}/microsoft/Phi-4-mini-instruct (tied)` },
  { fixture: "mistralai--Mixtral-8x7B-v0.1", total: 46_702_792_704, active: 12_879_925_248, source: `${HUB}/mistralai/Mixtral-8x7B-Instruct-v0.1 (same architecture); active = total − 32 layers × 6 unused experts × 3 × 4096 × 14336` },
  { fixture: "Qwen--Qwen3-30B-A3B", total: 30_532_122_624, active: 3_353_032_704, source: `${HUB}/Qwen/Qwen3-30B-A3B; active = total − 48 layers × 120 unused experts × 3 × 2048 × 768` },
];

describe("decoder totals against published counts", () => {
  it.each(cases)("$fixture", ({ fixture, total, active, stored }) => {
    const { parameters } = analyzeConfig(readFixtureConfig(fixture));
    expect(parameters?.total).toBe(total);
    expect(parameters?.estimated).toBe(false);
    expect(parameters?.active).toBe(active ?? total);
    if (stored) expect(stored.extra).toBeGreaterThan(0);
  });
});

describe("MoE active counts", () => {
  it("Qwen1.5-MoE-A2.7B has 14.3B total and 2.7B active (Qwen1.5-MoE model card)", () => {
    const p = analyzeConfig(readFixtureConfig("Qwen--Qwen1.5-MoE-A2.7B-Chat")).parameters!;
    expect(p.total / 1e9).toBeCloseTo(14.3, 1);
    expect(p.active / 1e9).toBeCloseTo(2.7, 1);
  });
});

describe("per-model-type defaults apply when a key is absent", () => {
  const base = { hidden_size: 256, intermediate_size: 512, num_hidden_layers: 2, num_attention_heads: 8, vocab_size: 1000 };
  it("llama: num_key_value_heads follows num_attention_heads (configuration_llama.py)", () => {
    const { model } = analyzeConfig({ ...base, model_type: "llama", architectures: ["LlamaForCausalLM"] });
    expect(model.numKvHeads.value).toBe(8);
    expect(model.numKvHeads.origin).toBe("default");
  });
  it("mistral: num_key_value_heads defaults to 8 (configuration_mistral.py)", () => {
    const { model } = analyzeConfig({ ...base, num_attention_heads: 16, model_type: "mistral", architectures: ["MistralForCausalLM"] });
    expect(model.numKvHeads.value).toBe(8);
  });
  it("qwen3: head_dim defaults to 128, not hidden/heads (configuration_qwen3.py)", () => {
    const { model, parameters } = analyzeConfig({ ...base, num_key_value_heads: 8, model_type: "qwen3", architectures: ["Qwen3ForCausalLM"] });
    expect(model.headDim.value).toBe(128);
    // q, k, v and o are each 8 heads × 128 = 1024 wide against hidden 256, in 2 layers.
    expect(parameters!.breakdown.attention).toBe(2 * 4 * 1024 * 256);
  });
  it("gemma2: tie_word_embeddings defaults to true (configuration_gemma2.py)", () => {
    const { model, parameters } = analyzeConfig({ ...base, model_type: "gemma2", architectures: ["Gemma2ForCausalLM"] });
    expect(model.tieWordEmbeddings.value).toBe(true);
    expect(parameters!.breakdown.lmHead).toBeUndefined();
  });
  it("llama: tie_word_embeddings defaults to false (configuration_llama.py)", () => {
    const { parameters } = analyzeConfig({ ...base, model_type: "llama" });
    expect(parameters!.breakdown.lmHead).toBe(1000 * 256);
  });
  it("qwen2: sliding_window applies only when use_sliding_window is true (configuration_qwen2.py)", () => {
    expect(analyzeConfig({ ...base, model_type: "qwen2", sliding_window: 4096 }).facts.attention.slidingWindow).toBeNull();
    expect(analyzeConfig({ ...base, model_type: "qwen2", sliding_window: 4096, use_sliding_window: true }).facts.attention.slidingWindow).toBe(4096);
  });
  it("gpt2: n_inner defaults to 4 × n_embd (configuration_gpt2.py)", () => {
    const { model } = analyzeConfig({ model_type: "gpt2", n_embd: 64, n_layer: 1, n_head: 4, vocab_size: 10, n_positions: 8 });
    expect(model.intermediateSize.value).toBe(256);
  });
});

describe("tied and untied embeddings", () => {
  it("untying adds vocab × d once", () => {
    const config = readFixtureConfig("meta-llama--Llama-3.2-1B-Instruct");
    expect(totalOf({ ...config, tie_word_embeddings: false }) - totalOf(config)).toBe(128_256 * 2048);
  });
});
