import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RULES } from "../rules/index.js";
import { elementCount } from "../src/architectures/inventory.js";
import { analyzeDocuments } from "../src/analyze/analyze-documents.js";
import { parseConfigBytes } from "../src/sources/read-config-document.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "./helpers/count.js";

/** The whole per-target pipeline on raw bytes, as a local target runs it. */
function pipeline(bytes: Uint8Array) {
  const config = parseConfigBytes(bytes, "config.json");
  return analyzeDocuments({ config, name: "model-7B" }, { input: "config.json", kind: "file", revision: null }, { rules: RULES, ruleSettings: {}, cwd: process.cwd() }).findings;
}

const FIXTURES = [
  "mistralai--Mistral-7B-v0.1",
  "meta-llama--Llama-3.2-1B-Instruct",
  "Qwen--Qwen3-0.6B",
  "Qwen--Qwen2.5-3B-Instruct",
  "google--gemma-2-2b-it",
  "google--gemma-3-1b-it",
  "microsoft--Phi-3-mini-4k-instruct",
  "openai-community--gpt2",
  "google-bert--bert-base-uncased",
  "mistralai--Mixtral-8x7B-v0.1",
  "allenai--OLMo-2-1124-7B-Instruct",
];

const KEYS = ["model_type", "architectures", "hidden_size", "num_hidden_layers", "num_attention_heads", "num_key_value_heads", "head_dim", "intermediate_size", "vocab_size", "tie_word_embeddings", "text_config", "n_embd", "__proto__", "sliding_window", "num_local_experts", "num_experts_per_tok"];

describe("robustness", () => {
  it("never throws on arbitrary JSON values", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(() => pipeline(Buffer.from(JSON.stringify(value) ?? "null"))).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on arbitrary bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => void pipeline(bytes)), { numRuns: 300 });
  });

  it("never throws on real configs with keys mutated to random values", () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIXTURES), fc.constantFrom(...KEYS), fc.jsonValue(), (fixture, key, value) => {
        const config = { ...readFixtureConfig(fixture) } as Record<string, unknown>;
        Object.defineProperty(config, key, { value, enumerable: true, configurable: true, writable: true });
        const findings = pipeline(Buffer.from(JSON.stringify(config)));
        for (const f of findings) expect(f.message).not.toMatch(/undefined|NaN|\[object Object\]/);
      }),
      { numRuns: 400 },
    );
  });

  it("never throws when a dim is a random number or the text is truncated anywhere", () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIXTURES), fc.constantFrom("hidden_size", "num_hidden_layers", "num_attention_heads", "vocab_size", "intermediate_size"), fc.oneof(fc.integer(), fc.double()), fc.nat(), (fixture, key, n, cut) => {
        const text = JSON.stringify({ ...readFixtureConfig(fixture), [key]: n });
        pipeline(Buffer.from(text));
        pipeline(Buffer.from(text.slice(0, cut % text.length)));
      }),
      { numRuns: 300 },
    );
  });
});

describe("count invariants", () => {
  const layerKey = (config: Record<string, unknown>) => ("n_layer" in config ? "n_layer" : "num_hidden_layers");

  it.each(FIXTURES)("%s: adding one layer adds exactly one layer's parameters", (fixture) => {
    const config = readFixtureConfig(fixture);
    const key = layerKey(config);
    const layers = config[key] as number;
    const { inventory } = analyzeConfig(config);
    // One layer's parameters: every per-layer template counted once (MoE templates once per expert).
    const perLayer = inventory!.tensors.filter((t) => t.layers).reduce((sum, t) => sum + elementCount(t.shape) * (t.experts ?? 1), 0);
    expect(totalOf({ ...config, [key]: layers + 1 }) - totalOf(config)).toBe(perLayer);
  });

  it("random shapes: each added layer adds the same amount", () => {
    fc.assert(
      fc.property(fc.constantFrom("llama", "mistral", "qwen2", "qwen3", "gemma2", "phi3", "gpt_neox"), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 40 }), (type, heads, headWidth, layers) => {
        const config = { model_type: type, hidden_size: heads * headWidth, num_attention_heads: heads, num_key_value_heads: heads, intermediate_size: 3 * heads * headWidth, vocab_size: 1000, num_hidden_layers: layers, head_dim: headWidth };
        const step = totalOf({ ...config, num_hidden_layers: layers + 1 }) - totalOf(config);
        expect(totalOf({ ...config, num_hidden_layers: layers + 2 }) - totalOf({ ...config, num_hidden_layers: layers + 1 })).toBe(step);
        expect(step).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it.each(["mistralai--Mistral-7B-v0.1", "meta-llama--Llama-3.2-1B-Instruct", "Qwen--Qwen3-8B", "google--gemma-2-2b-it", "microsoft--Phi-4-mini-instruct", "mistralai--Mixtral-8x7B-v0.1"])(
    "%s: doubling the vocabulary adds vocab×d once when tied, twice when untied",
    (fixture) => {
      const config = readFixtureConfig(fixture);
      const { model } = analyzeConfig(config);
      const vocab = model.vocabSize.value!;
      const d = model.hiddenSize.value!;
      for (const tied of [true, false]) {
        const base = { ...config, tie_word_embeddings: tied };
        expect(totalOf({ ...base, vocab_size: 2 * vocab }) - totalOf(base)).toBe((tied ? 1 : 2) * vocab * d);
      }
    },
  );
});

describe("MoE invariants", () => {
  // Each case: the expert-count key, the MoE layers and one routed expert's size (modeling files).
  type Shape = (c: Record<string, number>) => { moeLayers: number; expert: number };
  const cases: [string, string, Shape][] = [
    // Mixtral: every layer is sparse; w1, w3 [ff, d] and w2 [d, ff] per expert (modeling_mixtral.py).
    ["mistralai--Mixtral-8x7B-v0.1", "num_local_experts", (c) => ({ moeLayers: c.num_hidden_layers!, expert: 3 * c.hidden_size! * c.intermediate_size! })],
    // Qwen3-MoE: every layer sparse (decoder_sparse_step 1); experts of moe_intermediate_size (modeling_qwen3_moe.py).
    ["Qwen--Qwen3-30B-A3B", "num_experts", (c) => ({ moeLayers: c.num_hidden_layers!, expert: 3 * c.hidden_size! * c.moe_intermediate_size! })],
    // DeepSeek-V3: layers from first_k_dense_replace on are sparse (modeling_deepseek_v3.py).
    ["deepseek-ai--DeepSeek-V3", "n_routed_experts", (c) => ({ moeLayers: c.num_hidden_layers! - c.first_k_dense_replace!, expert: 3 * c.hidden_size! * c.moe_intermediate_size! })],
  ];
  it.each(cases)("%s: one more expert adds one expert and one router row per MoE layer", (fixture, key, shape) => {
    const config = readFixtureConfig(fixture) as Record<string, number>;
    const { moeLayers, expert } = shape(config);
    const before = analyzeConfig(config).parameters!;
    const after = analyzeConfig({ ...config, [key]: config[key]! + 1 }).parameters!;
    expect(after.total - before.total).toBe(moeLayers * (expert + config.hidden_size!));
    // Tokens still use the same number of experts: only the router grows in the active count.
    expect(after.active - before.active).toBe(moeLayers * config.hidden_size!);
  });
});
