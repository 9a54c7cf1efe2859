import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { NOT_IN_LOGICAL, type CheckpointFacts } from "../../src/facts/checkpoint-facts.js";
import { checkpointEquation } from "../../src/checkpoint/checkpoint-summary.js";
import { reconcileCheckpoint } from "../../src/checkpoint/reconcile-checkpoint.js";
import { gpt2Tensors, gptqLlama2Tensors, LLAMA2_7B, llamaTensors, MISTRAL_7B, QWEN3_06B, SMALL_DEEPSEEK_FP8_CONFIG, smallDeepseekFp8Tensors } from "../helpers/checkpoints.js";
import { analyzeConfig, readFixtureConfig } from "../helpers/count.js";
import { memoryCheckpoint, storedCount, type TensorSpec } from "../helpers/safetensors.js";

function reconcile(config: Record<string, unknown>, tensors: readonly TensorSpec[], reported?: Parameters<typeof memoryCheckpoint>[1]) {
  const { model, inventory, parameters } = analyzeConfig(config);
  const cp = reconcileCheckpoint(memoryCheckpoint(tensors, reported), model, inventory);
  return { cp, configTotal: parameters!.total };
}

/** The invariants every compared checkpoint keeps: the differences account for every stored and logical element. */
function expectBalanced(cp: CheckpointFacts, configTotal: number): void {
  expect(cp.compared).toBe(true);
  expect(configTotal + cp.differences.reduce((a, d) => a + d.count, 0)).toBe(cp.total);
  expect(configTotal + cp.differences.filter((d) => !NOT_IN_LOGICAL.has(d.kind)).reduce((a, d) => a + d.count, 0)).toBe(cp.logical);
}

describe("reconcileCheckpoint", () => {
  it("Mistral-7B-v0.1: exact match, 7,241,732,096 stored (Hub safetensors.total) = config total", () => {
    const { cp, configTotal } = reconcile(readFixtureConfig("mistralai--Mistral-7B-v0.1"), MISTRAL_7B);
    expect(cp.total).toBe(7_241_732_096);
    expect(configTotal).toBe(7_241_732_096);
    expect(cp.differences).toEqual([]);
    expect(cp.byDtype).toEqual({ BF16: 7_241_732_096 });
    expect(checkpointEquation(cp, configTotal)).toBe("= config total");
    expectBalanced(cp, configTotal);
  });

  it("Qwen3-0.6B: lm_head.weight stored despite tie_word_embeddings, 751,632,384 (Hub) = 596,049,920 + 155,582,464", () => {
    const { cp, configTotal } = reconcile(readFixtureConfig("Qwen--Qwen3-0.6B"), QWEN3_06B);
    expect(cp.total).toBe(751_632_384);
    expect(configTotal).toBe(596_049_920);
    expect(cp.differences).toEqual([{ tensor: "lm_head.weight", count: 155_582_464, reason: "stored despite tie_word_embeddings", kind: "tied-stored", tensors: 1, shape: [151936, 1024] }]);
    expect(checkpointEquation(cp, configTotal)).toBe("= config 596,049,920 + lm_head.weight [151936, 1024] stored despite tie_word_embeddings");
    expectBalanced(cp, configTotal);
  });

  it("Llama-2-7b-hf: 32 stored inv_freq buffers of 64 explain 6,738,417,664 (Hub) − 6,738,415,616 = 2,048", () => {
    const { cp, configTotal } = reconcile(readFixtureConfig("meta-llama--Llama-2-7b-hf"), LLAMA2_7B);
    expect(cp.total).toBe(6_738_417_664);
    expect(configTotal).toBe(6_738_415_616);
    expect(cp.byDtype).toEqual({ F16: 6_738_415_616, F32: 2_048 });
    expect(cp.differences).toEqual([{ tensor: "model.layers.{0..31}.self_attn.rotary_emb.inv_freq", count: 2_048, reason: "rotary inv_freq buffer, recomputed at load", kind: "buffer", tensors: 32, shape: [64] }]);
    expectBalanced(cp, configTotal);
  });

  it("GPT-2: the 12 causal masks h.N.attn.bias [1, 1, 1024, 1024] explain 137,022,720 (Hub) − 124,439,808", () => {
    const { cp, configTotal } = reconcile(readFixtureConfig("openai-community--gpt2"), gpt2Tensors());
    expect(cp.total).toBe(137_022_720);
    expect(configTotal).toBe(124_439_808);
    expect(cp.differences).toHaveLength(1);
    expect(cp.differences[0]).toMatchObject({ tensor: "h.{0..11}.attn.bias", count: 12 * 1024 * 1024, kind: "buffer", tensors: 12 });
    expectBalanced(cp, configTotal);
  });

  it("GPT-2 saved by a current GPT2LMHeadModel (transformer. prefix) matches the same inventory", () => {
    const renamed = gpt2Tensors().map((t) => ({ ...t, name: `transformer.${t.name}` }));
    const { cp, configTotal } = reconcile(readFixtureConfig("openai-community--gpt2"), renamed);
    expect(cp.differences.map((d) => d.kind)).toEqual(["buffer"]);
    expectBalanced(cp, configTotal);
  });

  it("GPTQ 4-bit Llama-2-7B: logical = config total; packing, bookkeeping and the 224 zero biases named", () => {
    const config = { ...readFixtureConfig("meta-llama--Llama-2-7b-hf"), quantization_config: { bits: 4, group_size: 128, quant_method: "gptq", desc_act: false } };
    const tensors = gptqLlama2Tensors();
    const { cp, configTotal } = reconcile(config, tensors);
    expect(cp.total).toBe(storedCount(tensors));
    // The config's count (modeling_llama.py shapes; 6,738,415,616 is Llama-2-7b-hf's Hub total without its inv_freq buffers).
    expect(cp.logical).toBe(6_738_415_616);
    expect(cp.logical).toBe(configTotal);
    const kinds = new Map(cp.differences.map((d) => [d.tensor, d]));
    expect(kinds.get("*.qweight")).toMatchObject({ kind: "quantization-packing", tensors: 224 });
    // 224 linear layers: 32 × (4 × 4096 + 2 × 11008 + 4096) bias values.
    expect(kinds.get("*.bias")).toMatchObject({ kind: "quantization-bias", tensors: 224, count: 32 * (5 * 4096 + 2 * 11008) });
    for (const aux of ["*.qzeros", "*.scales", "*.g_idx"]) expect(kinds.get(aux)).toMatchObject({ kind: "quantization-bookkeeping", tensors: 224 });
    expect(cp.differences.every((d) => d.kind.startsWith("quantization"))).toBe(true);
    expectBalanced(cp, configTotal);
  });

  it("AWQ 4-bit (qweight [in, out/8]) and bitsandbytes 4-bit (U8 [n/2, 1] plus absmax, quant_map, quant_state) unpack to the config's count", () => {
    const base = readFixtureConfig("mistralai--Mistral-7B-v0.1");
    const linear = (t: TensorSpec) => /layers\.\d+\.(self_attn|mlp)\..*\.weight$/.test(t.name);
    const awq = MISTRAL_7B.flatMap((t): TensorSpec[] => {
      if (!linear(t)) return [t];
      const [out, inF] = t.shape as [number, number];
      const m = t.name.slice(0, -".weight".length);
      return [
        { name: `${m}.qweight`, dtype: "I32", shape: [inF, out / 8] },
        { name: `${m}.qzeros`, dtype: "I32", shape: [inF / 128, out / 8] },
        { name: `${m}.scales`, dtype: "F16", shape: [inF / 128, out] },
      ];
    });
    const awqResult = reconcile({ ...base, quantization_config: { quant_method: "awq", bits: 4, group_size: 128, version: "gemm" } }, awq);
    expect(awqResult.cp.logical).toBe(7_241_732_096);
    expectBalanced(awqResult.cp, awqResult.configTotal);
    const bnb = MISTRAL_7B.flatMap((t): TensorSpec[] => {
      if (!linear(t)) return [t];
      const n = t.shape[0]! * t.shape[1]!;
      return [
        { name: t.name, dtype: "U8", shape: [n / 2, 1] },
        { name: `${t.name}.absmax`, dtype: "F32", shape: [n / 64] },
        { name: `${t.name}.quant_map`, dtype: "F32", shape: [16] },
        { name: `${t.name}.quant_state.bitsandbytes__nf4`, dtype: "U8", shape: [100] },
      ];
    });
    const bnbResult = reconcile({ ...base, quantization_config: { quant_method: "bitsandbytes", load_in_4bit: true, bnb_4bit_quant_type: "nf4" } }, bnb);
    expect(bnbResult.cp.logical).toBe(7_241_732_096);
    expect(bnbResult.cp.differences.filter((d) => d.kind === "quantization-bookkeeping").map((d) => d.tensor).sort()).toEqual(["*.absmax", "*.bitsandbytes__nf4", "*.quant_map"]);
    expectBalanced(bnbResult.cp, bnbResult.configTotal);
  });

  it("BERT's TensorFlow-era LayerNorm names (gamma, beta) match the weight and bias transformers renames them to", () => {
    const config = readFixtureConfig("google-bert--bert-base-uncased");
    const { inventory } = analyzeConfig(config);
    // The class's own names (this test is about the renaming), with LayerNorm.weight/.bias spelled as the 2018 checkpoint does.
    const tensors: TensorSpec[] = [...expandTensors(inventory!)].map((t) => ({ name: t.name.replace(/LayerNorm\.weight$/, "LayerNorm.gamma").replace(/LayerNorm\.bias$/, "LayerNorm.beta"), dtype: "F32", shape: t.shape }));
    expect(tensors.some((t) => t.name.endsWith("LayerNorm.gamma"))).toBe(true);
    const { cp, configTotal } = reconcile(config, tensors);
    expect(cp.differences).toEqual([]);
    expect(cp.total).toBe(configTotal);
  });

  it("a tied weight stored only under the head's name is the same weight, not a missing embedding", () => {
    const swapped = QWEN3_06B.filter((t) => t.name !== "model.embed_tokens.weight");
    const { cp, configTotal } = reconcile(readFixtureConfig("Qwen--Qwen3-0.6B"), swapped);
    expect(cp.total).toBe(configTotal);
    expect(cp.differences).toMatchObject([{ tensor: "lm_head.weight", kind: "layout", count: 0 }]);
  });

  it("an FP8 DeepSeek-V3-style checkpoint: weight_scale_inv bookkeeping, e_score_correction_bias buffers, the MTP layer named", () => {
    const tensors = smallDeepseekFp8Tensors();
    const { cp, configTotal } = reconcile(SMALL_DEEPSEEK_FP8_CONFIG, tensors);
    const scales = tensors.filter((t) => t.name.endsWith("weight_scale_inv"));
    const mtp = tensors.filter((t) => t.name.startsWith("model.layers.2.") && !t.name.endsWith("weight_scale_inv") && !t.name.endsWith("e_score_correction_bias"));
    const byKind = (k: string) => cp.differences.filter((d) => d.kind === k);
    expect(byKind("quantization-bookkeeping")).toEqual([{ tensor: "*.weight_scale_inv", count: storedCount(scales), reason: "FP8 block scale bookkeeping, not parameters", kind: "quantization-bookkeeping", tensors: scales.length }]);
    expect(byKind("buffer")).toMatchObject([{ tensor: "model.layers.{1,2}.mlp.gate.e_score_correction_bias", count: 8, tensors: 2 }]);
    expect(byKind("mtp")).toMatchObject([{ tensor: "model.layers.2.*", count: storedCount(mtp), tensors: mtp.length }]);
    expect(byKind("missing")).toEqual([]);
    expect(byKind("unexpected")).toEqual([]);
    // Everything but the scales, buffers and the MTP layer is the class's parameters.
    expect(cp.logical).toBe(configTotal + 8 + storedCount(mtp));
    expect(cp.total).toBe(storedCount(tensors));
    expectBalanced(cp, configTotal);
  });

  it("names missing, unexpected and mis-shaped tensors, grouped across layers", () => {
    const tensors = MISTRAL_7B.filter((t) => !t.name.endsWith("post_attention_layernorm.weight"))
      .map((t) => (t.name === "model.embed_tokens.weight" ? { ...t, shape: [32768, 4096] } : t))
      .concat([{ name: "model.extra_projection.weight", dtype: "BF16", shape: [16, 4096] }]);
    const { cp, configTotal } = reconcile(readFixtureConfig("mistralai--Mistral-7B-v0.1"), tensors);
    expect(cp.differences).toEqual([
      { tensor: "model.extra_projection.weight", count: 65_536, reason: "stored, but not a tensor of the class and not a known buffer or quantization tensor", kind: "unexpected", tensors: 1, shape: [16, 4096] },
      { tensor: "model.layers.{0..31}.post_attention_layernorm.weight", count: -32 * 4096, reason: "implied by the config, not stored", kind: "missing", tensors: 32, expectedShape: [4096] },
      { tensor: "model.embed_tokens.weight", count: 768 * 4096, reason: "stored with another shape than the config implies", kind: "shape", tensors: 1, shape: [32768, 4096], expectedShape: [32000, 4096] },
    ]);
    expectBalanced(cp, configTotal);
  });

  it("fused experts (transformers 5's gate_up_proj / down_proj) reconcile with per-expert names by layer count", () => {
    const config = readFixtureConfig("mistralai--Mixtral-8x7B-v0.1");
    const base = llamaTensors({ layers: 32, hidden: 4096, inter: 14336, heads: 32, kvHeads: 8, vocab: 32000, dtype: "BF16", lmHead: true }).filter((t) => !t.name.includes(".mlp."));
    const fused: TensorSpec[] = [];
    for (let i = 0; i < 32; i++) {
      fused.push(
        { name: `model.layers.${i}.mlp.gate.weight`, dtype: "BF16", shape: [8, 4096] },
        { name: `model.layers.${i}.mlp.experts.gate_up_proj`, dtype: "BF16", shape: [8, 2 * 14336, 4096] },
        { name: `model.layers.${i}.mlp.experts.down_proj`, dtype: "BF16", shape: [8, 4096, 14336] },
      );
    }
    const { cp, configTotal } = reconcile(config, [...base, ...fused]);
    // Mixtral-8x7B-v0.1: 46,702,792,704 (Hub safetensors.total).
    expect(cp.total).toBe(46_702_792_704);
    expect(cp.total).toBe(configTotal);
    expect(new Set(cp.differences.map((d) => d.kind))).toEqual(new Set(["layout"]));
    expect(cp.differences.map((d) => d.tensor).sort()).toEqual(["model.layers.{0..31}.mlp.experts.down_proj", "model.layers.{0..31}.mlp.experts.gate_up_proj", "model.layers.{0..31}.mlp.gate.weight"]);
    expectBalanced(cp, configTotal);
  });

  it("a checkpoint saved from the base class (no model. prefix, no head) against the CausalLM config misses only lm_head", () => {
    const bare = MISTRAL_7B.filter((t) => t.name !== "lm_head.weight").map((t) => ({ ...t, name: t.name.replace(/^model\./, "") }));
    const { cp, configTotal } = reconcile(readFixtureConfig("mistralai--Mistral-7B-v0.1"), bare);
    expect(cp.differences).toMatchObject([{ tensor: "lm_head.weight", kind: "missing", count: -32000 * 4096 }]);
    expectBalanced(cp, configTotal);
  });

  it("uses the loader's reported total and names what the headers do not account for", () => {
    const { cp, configTotal } = reconcile(readFixtureConfig("mistralai--Mistral-7B-v0.1"), MISTRAL_7B, { total: 7_241_732_096 + 10 });
    expect(cp.total).toBe(7_241_732_106);
    expect(cp.differences).toMatchObject([{ kind: "unaccounted", count: 10 }]);
    expectBalanced(cp, configTotal);
  });

  it("a reported total that counts scalar tensors as one element each is named, not unexplained", () => {
    const withScalars = MISTRAL_7B.concat([{ name: "model.layers.0.self_attn.scale", dtype: "F32", shape: [] }]);
    const { model, inventory, parameters } = analyzeConfig(readFixtureConfig("mistralai--Mistral-7B-v0.1"));
    const cp = reconcileCheckpoint(memoryCheckpoint(withScalars, { total: 7_241_732_096 + 1 }), model, inventory);
    expect(cp.differences.map((d) => d.kind)).toEqual(["unexpected", "scalar-count"]);
    expectBalanced(cp, parameters!.total);
  });

  it("does not compare an estimated layout or a checkpoint without a config, but still counts it", () => {
    const estimate = reconcileCheckpoint(memoryCheckpoint(MISTRAL_7B), null, null);
    expect(estimate).toMatchObject({ total: 7_241_732_096, logical: 7_241_732_096, compared: false, differences: [], tensors: 291 });
    expect(estimate.notes[0]).toMatch(/no usable config/);
  });

  it("unpacks a GPTQ checkpoint from its tensor names alone (no config): 8 values per I32", () => {
    const tensors = gptqLlama2Tensors();
    const cp = reconcileCheckpoint(memoryCheckpoint(tensors), null, null);
    const qweights = storedCount(tensors.filter((t) => t.name.endsWith(".qweight")));
    const bookkeeping = storedCount(tensors.filter((t) => /\.(qzeros|scales|g_idx)$/.test(t.name)));
    expect(cp.logical).toBe(cp.total + 7 * qweights - bookkeeping);
  });

  it("keeps DeepSeek-V3-sized inventories fast: a Map, no quadratic loops", () => {
    const config = readFixtureConfig("deepseek-ai--DeepSeek-V3");
    const { model, inventory } = analyzeConfig(config);
    // The checkpoint's parameter tensors are the inventory's own names here: this test is about cost and grouping.
    const tensors: TensorSpec[] = [...expandTensors(inventory!)].map((t) => ({ name: t.name, dtype: "BF16", shape: t.shape }));
    for (let i = 0; i < 61; i++) tensors.push({ name: `model.layers.${i}.self_attn.rotary_emb.inv_freq`, dtype: "F32", shape: [32] });
    const cp = reconcileCheckpoint(memoryCheckpoint(tensors), model, inventory);
    expect(cp.tensors).toBeGreaterThan(45_000);
    expect(cp.differences).toEqual([{ tensor: "model.layers.{0..60}.self_attn.rotary_emb.inv_freq", count: 61 * 32, reason: "rotary inv_freq buffer, recomputed at load", kind: "buffer", tensors: 61, shape: [32] }]);
  });
});
