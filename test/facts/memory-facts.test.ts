import { describe, expect, it } from "vitest";
import { cacheBytes } from "../../src/facts/kv-cache.js";
import { cacheLayout } from "../../src/facts/cache-layout.js";
import { PRECISIONS } from "../../src/facts/precisions.js";
import { analyzeConfig, readFixtureConfig } from "../helpers/count.js";
import { deriveFacts } from "../../src/facts/derive-facts.js";
import { normalizeConfig } from "../../src/architectures/normalize-config.js";

/** Meta-Llama-3-70B's config.json (meta-llama/Meta-Llama-3-70B): 80 layers, 64 heads, 8 KV heads, head_dim 8192 / 64 = 128. */
const llama3_70b = {
  architectures: ["LlamaForCausalLM"],
  model_type: "llama",
  hidden_size: 8192,
  intermediate_size: 28672,
  num_hidden_layers: 80,
  num_attention_heads: 64,
  num_key_value_heads: 8,
  vocab_size: 128256,
  max_position_embeddings: 8192,
  tie_word_embeddings: false,
  torch_dtype: "bfloat16",
};

function memoryOf(config: Record<string, unknown>, options = {}) {
  const model = normalizeConfig(config);
  const { facts, inventory } = deriveFacts(model, null, options);
  return { memory: facts.memory!, facts, model, inventory: inventory! };
}

describe("weights per precision", () => {
  it("Meta-Llama-3-70B: 70,553,706,496 parameters (Hub safetensors.total) are 141.1 GB in BF16", () => {
    const { memory } = memoryOf(llama3_70b);
    expect(memory.parameters).toBe(70_553_706_496);
    expect(memory.weightsBytes.bf16).toBe(141_107_412_992);
    expect((memory.weightsBytes.bf16 / 1e9).toFixed(1)).toBe("141.1");
    expect(memory.weightsBytes.fp32).toBe(4 * 70_553_706_496);
    expect(memory.weightsBytes.int8).toBe(70_553_706_496);
    expect(memory.weightsBytes.fp8).toBe(70_553_706_496);
    expect(memory.weightsBytes.int4).toBe(35_276_853_248);
    // ggml blocks: Q4_K is 144 bytes per 256 weights (4.5 bits), Q8_0 34 bytes per 32 (8.5 bits).
    expect(memory.weightsBytes.q4_k).toBe((70_553_706_496 / 256) * 144);
    expect(memory.weightsBytes.q8_0).toBe((70_553_706_496 / 32) * 34);
  });

  it("lists every precision of the table, at its bits per weight", () => {
    const { memory } = memoryOf(llama3_70b);
    expect(Object.keys(memory.weightsBytes).sort()).toEqual(PRECISIONS.map((p) => p.key).sort());
    for (const p of PRECISIONS) expect(memory.weightsBytes[p.key]).toBe(Math.ceil((70_553_706_496 * p.bitsPerWeight) / 8));
  });

  it("holds every expert of a mixture: Mixtral-8x7B's 46.7B, not its 12.9B active", () => {
    const { memory, facts } = memoryOf(readFixtureConfig("mistralai--Mixtral-8x7B-v0.1"));
    // mistralai/Mixtral-8x7B-v0.1: 46,702,792,704 (Hub safetensors.total).
    expect(memory.parameters).toBe(46_702_792_704);
    expect(facts.parameters!.active).toBeLessThan(13e9);
    expect(memory.weightsBytes.bf16).toBe(2 * 46_702_792_704);
  });
});

describe("KV cache", () => {
  it("Llama-3-70B: 2 × 80 layers × 8 KV heads × 128 × 2 bytes = 327,680 per token, 8× below MHA", () => {
    const kv = memoryOf(llama3_70b).memory.kvCache!;
    expect(kv.bytesPerToken).toBe(2 * 80 * 8 * 128 * 2);
    expect(kv.bytesPerToken).toBe(327_680);
    expect(kv.mhaBytesPerToken).toBe(2 * 80 * 64 * 128 * 2);
    expect(kv.savingVsMha).toBe(8);
    expect(kv.layers).toEqual({ full: 80, sliding: 0, ssm: 0 });
    expect(kv.atContextLength).toEqual({ tokens: 8192, batch: 1, bytes: 327_680 * 8192, latentBytes: null });
    expect(kv.atRequested).toBeNull();
  });

  it("answers --context and --batch", () => {
    const kv = memoryOf(llama3_70b, { context: 4096, batch: 8 }).memory.kvCache!;
    expect(kv.atRequested).toEqual({ tokens: 4096, batch: 8, bytes: 327_680 * 4096 * 8, latentBytes: null });
  });

  it("Mistral-7B: 131,072 bytes per token, and 512 MiB at 32,768 tokens since each layer holds 4,096", () => {
    // mistralai/Mistral-7B-v0.1 config.json: 32 layers, 8 KV heads, head_dim 4096 / 32 = 128, sliding_window 4096.
    const kv = memoryOf(readFixtureConfig("mistralai--Mistral-7B-v0.1")).memory.kvCache!;
    expect(kv.bytesPerToken).toBe(2 * 32 * 8 * 128 * 2);
    expect(kv.bytesPerToken).toBe(131_072);
    expect(kv.layers).toEqual({ full: 0, sliding: 32, ssm: 0 });
    expect(kv.slidingWindow).toBe(4096);
    expect(kv.atContextLength!.bytes).toBe(131_072 * 4096);
    expect(kv.atContextLength!.bytes).toBe(512 * 2 ** 20);
  });

  it("Mistral-7B-v0.3 writes sliding_window: null, so every layer keeps every token", () => {
    const { memory, facts } = memoryOf(readFixtureConfig("mistralai--Mistral-7B-v0.3"));
    expect(facts.attention.slidingWindow).toBeNull();
    expect(memory.kvCache!.layers).toEqual({ full: 32, sliding: 0, ssm: 0 });
    expect(memory.kvCache!.atContextLength!.bytes).toBe(131_072 * 32_768);
  });

  it("Gemma-2-9B alternates: 21 sliding and 21 full layers (configuration_gemma2.py: layer i slides when (i + 1) % 2)", () => {
    // google/gemma-2-9b: 42 layers, 8 KV heads, head_dim 256, sliding_window 4096, context 8192.
    const kv = memoryOf(readFixtureConfig("google--gemma-2-9b")).memory.kvCache!;
    const perLayer = 2 * 8 * 256 * 2;
    expect(kv.bytesPerToken).toBe(42 * perLayer);
    expect(kv.layers).toEqual({ full: 21, sliding: 21, ssm: 0 });
    expect(kv.atContextLength!.bytes).toBe(21 * perLayer * 8192 + 21 * perLayer * 4096);
    expect(kv.atContextLength!.bytes).toBe(2_113_929_216);
  });

  it("Gemma-3-27B slides on five layers of six (sliding_window_pattern 6): 10 full, 52 sliding at 1,024", () => {
    // google/gemma-3-27b-it text_config: 62 layers, 16 KV heads, head_dim 128, sliding_window 1024, context 131,072.
    const kv = memoryOf(readFixtureConfig("google--gemma-3-27b-it")).memory.kvCache!;
    const perLayer = 2 * 16 * 128 * 2;
    expect(kv.layers).toEqual({ full: 10, sliding: 52, ssm: 0 });
    expect(kv.atContextLength!.bytes).toBe(10 * perLayer * 131_072 + 52 * perLayer * 1024);
  });

  it("follows an explicit layer_types list, and Qwen2's max_window_layers with use_sliding_window", () => {
    const base = { architectures: ["Qwen2ForCausalLM"], model_type: "qwen2", hidden_size: 512, intermediate_size: 1024, num_hidden_layers: 28, num_attention_heads: 8, num_key_value_heads: 2, vocab_size: 1024, max_position_embeddings: 32768 };
    // configuration_qwen2.py: layers from max_window_layers on slide, only with use_sliding_window.
    expect(memoryOf({ ...base, use_sliding_window: true, sliding_window: 4096, max_window_layers: 21 }).memory.kvCache!.layers).toEqual({ full: 21, sliding: 7, ssm: 0 });
    expect(memoryOf({ ...base, use_sliding_window: false, sliding_window: 4096, max_window_layers: 21 }).memory.kvCache!.layers).toEqual({ full: 28, sliding: 0, ssm: 0 });
    const types = Array.from({ length: 28 }, (_, i) => (i % 4 === 3 ? "full_attention" : "sliding_attention"));
    expect(memoryOf({ ...base, use_sliding_window: true, sliding_window: 4096, layer_types: types }).memory.kvCache!.layers).toEqual({ full: 7, sliding: 21, ssm: 0 });
  });

  it("DeepSeek-V3: 70,272 bytes per token as MLA's latent cache, 4,997,120 as full K/V", () => {
    // deepseek-ai/DeepSeek-V3: 61 layers, 128 heads, kv_lora_rank 512, qk_rope_head_dim 64, qk_nope_head_dim 128, v_head_dim 128.
    const kv = memoryOf(readFixtureConfig("deepseek-ai--DeepSeek-V3")).memory.kvCache!;
    expect(kv.latentBytesPerToken).toBe((512 + 64) * 61 * 2);
    expect(kv.latentBytesPerToken).toBe(70_272);
    expect(kv.bytesPerToken).toBe(61 * 128 * (128 + 64 + 128) * 2);
    expect(kv.bytesPerToken).toBe(4_997_120);
    expect(kv.savingVsMha).toBe(1);
    expect(kv.latentSavingVsMha).toBeCloseTo(4_997_120 / 70_272, 10);
    expect(kv.atContextLength).toEqual({ tokens: 163_840, batch: 1, bytes: 4_997_120 * 163_840, latentBytes: 70_272 * 163_840 });
  });

  it("Mamba keeps a fixed state: conv [1536, 4] and SSM [1536, 16] per layer (MambaCache)", () => {
    // state-spaces/mamba-130m-hf: 24 layers, intermediate_size 1536, conv_kernel 4, state_size 16.
    const kv = memoryOf(readFixtureConfig("state-spaces--mamba-130m-hf")).memory.kvCache!;
    expect(kv.bytesPerToken).toBe(0);
    expect(kv.layers).toEqual({ full: 0, sliding: 0, ssm: 24 });
    expect(kv.stateBytes).toBe(24 * 1536 * (4 + 16) * 2);
    expect(kv.savingVsMha).toBeNull();
  });

  it("Mamba-2 keeps [inner + 2·groups·state, kernel] and [heads, head_dim, state] per layer (Mamba2Cache)", () => {
    // mistralai/Mamba-Codestral-7B-v0.1: 64 layers, hidden 4096 × expand 2, n_groups 8, state 128, 128 heads of 64, kernel 4.
    const kv = memoryOf(readFixtureConfig("mistralai--Mamba-Codestral-7B-v0.1")).memory.kvCache!;
    expect(kv.stateBytes).toBe(64 * ((8192 + 2 * 8 * 128) * 4 + 128 * 64 * 128) * 2);
  });

  it("Jamba: 4 attention layers (i % 8 == 4) grow, 28 Mamba layers hold a fixed state", () => {
    // ai21labs/Jamba-v0.1: 32 layers, 8 KV heads, head_dim 4096 / 32 = 128, mamba_expand 2, d_conv 4, d_state 16.
    const kv = memoryOf(readFixtureConfig("ai21labs--Jamba-v0.1")).memory.kvCache!;
    expect(kv.layers).toEqual({ full: 4, sliding: 0, ssm: 28 });
    expect(kv.bytesPerToken).toBe(4 * 2 * 8 * 128 * 2);
    expect(kv.stateBytes).toBe(28 * 8192 * (4 + 16) * 2);
    expect(kv.atContextLength!.bytes).toBe(16_384 * 262_144 + 28 * 8192 * 20 * 2);
  });

  it("an encoder keeps no cache; an encoder-decoder's decoder does, cross-attention noted", () => {
    expect(memoryOf(readFixtureConfig("google-bert--bert-base-uncased")).memory.kvCache).toBeNull();
    // google-t5/t5-base: 12 decoder layers, 12 heads, d_kv 64.
    const t5 = memoryOf(readFixtureConfig("google-t5--t5-base")).memory.kvCache!;
    expect(t5.bytesPerToken).toBe(12 * 2 * 12 * 64 * 2);
    expect(t5.notes.join(" ")).toContain("cross-attention");
  });
});

describe("the checkpoint's own precision", () => {
  const dims = { architectures: ["LlamaForCausalLM"], model_type: "llama", hidden_size: 4096, intermediate_size: 14336, num_hidden_layers: 32, num_attention_heads: 32, num_key_value_heads: 8, vocab_size: 128256 };
  const { parameters } = analyzeConfig(dims);
  const b = parameters!.breakdown;
  const linear = b.attention! + b.mlp!;
  const rest = parameters!.total - linear;

  it("reads torch_dtype and transformers 5's dtype", () => {
    expect(memoryOf({ ...dims, torch_dtype: "bfloat16" }).memory.asPublished).toMatchObject({ dtype: "bfloat16", label: "BF16", bitsPerWeight: 16, bytes: 2 * parameters!.total, estimated: false });
    expect(memoryOf({ ...dims, dtype: "float32" }).memory.asPublished).toMatchObject({ label: "FP32", bytes: 4 * parameters!.total, source: "dtype" });
    expect(memoryOf(dims).memory.asPublished).toBeNull();
  });

  it("GPTQ 4-bit group 128: packed weights with an fp16 scale and a 4-bit zero per 128, embeddings and head in fp16", () => {
    const p = memoryOf({ ...dims, torch_dtype: "float16", quantization_config: { quant_method: "gptq", bits: 4, group_size: 128 } }).memory.asPublished!;
    expect(p).toMatchObject({ method: "gptq", bits: 4, groupSize: 128, label: "GPTQ 4-bit, group 128", estimated: true });
    expect(p.bytes).toBe(Math.ceil((linear * (4 + 20 / 128)) / 8) + 2 * rest);
  });

  it("AWQ, bitsandbytes, FP8 blocks, MXFP4 and compressed-tensors", () => {
    const awq = memoryOf({ ...dims, quantization_config: { quant_method: "awq", bits: 4, group_size: 64 } }).memory.asPublished!;
    expect(awq.bytes).toBe(Math.ceil((linear * (4 + 20 / 64)) / 8) + 2 * rest);
    const nf4 = memoryOf({ ...dims, quantization_config: { load_in_4bit: true, bnb_4bit_quant_type: "nf4", bnb_4bit_use_double_quant: true } }).memory.asPublished!;
    expect(nf4).toMatchObject({ method: "bitsandbytes", bits: 4, label: "bitsandbytes 4-bit NF4, double quant" });
    expect(memoryOf({ ...dims, quantization_config: { load_in_8bit: true } }).memory.asPublished!.bytes).toBe(linear + 2 * rest);
    // DeepSeek-V3's config: fp8 with an fp32 scale per 128 × 128 block.
    const fp8 = memoryOf({ ...dims, quantization_config: { quant_method: "fp8", fmt: "e4m3", weight_block_size: [128, 128] } }).memory.asPublished!;
    expect(fp8).toMatchObject({ label: "FP8, 128×128 blocks", groupSize: 16384 });
    expect(fp8.bytes).toBe(Math.ceil((linear * (8 + 32 / 16384)) / 8) + 2 * rest);
    // gpt-oss: MXFP4 experts only, 4 bits + one 8-bit exponent per 32.
    const mx = memoryOf({ ...dims, quantization_config: { quant_method: "mxfp4" } }).memory.asPublished!;
    expect(mx.bytes).toBe(Math.ceil((b.mlp! * 4.25) / 8) + 2 * (parameters!.total - b.mlp!));
    const ct = memoryOf({ ...dims, quantization_config: { quant_method: "compressed-tensors", format: "pack-quantized", config_groups: { group_0: { weights: { num_bits: 4, type: "int", strategy: "group", group_size: 128, symmetric: true } } } } }).memory.asPublished!;
    expect(ct).toMatchObject({ label: "compressed-tensors INT4, group 128", bits: 4, groupSize: 128 });
    expect(ct.bytes).toBe(Math.ceil((linear * (4 + 16 / 128)) / 8) + 2 * rest);
  });
});

describe("hardware fit", () => {
  it("the 24 GB question for Llama-3-70B: nothing fits, at any precision; INT4 (35.3 GB) fits 40 GB up to a context", () => {
    const fit = memoryOf(llama3_70b).memory.hardwareFit;
    expect(fit.acceleratorsGB).toEqual([16, 24, 40, 48, 80, 141]);
    expect(fit.overhead).toBe(0.1);
    for (const key of ["fp32", "bf16", "int8", "int4"]) expect(fit.maxContext[key]![1]).toBeNull();
    // 40 GB × 0.9 − 35,276,853,248 B of INT4 weights = 723,146,752 B of cache room; at 327,680 B/token: 2,206 tokens.
    expect(fit.maxContext.int4![2]).toBe(Math.floor((40e9 * 0.9 - 35_276_853_248) / 327_680));
    expect(fit.maxContext.int4![2]).toBe(2206);
    // 141 GB × 0.9 = 126.9 GB: the BF16 weights (141.1 GB) do not fit; INT8 (70.6 GB) fits at the full 8,192 tokens.
    expect(fit.maxContext.bf16![5]).toBeNull();
    expect(fit.maxContext.int8![5]).toBe(8192);
  });

  it("adds --gpu-memory, and answers at --context and --batch", () => {
    const fit = memoryOf(readFixtureConfig("mistralai--Mistral-7B-v0.1"), { gpuMemoryBytes: 24 * 2 ** 30, gpuMemoryLabel: "24GiB", context: 8192, batch: 4 }).memory.hardwareFit;
    expect(fit.acceleratorsGB.at(-1)).toBe((24 * 2 ** 30) / 1e9);
    expect(fit.gpuMemory).toBe("24GiB");
    expect(fit.context).toBe(8192);
    expect(fit.batch).toBe(4);
    // BF16: 14,483,464,192 B of weights + 4 × 4,096 tokens × 131,072 B (the window caps each layer) = 16.63 GB < 0.9 × 25.77 GB.
    expect(fit.maxContext.bf16!.at(-1)).toBe(32768);
  });

  it("every answer fits, and one more token would not (the whole fixture set, several budgets and batches)", () => {
    const names = ["meta-llama--Llama-3.1-70B", "meta-llama--Meta-Llama-3-8B", "mistralai--Mistral-7B-v0.1", "google--gemma-2-9b", "google--gemma-3-27b-it", "deepseek-ai--DeepSeek-V2-Lite", "ai21labs--Jamba-v0.1", "Qwen--Qwen3-0.6B", "microsoft--Phi-3-mini-4k-instruct"];
    let checked = 0;
    for (const name of names) {
      for (const batch of [1, 3, 16]) {
        const { memory, model, inventory } = memoryOf(readFixtureConfig(name), { batch });
        const layout = cacheLayout(model, inventory)!;
        const fit = memory.hardwareFit;
        const limit = model.maxPositions.value!;
        for (const [key, row] of Object.entries(fit.maxContext)) {
          const weights = key === "published" ? memory.asPublished!.bytes! : memory.weightsBytes[key]!;
          row.forEach((max, i) => {
            const budget = fit.acceleratorsGB[i]! * 1e9 * 0.9;
            if (max === null) return expect(weights + cacheBytes(layout, 0, batch)).toBeGreaterThan(budget);
            expect(weights + cacheBytes(layout, max, batch)).toBeLessThanOrEqual(budget);
            if (max < limit) expect(weights + cacheBytes(layout, max + 1, batch)).toBeGreaterThan(budget);
            checked++;
          });
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
  });
});

describe("training memory and compute", () => {
  it("mixed-precision Adam at 16 bytes per parameter, activations 34 × tokens × batch × d_model × layers", () => {
    const { memory } = memoryOf(llama3_70b, { context: 4096, batch: 2 });
    expect(memory.training.estimated).toBe(true);
    expect(memory.training.weightsGradientsOptimizerBytes).toBe(16 * 70_553_706_496);
    expect(memory.training.activationBytes).toBe(34 * 4096 * 2 * 8192 * 80);
    expect(memory.training.totalBytes).toBe(16 * 70_553_706_496 + 34 * 4096 * 2 * 8192 * 80);
  });

  it("FLOPs per token 2 × and 6 × active non-embedding parameters; Chinchilla-optimal 20 × parameters", () => {
    const { facts } = memoryOf(readFixtureConfig("mistralai--Mixtral-8x7B-v0.1"));
    const p = facts.parameters!;
    // Mixtral's input embedding, 32,000 × 4,096, is a lookup that every token uses.
    const embedding = 32_000 * 4_096;
    expect(facts.compute).toEqual({ flopsPerTokenInference: 2 * (p.active - embedding), flopsPerTokenTraining: 6 * (p.active - embedding), nonEmbeddingParameters: p.active - embedding, embeddingShare: embedding / p.active, chinchillaTokens: 20 * p.total, trainingTokens: null, trainingTokensRatio: null });
    expect(memoryOf(llama3_70b).facts.compute!.chinchillaTokens).toBe(1_411_074_129_920);
  });
});
