import type { GgufValue, LoadedGguf } from "./read-gguf-header.js";

/**
 * The transformers-style config a GGUF header implies, so a GGUF file alone goes through the same
 * normalization and facts as a config.json. GGUF's keys (llama.cpp's gguf-py constants.py) are
 * `general.architecture` and `{arch}.block_count`, `{arch}.embedding_length`,
 * `{arch}.attention.head_count_kv`, …; converted here once, at the edge.
 */

/** llama.cpp architecture names → transformers model types (where they differ or matter). */
const MODEL_TYPES: Record<string, string> = {
  llama: "llama",
  qwen2: "qwen2",
  qwen2moe: "qwen2_moe",
  qwen3: "qwen3",
  qwen3moe: "qwen3_moe",
  gemma: "gemma",
  gemma2: "gemma2",
  gemma3: "gemma3_text",
  phi2: "phi",
  phi3: "phi3",
  gpt2: "gpt2",
  starcoder: "gpt_bigcode",
  starcoder2: "starcoder2",
  falcon: "falcon",
  bloom: "bloom",
  mpt: "mpt",
  gptneox: "gpt_neox",
  gptj: "gptj",
  stablelm: "stablelm",
  olmo: "olmo",
  olmo2: "olmo2",
  "command-r": "cohere",
  granite: "granite",
  deepseek2: "deepseek_v3",
  mamba: "mamba",
  mamba2: "mamba2",
  jamba: "jamba",
  bert: "bert",
  t5: "t5",
  smollm3: "smollm3",
};

function num(v: GgufValue | undefined): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  // Per-layer arrays (head_count_kv of hybrid models, feed_forward_length of OpenELM): the largest entry.
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "number")) return Math.max(...(v as number[]));
  return null;
}

/** The architecture name and the config a GGUF's metadata implies. */
export function ggufConfig(gguf: LoadedGguf): Record<string, unknown> {
  const m = gguf.metadata;
  const arch = typeof m["general.architecture"] === "string" ? (m["general.architecture"] as string) : null;
  const key = (name: string) => (arch ? m[`${arch}.${name}`] : undefined);
  const config: Record<string, unknown> = {};
  const set = (name: string, value: unknown) => {
    if (value !== null && value !== undefined) config[name] = value;
  };
  const expertCount = num(key("expert_count"));
  let modelType = arch ? (MODEL_TYPES[arch] ?? arch) : null;
  // llama.cpp converts Mixtral to the llama architecture with experts.
  if (arch === "llama" && expertCount && expertCount > 1) modelType = "mixtral";
  // deepseek2 serves DeepSeek-V2 (softmax router) and V3 (sigmoid router, expert_gating_func 2).
  if (arch === "deepseek2" && num(key("expert_gating_func")) !== 2) modelType = "deepseek_v2";
  set("model_type", modelType);
  set("_name_or_path", typeof m["general.name"] === "string" ? m["general.name"] : null);
  set("hidden_size", num(key("embedding_length")));
  set("num_hidden_layers", num(key("block_count")));
  set("num_attention_heads", num(key("attention.head_count")));
  set("num_key_value_heads", num(key("attention.head_count_kv")));
  set("max_position_embeddings", num(key("context_length")));
  set("sliding_window", num(key("attention.sliding_window")));
  const tokens = m["tokenizer.ggml.tokens"];
  const vocab = num(key("vocab_size")) ?? (tokens && typeof tokens === "object" && "length" in tokens ? tokens.length : null);
  set("vocab_size", vocab);
  const ffn = num(key("feed_forward_length"));
  set("intermediate_size", ffn);
  if (expertCount) {
    set("num_local_experts", expertCount);
    set("num_experts", expertCount);
    set("n_routed_experts", expertCount);
    set("num_experts_per_tok", num(key("expert_used_count")));
    set("moe_intermediate_size", num(key("expert_feed_forward_length")));
    set("n_shared_experts", num(key("expert_shared_count")));
    set("first_k_dense_replace", num(key("leading_dense_block_count")));
  }
  const keyLength = num(key("attention.key_length"));
  const rope = num(key("rope.dimension_count"));
  const kvLoraRank = num(key("attention.kv_lora_rank"));
  if (kvLoraRank) {
    // MLA: key_length_mla/value_length_mla are the per-head widths once llama.cpp stores the latent form.
    const qkHead = num(key("attention.key_length_mla")) ?? keyLength;
    set("kv_lora_rank", kvLoraRank);
    set("q_lora_rank", num(key("attention.q_lora_rank")));
    set("qk_rope_head_dim", rope);
    if (qkHead && rope) set("qk_nope_head_dim", qkHead - rope);
    set("v_head_dim", num(key("attention.value_length_mla")) ?? num(key("attention.value_length")));
  } else {
    set("head_dim", keyLength);
  }
  if (arch === "mamba" || arch === "mamba2" || arch === "jamba") {
    const prefix = arch === "jamba" ? "mamba_" : "";
    set(arch === "jamba" ? "mamba_d_conv" : "conv_kernel", num(key("ssm.conv_kernel")));
    set(arch === "jamba" ? "mamba_d_state" : "state_size", num(key("ssm.state_size")));
    set(`${prefix}${arch === "jamba" ? "dt_rank" : "time_step_rank"}`, num(key("ssm.time_step_rank")));
    const inner = num(key("ssm.inner_size"));
    const hidden = num(key("embedding_length"));
    if (arch === "mamba") set("intermediate_size", inner);
    if (inner && hidden) set(arch === "jamba" ? "mamba_expand" : "expand", inner / hidden);
    if (arch === "mamba2") {
      set("n_groups", num(key("ssm.group_count")));
      const heads = num(key("ssm.time_step_rank"));
      set("num_heads", heads);
      if (inner && heads) set("head_dim", inner / heads);
    }
  }
  // A file without output.weight reuses token_embd for the head, as a tied config does.
  config.tie_word_embeddings = !gguf.tensors.some((t) => t.name === "output.weight");
  return config;
}
