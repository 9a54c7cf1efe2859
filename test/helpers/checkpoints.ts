import type { TensorSpec } from "./safetensors.js";

/**
 * Tensor lists of real checkpoints, written out by hand from the names and shapes
 * `save_pretrained` writes (and the Hub's safetensors viewer shows) — deliberately not generated
 * from modelcheck's inventories, so a test compares two independent lists.
 */

export interface LlamaLike {
  layers: number;
  hidden: number;
  inter: number;
  heads: number;
  kvHeads: number;
  headDim?: number;
  vocab: number;
  dtype: string;
  /** Store lm_head.weight (untied models, or tied ones that store it anyway). */
  lmHead: boolean;
  qkNorm?: boolean;
  /** rotary_emb.inv_freq [head_dim/2] per layer, as checkpoints from transformers < 4.31 store it. */
  invFreq?: boolean;
}

/** LlamaForCausalLM / MistralForCausalLM / Qwen3ForCausalLM names. */
export function llamaTensors(s: LlamaLike): TensorSpec[] {
  const hd = s.headDim ?? s.hidden / s.heads;
  const dt = s.dtype;
  const out: TensorSpec[] = [{ name: "model.embed_tokens.weight", dtype: dt, shape: [s.vocab, s.hidden] }];
  for (let i = 0; i < s.layers; i++) {
    const p = `model.layers.${i}`;
    out.push(
      { name: `${p}.input_layernorm.weight`, dtype: dt, shape: [s.hidden] },
      { name: `${p}.mlp.down_proj.weight`, dtype: dt, shape: [s.hidden, s.inter] },
      { name: `${p}.mlp.gate_proj.weight`, dtype: dt, shape: [s.inter, s.hidden] },
      { name: `${p}.mlp.up_proj.weight`, dtype: dt, shape: [s.inter, s.hidden] },
      { name: `${p}.post_attention_layernorm.weight`, dtype: dt, shape: [s.hidden] },
      { name: `${p}.self_attn.k_proj.weight`, dtype: dt, shape: [s.kvHeads * hd, s.hidden] },
      { name: `${p}.self_attn.o_proj.weight`, dtype: dt, shape: [s.hidden, s.heads * hd] },
      { name: `${p}.self_attn.q_proj.weight`, dtype: dt, shape: [s.heads * hd, s.hidden] },
      { name: `${p}.self_attn.v_proj.weight`, dtype: dt, shape: [s.kvHeads * hd, s.hidden] },
    );
    if (s.qkNorm) out.push({ name: `${p}.self_attn.k_norm.weight`, dtype: dt, shape: [hd] }, { name: `${p}.self_attn.q_norm.weight`, dtype: dt, shape: [hd] });
    if (s.invFreq) out.push({ name: `${p}.self_attn.rotary_emb.inv_freq`, dtype: "F32", shape: [hd / 2] });
  }
  out.push({ name: "model.norm.weight", dtype: dt, shape: [s.hidden] });
  if (s.lmHead) out.push({ name: "lm_head.weight", dtype: dt, shape: [s.vocab, s.hidden] });
  return out;
}

/** mistralai/Mistral-7B-v0.1 (config.json: 32 layers, 4096, 14336, 32/8 heads, vocab 32000, untied), BF16. */
export const MISTRAL_7B = llamaTensors({ layers: 32, hidden: 4096, inter: 14336, heads: 32, kvHeads: 8, vocab: 32000, dtype: "BF16", lmHead: true });

/** Qwen/Qwen3-0.6B: tie_word_embeddings true, yet model.safetensors stores lm_head.weight [151936, 1024]. */
export const QWEN3_06B = llamaTensors({ layers: 28, hidden: 1024, inter: 3072, heads: 16, kvHeads: 8, headDim: 128, vocab: 151936, dtype: "BF16", lmHead: true, qkNorm: true });

/** meta-llama/Llama-2-7b-hf: F16 weights plus each layer's rotary_emb.inv_freq [64] in F32. */
export const LLAMA2_7B = llamaTensors({ layers: 32, hidden: 4096, inter: 11008, heads: 32, kvHeads: 32, vocab: 32000, dtype: "F16", lmHead: true, invFreq: true });

/** openai-community/gpt2 model.safetensors: no `transformer.` prefix, Conv1D [in, out], the causal mask `h.N.attn.bias` [1, 1, 1024, 1024] stored, F32. */
export function gpt2Tensors(): TensorSpec[] {
  const d = 768;
  const f = "F32";
  const out: TensorSpec[] = [
    { name: "wte.weight", dtype: f, shape: [50257, d] },
    { name: "wpe.weight", dtype: f, shape: [1024, d] },
  ];
  for (let i = 0; i < 12; i++) {
    const p = `h.${i}`;
    out.push(
      { name: `${p}.attn.bias`, dtype: f, shape: [1, 1, 1024, 1024] },
      { name: `${p}.attn.c_attn.bias`, dtype: f, shape: [3 * d] },
      { name: `${p}.attn.c_attn.weight`, dtype: f, shape: [d, 3 * d] },
      { name: `${p}.attn.c_proj.bias`, dtype: f, shape: [d] },
      { name: `${p}.attn.c_proj.weight`, dtype: f, shape: [d, d] },
      { name: `${p}.ln_1.bias`, dtype: f, shape: [d] },
      { name: `${p}.ln_1.weight`, dtype: f, shape: [d] },
      { name: `${p}.ln_2.bias`, dtype: f, shape: [d] },
      { name: `${p}.ln_2.weight`, dtype: f, shape: [d] },
      { name: `${p}.mlp.c_fc.bias`, dtype: f, shape: [4 * d] },
      { name: `${p}.mlp.c_fc.weight`, dtype: f, shape: [d, 4 * d] },
      { name: `${p}.mlp.c_proj.bias`, dtype: f, shape: [d] },
      { name: `${p}.mlp.c_proj.weight`, dtype: f, shape: [4 * d, d] },
    );
  }
  out.push({ name: "ln_f.bias", dtype: f, shape: [d] }, { name: "ln_f.weight", dtype: f, shape: [d] });
  return out;
}

/**
 * A GPTQ 4-bit export of Llama-2-7B as auto-gptq writes it (TheBloke/Llama-2-7B-GPTQ's layout,
 * group_size 128): every linear layer of the decoder becomes qweight I32 [in/8, out], qzeros I32
 * [in/128, out/8], scales F16 [in/128, out], g_idx I32 [in] and a bias F16 [out]; embeddings,
 * norms and lm_head stay F16.
 */
export function gptqLlama2Tensors(): TensorSpec[] {
  const h = 4096;
  const ff = 11008;
  const out: TensorSpec[] = [{ name: "model.embed_tokens.weight", dtype: "F16", shape: [32000, h] }];
  const linears: [string, number, number][] = [
    ["self_attn.q_proj", h, h],
    ["self_attn.k_proj", h, h],
    ["self_attn.v_proj", h, h],
    ["self_attn.o_proj", h, h],
    ["mlp.gate_proj", h, ff],
    ["mlp.up_proj", h, ff],
    ["mlp.down_proj", ff, h],
  ];
  for (let i = 0; i < 32; i++) {
    const p = `model.layers.${i}`;
    out.push({ name: `${p}.input_layernorm.weight`, dtype: "F16", shape: [h] }, { name: `${p}.post_attention_layernorm.weight`, dtype: "F16", shape: [h] });
    for (const [m, inF, outF] of linears) {
      out.push(
        { name: `${p}.${m}.bias`, dtype: "F16", shape: [outF] },
        { name: `${p}.${m}.g_idx`, dtype: "I32", shape: [inF] },
        { name: `${p}.${m}.qweight`, dtype: "I32", shape: [inF / 8, outF] },
        { name: `${p}.${m}.qzeros`, dtype: "I32", shape: [inF / 128, outF / 8] },
        { name: `${p}.${m}.scales`, dtype: "F16", shape: [inF / 128, outF] },
      );
    }
  }
  out.push({ name: "model.norm.weight", dtype: "F16", shape: [h] }, { name: "lm_head.weight", dtype: "F16", shape: [32000, h] });
  return out;
}

/** A small DeepSeek-V3-style config: MLA, one dense and one MoE layer, FP8 block quantization, one MTP layer. */
export const SMALL_DEEPSEEK_FP8_CONFIG = {
  architectures: ["DeepseekV3ForCausalLM"],
  model_type: "deepseek_v3",
  hidden_size: 256,
  intermediate_size: 512,
  moe_intermediate_size: 128,
  num_hidden_layers: 2,
  num_nextn_predict_layers: 1,
  num_attention_heads: 4,
  num_key_value_heads: 4,
  n_routed_experts: 4,
  n_shared_experts: 1,
  num_experts_per_tok: 2,
  first_k_dense_replace: 1,
  moe_layer_freq: 1,
  q_lora_rank: 128,
  kv_lora_rank: 64,
  qk_nope_head_dim: 32,
  qk_rope_head_dim: 16,
  v_head_dim: 32,
  vocab_size: 1024,
  max_position_embeddings: 4096,
  tie_word_embeddings: false,
  torch_dtype: "bfloat16",
  quantization_config: { quant_method: "fp8", fmt: "e4m3", activation_scheme: "dynamic", weight_block_size: [128, 128] },
};

/**
 * Its checkpoint, named as deepseek-ai/DeepSeek-V3's model.safetensors.index.json names tensors:
 * FP8 (F8_E4M3) linear weights each with a `weight_scale_inv` F32 [ceil(out/128), ceil(in/128)],
 * BF16 norms, embeddings, router and head, the router's F32 `e_score_correction_bias`, and the
 * MTP layer `model.layers.2` (eh_proj, enorm, hnorm, shared_head, its own embed_tokens and a full
 * MoE decoder layer).
 */
export function smallDeepseekFp8Tensors(): TensorSpec[] {
  const h = 256;
  const out: TensorSpec[] = [{ name: "model.embed_tokens.weight", dtype: "BF16", shape: [1024, h] }];
  const fp8 = (name: string, o: number, i: number) => {
    out.push({ name: `${name}.weight`, dtype: "F8_E4M3", shape: [o, i] }, { name: `${name}.weight_scale_inv`, dtype: "F32", shape: [Math.ceil(o / 128), Math.ceil(i / 128)] });
  };
  const layer = (i: number, moe: boolean) => {
    const p = `model.layers.${i}`;
    out.push({ name: `${p}.input_layernorm.weight`, dtype: "BF16", shape: [h] }, { name: `${p}.post_attention_layernorm.weight`, dtype: "BF16", shape: [h] });
    fp8(`${p}.self_attn.q_a_proj`, 128, h);
    out.push({ name: `${p}.self_attn.q_a_layernorm.weight`, dtype: "BF16", shape: [128] });
    fp8(`${p}.self_attn.q_b_proj`, 4 * (32 + 16), 128);
    fp8(`${p}.self_attn.kv_a_proj_with_mqa`, 64 + 16, h);
    out.push({ name: `${p}.self_attn.kv_a_layernorm.weight`, dtype: "BF16", shape: [64] });
    fp8(`${p}.self_attn.kv_b_proj`, 4 * (32 + 32), 64);
    fp8(`${p}.self_attn.o_proj`, h, 4 * 32);
    if (!moe) {
      fp8(`${p}.mlp.gate_proj`, 512, h);
      fp8(`${p}.mlp.up_proj`, 512, h);
      fp8(`${p}.mlp.down_proj`, h, 512);
      return;
    }
    out.push({ name: `${p}.mlp.gate.weight`, dtype: "BF16", shape: [4, h] }, { name: `${p}.mlp.gate.e_score_correction_bias`, dtype: "F32", shape: [4] });
    for (let e = 0; e < 4; e++) {
      fp8(`${p}.mlp.experts.${e}.gate_proj`, 128, h);
      fp8(`${p}.mlp.experts.${e}.up_proj`, 128, h);
      fp8(`${p}.mlp.experts.${e}.down_proj`, h, 128);
    }
    fp8(`${p}.mlp.shared_experts.gate_proj`, 128, h);
    fp8(`${p}.mlp.shared_experts.up_proj`, 128, h);
    fp8(`${p}.mlp.shared_experts.down_proj`, h, 128);
  };
  layer(0, false);
  layer(1, true);
  out.push({ name: "model.norm.weight", dtype: "BF16", shape: [h] }, { name: "lm_head.weight", dtype: "BF16", shape: [1024, h] });
  // The MTP module: layer index num_hidden_layers.
  layer(2, true);
  out.push(
    { name: "model.layers.2.embed_tokens.weight", dtype: "BF16", shape: [1024, h] },
    { name: "model.layers.2.enorm.weight", dtype: "BF16", shape: [h] },
    { name: "model.layers.2.hnorm.weight", dtype: "BF16", shape: [h] },
    { name: "model.layers.2.eh_proj.weight", dtype: "BF16", shape: [h, 2 * h] },
    { name: "model.layers.2.shared_head.norm.weight", dtype: "BF16", shape: [h] },
    { name: "model.layers.2.shared_head.head.weight", dtype: "BF16", shape: [1024, h] },
  );
  return out;
}
