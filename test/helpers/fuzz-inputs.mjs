// Mutated inputs for the fuzz harness (bench/fuzz.mjs) and the property test
// (test/reliability/fuzz.property.test.ts): configs from fixtures/configs with hostile values
// spliced in, model cards built from claims, tables and front matter, and safetensors headers
// with broken dtypes, shapes and offsets. Every generator takes a seeded random source, so a
// failing case is reproduced from its seed alone.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** mulberry32: a small, fast, seeded PRNG (floats in [0, 1)). */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (rand, list) => list[Math.floor(rand() * list.length)];
const int = (rand, lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

let fixtures = null;
/** Every published config in fixtures/configs, parsed once. */
export function fixtureConfigs() {
  if (fixtures) return fixtures;
  const dir = join(ROOT, "fixtures", "configs");
  fixtures = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")));
  return fixtures;
}

/** Raw JSON texts spliced in where a value goes: 1e400 parses to Infinity, -0, huge exponents. */
const RAW = ["1e400", "-1e400", "-0", "1e-400", "123456789012345678901234567890"];
const HOSTILE = [
  -4, -1, 0, 1, 0.5, 1.5, 2.5, 3, 7, 64, 65536, 100000, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 53 + 2, 1e15, 1e300, -1e300,
  "__proto__", "constructor", "toString", "valueOf", "hasOwnProperty", "", "auto", "7B", "bfloat16", "float8_e4m3fn", "int4", "NaN", "Infinity", "-1",
  null, true, false, [], [1, 2, 3], [-1], {}, { __proto__: null, x: 1 }, { bits: -4 }, { quant_method: "gptq", bits: -4 }, { quant_method: "gptq", bits: 1e9, group_size: -1 },
];
/** Keys worth mutating beyond the config's own: the dims, precisions and quantization every family reads. */
const KEYS = [
  "hidden_size", "num_hidden_layers", "num_attention_heads", "num_key_value_heads", "intermediate_size", "vocab_size", "max_position_embeddings", "head_dim",
  "num_local_experts", "num_experts", "num_experts_per_tok", "moe_intermediate_size", "n_routed_experts", "expansion_ratio", "d_model", "n_layers", "n_heads",
  "torch_dtype", "dtype", "quantization_config", "tie_word_embeddings", "sliding_window", "rope_scaling", "kv_lora_rank", "q_lora_rank", "layer_types", "model_type", "architectures",
];

/** A fixture config with 1–4 values replaced by hostile ones; returns the JSON text (which may hold 1e400). */
export function mutatedConfigText(rand) {
  const base = structuredClone(pick(rand, fixtureConfigs()));
  const raws = [];
  const targets = [base];
  if (base.text_config && typeof base.text_config === "object") targets.push(base.text_config);
  const n = int(rand, 1, 4);
  for (let i = 0; i < n; i++) {
    const target = pick(rand, targets);
    const own = Object.keys(target);
    const key = rand() < 0.6 && own.length ? pick(rand, own) : pick(rand, KEYS);
    if (rand() < 0.15) {
      const marker = `__raw_${raws.length}__`;
      raws.push(pick(rand, RAW));
      target[key] = marker;
    } else target[key] = structuredClone(pick(rand, HOSTILE));
  }
  let text = JSON.stringify(base);
  raws.forEach((raw, i) => (text = text.replace(`"__raw_${i}__"`, raw)));
  return text;
}

const CLAIMS = [
  "This model has 7B parameters and 32 layers.",
  "It uses grouped-query attention (GQA) with a 32k context window.",
  "The model was trained on 15T tokens.",
  "It is a 1.1B model with a context length of 4096 tokens.",
  "Our 70B model outperforms Llama 2 70B.",
  "A vocabulary of 128K tokens; 3.8B active parameters per token.",
  "It does not use sliding window attention.",
];

/** A model card: front matter (sometimes hostile), headings, prose with repeated claims, spec tables. */
export function mutatedCard(rand) {
  const out = [];
  if (rand() < 0.8) {
    const keys = int(rand, 0, rand() < 0.05 ? 3000 : 6);
    out.push("---");
    const license = pick(rand, ["apache-2.0", "mit", "other", "__proto__", "", "[a, b]", "{x: 1}"]);
    out.push(`license: ${license}`);
    for (let i = 0; i < keys; i++) out.push(rand() < 0.02 ? "license: mit" : `k${i}: ${pick(rand, ["1", "-4", "x", "[1, 2]", "{a: b}", "&a v", "*a", "null"])}`);
    if (rand() < 0.2) out.push("model-index:", "  - name: m", "    results:", "      - task: {type: text-generation}", "        metrics: [{type: acc, value: -1}]");
    if (rand() < 0.05) out.push(`deep: ${"[".repeat(int(rand, 10, 300))}${"]".repeat(int(rand, 0, 300))}`);
    out.push("---");
  }
  out.push("# Model", "");
  const paragraphs = int(rand, 1, 4);
  for (let p = 0; p < paragraphs; p++) {
    const repeats = rand() < 0.05 ? int(rand, 100, 3000) : int(rand, 1, 5);
    const sentences = [];
    for (let i = 0; i < repeats; i++) sentences.push(pick(rand, CLAIMS));
    out.push((rand() < 0.2 ? "- " : "") + sentences.join(" "), "");
  }
  if (rand() < 0.6) {
    const rows = rand() < 0.03 ? int(rand, 1000, 20000) : int(rand, 1, 8);
    out.push("| Spec | Value |", "|---|---|");
    const labels = ["Parameters", "Layers", "Context length", "Attention heads", "KV heads", "Vocabulary", "Attention"];
    for (let i = 0; i < rows; i++) out.push(`| ${pick(rand, labels)} | ${pick(rand, ["7B", "32", "-4", "32k", "GQA", "1e400", "__proto__", "", "128K tokens"])} |`);
    out.push("");
  }
  if (rand() < 0.1) out.push("<!-- modelcheck-disable MC401 -->", "");
  return out.join("\n");
}

const DTYPES = ["F32", "F16", "BF16", "I32", "U8", "F8_E4M3", "F4", "NEWTYPE", null, "__proto__", "", 7];

/** A safetensors file (header and a zeroed data section) for a tiny llama, with 0–3 entries broken. */
export function mutatedSafetensors(rand) {
  const tensors = [
    ["model.embed_tokens.weight", [100, 64]],
    ["model.layers.0.self_attn.q_proj.weight", [64, 64]],
    ["model.layers.0.mlp.down_proj.weight", [64, 128]],
    ["model.norm.weight", [64]],
  ];
  const header = { __metadata__: { format: "pt" } };
  let offset = 0;
  for (const [name, shape] of tensors) {
    const bytes = shape.reduce((a, b) => a * b, 1) * 4;
    header[name] = { dtype: "F32", shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  const names = Object.keys(header).filter((k) => k !== "__metadata__");
  const broken = int(rand, 0, 3);
  for (let i = 0; i < broken; i++) {
    const entry = header[pick(rand, names)] ?? (header["model.norm.weight"] = { dtype: "F32", shape: [64], data_offsets: [0, 256] });
    const what = int(rand, 0, 5);
    if (what === 0) entry.dtype = pick(rand, DTYPES);
    else if (what === 1) entry.shape = pick(rand, [[-1], [1.5], [2 ** 53], new Array(100).fill(1), null, [], [0], ["4"]]);
    else if (what === 2) entry.data_offsets = pick(rand, [[0, 0], [-1, 4], [5, 2], [0, 2 ** 60], null, [0]]);
    else if (what === 3) header[`model.layers.${int(rand, 0, 99999)}.extra.weight`] = { dtype: "F32", shape: [1], data_offsets: [offset, offset + 4] };
    else if (what === 4) header.__metadata__ = pick(rand, [{ format: 1 }, null, "x"]);
    else delete header[pick(rand, names)];
  }
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(rand() < 0.03 ? 2 ** 40 : json.length));
  return Buffer.concat([length, json, Buffer.alloc(offset)]);
}

/** The llama config the safetensors above are built for. */
export const TINY_LLAMA_CONFIG = { architectures: ["LlamaForCausalLM"], model_type: "llama", hidden_size: 64, intermediate_size: 128, num_hidden_layers: 1, num_attention_heads: 4, num_key_value_heads: 4, vocab_size: 100, tie_word_embeddings: true };
