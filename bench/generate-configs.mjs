// Writes N varied model configs as <dir>/mNNNNN/config.json (llama, mistral, qwen2/3, gemma2, phi3, gpt2, bert, mixtral, unknown).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const TYPES = [
  ["llama", "LlamaForCausalLM"],
  ["mistral", "MistralForCausalLM"],
  ["qwen2", "Qwen2ForCausalLM"],
  ["qwen3", "Qwen3ForCausalLM"],
  ["gemma2", "Gemma2ForCausalLM"],
  ["phi3", "Phi3ForCausalLM"],
  ["mixtral", "MixtralForCausalLM"],
  ["gpt2", "GPT2LMHeadModel"],
  ["bert", "BertForMaskedLM"],
  ["newarch", "NewArchForCausalLM"],
];

/** Deterministic pseudo-random numbers, so every run measures the same files. */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export function generateConfigs(dir, count) {
  const random = rng(42);
  for (let i = 0; i < count; i++) {
    const [modelType, architecture] = TYPES[i % TYPES.length];
    const heads = [8, 16, 32, 64][Math.floor(random() * 4)];
    const hidden = heads * [64, 128][Math.floor(random() * 2)];
    const config = {
      architectures: [architecture],
      model_type: modelType,
      hidden_size: hidden,
      intermediate_size: hidden * [3, 4][Math.floor(random() * 2)],
      num_hidden_layers: 2 + Math.floor(random() * 80),
      num_attention_heads: heads,
      num_key_value_heads: heads / [1, 2, 4, 8][Math.floor(random() * 4)],
      vocab_size: 32000 + Math.floor(random() * 120000),
      max_position_embeddings: 4096,
      tie_word_embeddings: random() < 0.3,
      rms_norm_eps: 1e-5,
      rope_theta: 10000.0,
      torch_dtype: "bfloat16",
      transformers_version: "4.46.0",
      _name_or_path: `org/model-${i}`,
    };
    if (modelType === "gpt2") Object.assign(config, { n_embd: hidden, n_layer: config.num_hidden_layers, n_head: heads, n_positions: 1024 });
    if (modelType === "mixtral") Object.assign(config, { num_local_experts: 8, num_experts_per_tok: 2 });
    const folder = join(dir, `m${String(i).padStart(5, "0")}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "config.json"), JSON.stringify(config, null, 2));
  }
}
