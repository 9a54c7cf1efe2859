// Writes the Hub repo fixtures under fixtures/hub/<org>--<name>/: the files a repo serves
// (config.json, README.md, model.safetensors.index.json), the model info the API returns, and
// tensors.json, the tensors of each safetensors file as transformers saves them (names and shapes
// from the modeling code named per repo; test/helpers/safetensors-header.mjs builds the header
// bytes from them). Commit shas and `_id`s are synthetic (derived from the repo id); everything
// else follows the real repos. Run: node scripts/write-hub-fixtures.mjs
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSafetensorsHeader, DTYPE_BYTES } from "../test/helpers/safetensors-header.mjs";

const root = join(fileURLToPath(new URL(".", import.meta.url)), "..", "fixtures", "hub");
const synthetic = (repo, length) => createHash("sha1").update(`modelcheck fixture ${repo}`).digest("hex").slice(0, length);

/**
 * Llama-style decoder tensors in state-dict order (modeling_llama.py / modeling_mistral.py /
 * modeling_qwen3.py: self_attn q,k,v,o [+ q_norm, k_norm], mlp gate, up, down, the two norms),
 * then model.norm and, when untied, lm_head.
 */
function decoderTensors({ d, ff, vocab, layers, heads, kvHeads, headDim, qkNorm = false, lmHead, dtype }) {
  const t = [["model.embed_tokens.weight", [vocab, d]]];
  for (let i = 0; i < layers; i++) {
    const p = `model.layers.${i}.`;
    t.push([`${p}self_attn.q_proj.weight`, [heads * headDim, d]], [`${p}self_attn.k_proj.weight`, [kvHeads * headDim, d]], [`${p}self_attn.v_proj.weight`, [kvHeads * headDim, d]], [`${p}self_attn.o_proj.weight`, [d, heads * headDim]]);
    if (qkNorm) t.push([`${p}self_attn.q_norm.weight`, [headDim]], [`${p}self_attn.k_norm.weight`, [headDim]]);
    t.push([`${p}mlp.gate_proj.weight`, [ff, d]], [`${p}mlp.up_proj.weight`, [ff, d]], [`${p}mlp.down_proj.weight`, [d, ff]]);
    t.push([`${p}input_layernorm.weight`, [d]], [`${p}post_attention_layernorm.weight`, [d]]);
  }
  t.push(["model.norm.weight", [d]]);
  if (lmHead) t.push(["lm_head.weight", [vocab, d]]);
  return t.map(([name, shape]) => [name, { dtype, shape }]);
}

/**
 * AutoGPTQ's QuantLinear buffers for a 4-bit linear layer (auto_gptq/nn_modules/qlinear):
 * qweight I32 [in/8, out], qzeros I32 [in/group, out/8], scales F16 [in/group, out],
 * g_idx I32 [in], bias F16 [out] — the bias written for every layer, all zeros for Llama.
 */
function gptqLinear(prefix, inFeatures, outFeatures, group) {
  return [
    [`${prefix}.qweight`, { dtype: "I32", shape: [inFeatures / 8, outFeatures] }],
    [`${prefix}.qzeros`, { dtype: "I32", shape: [Math.ceil(inFeatures / group), outFeatures / 8] }],
    [`${prefix}.scales`, { dtype: "F16", shape: [Math.ceil(inFeatures / group), outFeatures] }],
    [`${prefix}.g_idx`, { dtype: "I32", shape: [inFeatures] }],
    [`${prefix}.bias`, { dtype: "F16", shape: [outFeatures] }],
  ];
}

function gptqLlamaTensors({ d, ff, vocab, layers, heads, kvHeads, headDim, group }) {
  const t = [["model.embed_tokens.weight", { dtype: "F16", shape: [vocab, d] }]];
  for (let i = 0; i < layers; i++) {
    const p = `model.layers.${i}.`;
    t.push(...gptqLinear(`${p}self_attn.q_proj`, d, heads * headDim, group), ...gptqLinear(`${p}self_attn.k_proj`, d, kvHeads * headDim, group));
    t.push(...gptqLinear(`${p}self_attn.v_proj`, d, kvHeads * headDim, group), ...gptqLinear(`${p}self_attn.o_proj`, heads * headDim, d, group));
    t.push(...gptqLinear(`${p}mlp.gate_proj`, d, ff, group), ...gptqLinear(`${p}mlp.up_proj`, d, ff, group), ...gptqLinear(`${p}mlp.down_proj`, ff, d, group));
    t.push([`${p}input_layernorm.weight`, { dtype: "F16", shape: [d] }], [`${p}post_attention_layernorm.weight`, { dtype: "F16", shape: [d] }]);
  }
  t.push(["model.norm.weight", { dtype: "F16", shape: [d] }], ["lm_head.weight", { dtype: "F16", shape: [vocab, d] }]);
  return t;
}

const elements = (shape) => shape.reduce((a, b) => a * b, 1);

/** transformers' shard_checkpoint (4.3x): fill a shard in state-dict order until the next tensor would pass max_shard_size (10GB = 10^10 bytes). */
function shard(tensors, maxBytes = 10e9) {
  const shards = [[]];
  let size = 0;
  for (const entry of tensors) {
    const bytes = elements(entry[1].shape) * DTYPE_BYTES[entry[1].dtype];
    if (size + bytes > maxBytes && shards.at(-1).length) {
      shards.push([]);
      size = 0;
    }
    shards.at(-1).push(entry);
    size += bytes;
  }
  if (shards.length === 1) return { "model.safetensors": Object.fromEntries(shards[0]) };
  const n = String(shards.length).padStart(5, "0");
  return Object.fromEntries(shards.map((s, i) => [`model-${String(i + 1).padStart(5, "0")}-of-${n}.safetensors`, Object.fromEntries(s)]));
}

/** The Hub's `safetensors` field: stored elements per dtype, every tensor counted. */
function hubCounts(files) {
  const parameters = {};
  for (const tensors of Object.values(files)) for (const { dtype, shape } of Object.values(tensors)) parameters[dtype] = (parameters[dtype] ?? 0) + elements(shape);
  return { parameters, total: Object.values(parameters).reduce((a, b) => a + b, 0) };
}

/** transformers writes the index with json.dumps(index, indent=2, sort_keys=True) + "\n". */
function indexJson(files) {
  let totalSize = 0;
  const weightMap = {};
  for (const [file, tensors] of Object.entries(files)) {
    totalSize += buildSafetensorsHeader(tensors).dataSize;
    for (const name of Object.keys(tensors)) weightMap[name] = file;
  }
  const sorted = Object.fromEntries(Object.keys(weightMap).sort().map((k) => [k, weightMap[k]]));
  return `${JSON.stringify({ metadata: { total_size: totalSize }, weight_map: sorted }, null, 2)}\n`;
}

function card(frontMatter, body) {
  return `---\n${frontMatter.trim()}\n---\n\n${body.trim()}\n`;
}

const REPOS = [
  {
    // Sharded in two as transformers 4.34 saved it at 10GB per shard; the file sizes match the Hub's (9,942,981,696 and 4,540,516,344 bytes).
    id: "mistralai/Mistral-7B-v0.1",
    config: {
      architectures: ["MistralForCausalLM"], bos_token_id: 1, eos_token_id: 2, hidden_act: "silu", hidden_size: 4096, initializer_range: 0.02, intermediate_size: 14336,
      max_position_embeddings: 32768, model_type: "mistral", num_attention_heads: 32, num_hidden_layers: 32, num_key_value_heads: 8, rms_norm_eps: 1e-5,
      rope_theta: 10000.0, sliding_window: 4096, tie_word_embeddings: false, torch_dtype: "bfloat16", transformers_version: "4.34.0.dev0", use_cache: true, vocab_size: 32000,
    },
    files: shard(decoderTensors({ d: 4096, ff: 14336, vocab: 32000, layers: 32, heads: 32, kvHeads: 8, headDim: 128, lmHead: true, dtype: "BF16" })),
    extra: ["generation_config.json", "pytorch_model-00001-of-00002.bin", "pytorch_model-00002-of-00002.bin", "pytorch_model.bin.index.json", "special_tokens_map.json", "tokenizer.json", "tokenizer.model", "tokenizer_config.json"],
    info: { pipeline_tag: "text-generation", library_name: "transformers", gated: false, tags: ["transformers", "pytorch", "safetensors", "mistral", "text-generation", "pretrained", "en", "arxiv:2310.06825", "license:apache-2.0", "autotrain_compatible", "text-generation-inference", "region:us"] },
    cardData: { language: ["en"], license: "apache-2.0", tags: ["pretrained"], pipeline_tag: "text-generation" },
    card: card("language:\n- en\nlicense: apache-2.0\ntags:\n- pretrained\npipeline_tag: text-generation", "# Model Card for Mistral-7B-v0.1\n\nThe Mistral-7B-v0.1 Large Language Model (LLM) is a pretrained generative text model with 7 billion parameters.\n\n## Model Architecture\n\nMistral-7B-v0.1 is a transformer model, with the following architecture choices:\n- Grouped-Query Attention\n- Sliding-Window Attention\n- Byte-fallback BPE tokenizer"),
  },
  {
    // One file; stores lm_head.weight although tie_word_embeddings is true: the Hub's 751,632,384 = 596,049,920 + 151936 × 1024.
    id: "Qwen/Qwen3-0.6B",
    config: {
      architectures: ["Qwen3ForCausalLM"], attention_bias: false, attention_dropout: 0.0, bos_token_id: 151643, eos_token_id: 151645, head_dim: 128, hidden_act: "silu", hidden_size: 1024,
      initializer_range: 0.02, intermediate_size: 3072, max_position_embeddings: 40960, max_window_layers: 28, model_type: "qwen3", num_attention_heads: 16, num_hidden_layers: 28,
      num_key_value_heads: 8, rms_norm_eps: 1e-6, rope_scaling: null, rope_theta: 1000000, sliding_window: null, tie_word_embeddings: true, torch_dtype: "bfloat16",
      transformers_version: "4.51.0", use_cache: true, use_sliding_window: false, vocab_size: 151936,
    },
    files: shard(decoderTensors({ d: 1024, ff: 3072, vocab: 151936, layers: 28, heads: 16, kvHeads: 8, headDim: 128, qkNorm: true, lmHead: true, dtype: "BF16" })),
    extra: ["LICENSE", "generation_config.json", "merges.txt", "tokenizer.json", "tokenizer_config.json", "vocab.json"],
    info: { pipeline_tag: "text-generation", library_name: "transformers", gated: false, tags: ["transformers", "safetensors", "qwen3", "text-generation", "conversational", "arxiv:2505.09388", "base_model:Qwen/Qwen3-0.6B-Base", "license:apache-2.0", "autotrain_compatible", "text-generation-inference", "endpoints_compatible", "region:us"] },
    cardData: { library_name: "transformers", license: "apache-2.0", license_link: "https://huggingface.co/Qwen/Qwen3-0.6B/blob/main/LICENSE", pipeline_tag: "text-generation", base_model: ["Qwen/Qwen3-0.6B-Base"] },
    card: card("library_name: transformers\nlicense: apache-2.0\nlicense_link: https://huggingface.co/Qwen/Qwen3-0.6B/blob/main/LICENSE\npipeline_tag: text-generation\nbase_model:\n- Qwen/Qwen3-0.6B-Base", "# Qwen3-0.6B\n\n## Model Overview\n\n**Qwen3-0.6B** has the following features:\n- Type: Causal Language Models\n- Number of Parameters: 0.6B\n- Number of Paramaters (Non-Embedding): 0.44B\n- Number of Layers: 28\n- Number of Attention Heads (GQA): 16 for Q and 8 for KV\n- Context Length: 32,768"),
  },
  {
    // AutoGPTQ 4-bit, group size 128, act-order: packed I32 qweight, qzeros, F16 scales, g_idx and an all-zero bias per linear layer; embeddings, norms and lm_head in F16.
    id: "TheBloke/TinyLlama-1.1B-Chat-v1.0-GPTQ",
    config: {
      _name_or_path: "/workspace/process/tinyllama_tinyllama-1.1b-chat-v1.0/source", architectures: ["LlamaForCausalLM"], attention_bias: false, bos_token_id: 1, eos_token_id: 2,
      hidden_act: "silu", hidden_size: 2048, initializer_range: 0.02, intermediate_size: 5632, max_position_embeddings: 2048, model_type: "llama", num_attention_heads: 32,
      num_hidden_layers: 22, num_key_value_heads: 4, pretraining_tp: 1,
      quantization_config: { bits: 4, group_size: 128, damp_percent: 0.1, desc_act: true, sym: true, true_sequential: true, model_name_or_path: null, model_file_base_name: "model", quant_method: "gptq" },
      rms_norm_eps: 1e-5, rope_scaling: null, rope_theta: 10000.0, tie_word_embeddings: false, torch_dtype: "float16", transformers_version: "4.35.2", use_cache: true, vocab_size: 32000,
    },
    files: { "model.safetensors": Object.fromEntries(gptqLlamaTensors({ d: 2048, ff: 5632, vocab: 32000, layers: 22, heads: 32, kvHeads: 4, headDim: 64, group: 128 })) },
    extra: ["generation_config.json", "quantize_config.json", "special_tokens_map.json", "tokenizer.json", "tokenizer.model", "tokenizer_config.json"],
    info: { pipeline_tag: "text-generation", library_name: "transformers", gated: false, tags: ["transformers", "safetensors", "llama", "text-generation", "conversational", "en", "base_model:TinyLlama/TinyLlama-1.1B-Chat-v1.0", "license:apache-2.0", "autotrain_compatible", "text-generation-inference", "4-bit", "gptq", "region:us"] },
    cardData: { base_model: "TinyLlama/TinyLlama-1.1B-Chat-v1.0", language: ["en"], license: "apache-2.0", model_name: "Tinyllama 1.1B Chat v1.0", model_type: "tinyllama", quantized_by: "TheBloke" },
    card: card("base_model: TinyLlama/TinyLlama-1.1B-Chat-v1.0\nlanguage:\n- en\nlicense: apache-2.0\nmodel_name: Tinyllama 1.1B Chat v1.0\nmodel_type: tinyllama\nquantized_by: TheBloke", "# Tinyllama 1.1B Chat v1.0 - GPTQ\n\nThis repo contains GPTQ model files for TinyLlama's Tinyllama 1.1B Chat v1.0."),
  },
  {
    // Gated (manual approval): the model info is public, every file but README.md answers GatedRepo without access.
    id: "meta-llama/Llama-3.2-1B-Instruct",
    config: {
      architectures: ["LlamaForCausalLM"], attention_bias: false, attention_dropout: 0.0, bos_token_id: 128000, eos_token_id: [128001, 128008, 128009], head_dim: 64, hidden_act: "silu",
      hidden_size: 2048, initializer_range: 0.02, intermediate_size: 8192, max_position_embeddings: 131072, mlp_bias: false, model_type: "llama", num_attention_heads: 32,
      num_hidden_layers: 16, num_key_value_heads: 8, pretraining_tp: 1, rms_norm_eps: 1e-5,
      rope_scaling: { factor: 32.0, high_freq_factor: 4.0, low_freq_factor: 1.0, original_max_position_embeddings: 8192, rope_type: "llama3" },
      rope_theta: 500000.0, tie_word_embeddings: true, torch_dtype: "bfloat16", transformers_version: "4.45.0.dev0", use_cache: true, vocab_size: 128256,
    },
    files: shard(decoderTensors({ d: 2048, ff: 8192, vocab: 128256, layers: 16, heads: 32, kvHeads: 8, headDim: 64, lmHead: false, dtype: "BF16" })),
    extra: ["LICENSE.txt", "USE_POLICY.md", "generation_config.json", "original/consolidated.00.pth", "original/params.json", "original/tokenizer.model", "special_tokens_map.json", "tokenizer.json", "tokenizer_config.json"],
    info: { pipeline_tag: "text-generation", library_name: "transformers", gated: "manual", tags: ["transformers", "safetensors", "llama", "text-generation", "facebook", "meta", "pytorch", "llama-3", "conversational", "en", "de", "fr", "it", "pt", "hi", "es", "th", "arxiv:2204.05149", "arxiv:2405.16406", "license:llama3.2", "autotrain_compatible", "text-generation-inference", "endpoints_compatible", "region:us"] },
    cardData: { language: ["en", "de", "fr", "it", "pt", "hi", "es", "th"], library_name: "transformers", license: "llama3.2", pipeline_tag: "text-generation", tags: ["facebook", "meta", "pytorch", "llama", "llama-3"], extra_gated_prompt: "LLAMA 3.2 COMMUNITY LICENSE AGREEMENT" },
    card: card("language:\n- en\n- de\n- fr\n- it\n- pt\n- hi\n- es\n- th\nlibrary_name: transformers\nlicense: llama3.2\npipeline_tag: text-generation\ntags:\n- facebook\n- meta\n- pytorch\n- llama\n- llama-3\nextra_gated_prompt: LLAMA 3.2 COMMUNITY LICENSE AGREEMENT", "## Model Information\n\nThe Llama 3.2 collection of multilingual large language models (LLMs) is a collection of pretrained and instruction-tuned generative models in 1B and 3B sizes."),
  },
  {
    // PyTorch weights only: no safetensors file, so the checkpoint is not read (and no request is made for it).
    id: "facebook/opt-125m",
    config: {
      _remove_final_layer_norm: false, activation_dropout: 0.0, activation_function: "relu", architectures: ["OPTForCausalLM"], attention_dropout: 0.0, bos_token_id: 2,
      do_layer_norm_before: true, dropout: 0.1, eos_token_id: 2, ffn_dim: 3072, hidden_size: 768, init_std: 0.02, layerdrop: 0.0, max_position_embeddings: 2048,
      model_type: "opt", num_attention_heads: 12, num_hidden_layers: 12, pad_token_id: 1, prefix: "</s>", torch_dtype: "float16", transformers_version: "4.21.0.dev0",
      use_cache: true, vocab_size: 50272, word_embed_proj_dim: 768,
    },
    files: {},
    extra: ["flax_model.msgpack", "generation_config.json", "merges.txt", "pytorch_model.bin", "special_tokens_map.json", "tf_model.h5", "tokenizer_config.json", "vocab.json"],
    info: { pipeline_tag: "text-generation", library_name: "transformers", gated: false, tags: ["transformers", "pytorch", "tf", "jax", "opt", "text-generation", "en", "arxiv:2205.01068", "arxiv:2005.14165", "license:other", "autotrain_compatible", "text-generation-inference", "region:us"] },
    cardData: { language: "en", inference: false, tags: ["text-generation", "opt"], license: "other", commercial: false },
    card: card("language: en\ninference: false\ntags:\n- text-generation\n- opt\nlicense: other\ncommercial: false", "# OPT : Open Pre-trained Transformer Language Models\n\nOPT was first introduced in Open Pre-trained Transformer Language Models."),
  },
];

for (const repo of REPOS) {
  const dir = join(root, repo.id.replace("/", "--"));
  mkdirSync(dir, { recursive: true });
  const sharded = Object.keys(repo.files).length > 1;
  const served = { "config.json": `${JSON.stringify(repo.config, null, 2)}\n`, "README.md": repo.card };
  if (sharded) served["model.safetensors.index.json"] = indexJson(repo.files);
  const siblings = [".gitattributes", ...Object.keys(served), ...Object.keys(repo.files), ...repo.extra].sort();
  const info = {
    _id: synthetic(repo.id, 24),
    id: repo.id,
    private: false,
    ...repo.info,
    downloads: 0,
    likes: 0,
    lastModified: "2025-01-01T00:00:00.000Z",
    sha: synthetic(repo.id, 40),
    siblings: siblings.map((rfilename) => ({ rfilename })),
    cardData: repo.cardData,
    config: { architectures: repo.config.architectures, model_type: repo.config.model_type, ...(repo.config.quantization_config ? { quantization_config: { bits: 4, quant_method: "gptq" } } : {}) },
    ...(Object.keys(repo.files).length ? { safetensors: hubCounts(repo.files) } : {}),
  };
  writeFileSync(join(dir, "model-info.json"), `${JSON.stringify(info, null, 2)}\n`);
  for (const [path, text] of Object.entries(served)) writeFileSync(join(dir, path), text);
  if (Object.keys(repo.files).length) writeFileSync(join(dir, "tensors.json"), `${JSON.stringify(repo.files)}\n`);
  const sizes = Object.entries(repo.files).map(([f, t]) => `${f} ${buildSafetensorsHeader(t).fileSize} bytes`);
  console.log(`${repo.id}: ${siblings.length} files${sizes.length ? `; ${sizes.join(", ")}` : ""}${info.safetensors ? `; stored ${info.safetensors.total}` : ""}`);
}
