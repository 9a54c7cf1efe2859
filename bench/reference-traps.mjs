// What Hub checkpoints store beyond a class's module parameters, for the records of the shared
// reference set (../shared/reference/README.md, "What the Hub number counts"). Each trap computes
// its extra elements from the config and modelcheck's own inventory; nothing here is a stored
// total. Used by test/reference.test.ts and bench/reference-check.mjs.

const count = (shape) => shape.reduce((a, b) => a * b, 1);
const repeat = (t) => (t.layers?.length ?? 1) * (t.experts ?? 1);
/** FP8 block scales `weight_scale_inv`: one F32 per 128 × 128 block of every FP8 linear weight. */
const blockScales = (shape) => Math.ceil(shape[0] / 128) * Math.ceil(shape[1] / 128);

/**
 * DeepSeek-V3's FP8 checkpoint beyond DeepseekV3ForCausalLM's modules: the multi-token-prediction
 * layer (one more MoE decoder layer with eh_proj [d, 2d], enorm, hnorm, its own embed_tokens and
 * shared_head norm and head), the F32 block scales of every FP8 linear (attention and MLP
 * projections; not the routers, embeddings, head or eh_proj), and the e_score_correction_bias
 * buffer [n_routed_experts] of every MoE layer, MTP included.
 */
function deepseekFp8Extras(config, { model, inventory }) {
  const d = model.hiddenSize.value;
  const vocab = model.vocabSize.value;
  const mtp = config.num_nextn_predict_layers ?? 0;
  const lastLayer = model.numLayers.value - 1;
  const sparseLayer = inventory.tensors.filter((t) => t.layers?.includes(lastLayer));
  const fp8 = (t) => (t.role === "attention" || t.role === "mlp") && t.shape.length === 2;
  const oneLayer = sparseLayer.reduce((sum, t) => sum + count(t.shape) * (t.experts ?? 1), 0);
  const oneLayerScales = sparseLayer.filter(fp8).reduce((sum, t) => sum + blockScales(t.shape) * (t.experts ?? 1), 0);
  const moduleScales = inventory.tensors.filter(fp8).reduce((sum, t) => sum + blockScales(t.shape) * repeat(t), 0);
  const sparseLayers = sparseLayer.find((t) => t.experts).layers.length;
  return mtp * (oneLayer + 2 * d * d + 3 * d + 2 * vocab * d) + moduleScales + mtp * oneLayerScales + (sparseLayers + mtp) * model.numExperts.value;
}

export const TRAPS = {
  "inv-freq": { why: "rotary inv_freq buffer [head_dim/2] stored in every layer", extra: (_c, { model }) => model.numLayers.value * (model.headDim.value / 2) },
  "attn-bias": { why: "causal-mask buffer attn.bias [1, 1, n_positions, n_positions] stored in every layer", extra: (c) => c.n_layer * c.n_positions * c.n_positions },
  "position-ids": { why: "position_ids buffer [1, max_position_embeddings] stored", extra: (c) => c.max_position_embeddings },
  "untied-head-stored": { why: "lm_head.weight stored although the config ties it", extra: (_c, { model }) => model.vocabSize.value * model.hiddenSize.value },
  "deepseek-fp8": { why: "MTP layer, FP8 block scales and router correction biases stored", extra: deepseekFp8Extras },
  "bert-pretraining-heads": {
    why: "the file holds BertForPreTraining: pooler [d, d] + [d] and next-sentence head [2, d] + [2]",
    extra: (_c, { model }) => model.hiddenSize.value ** 2 + 3 * model.hiddenSize.value + 2,
  },
};

export const TRAPS_BY_REPO = {
  "openai-community/gpt2": ["attn-bias"],
  "FacebookAI/roberta-base": ["position-ids"],
  "FacebookAI/roberta-large": ["position-ids"],
  "google-bert/bert-base-uncased": ["bert-pretraining-heads"],
  "meta-llama/Llama-2-7b-hf": ["inv-freq"],
  "meta-llama/Llama-2-13b-hf": ["inv-freq"],
  "meta-llama/Llama-2-70b-hf": ["inv-freq"],
  "Qwen/Qwen3-0.6B": ["untied-head-stored"],
  "Qwen/Qwen3-1.7B": ["untied-head-stored"],
  "deepseek-ai/DeepSeek-V3": ["deepseek-fp8"],
};

/**
 * Differences no trap explains, kept visible rather than hidden by a tolerance. Kimi-K2-Instruct's
 * record is 26,456 above the module count: 60 MoE layers × 384 router correction biases explain
 * 23,040; 3,416 (= 61 × 56, and 56 = 7168 / 128) remain unexplained. The record carries no FP8
 * block scales at all, so it is not comparable with DeepSeek-V3's.
 */
export const UNEXPLAINED = { "moonshotai/Kimi-K2-Instruct": { extra: 26_456, why: "23,040 router correction biases (60 × 384) + 3,416 unexplained" } };

/** The stored extras of a record: [{ trap, why, extra }]. `analysis` is { model, inventory }. */
export function explainRecord(record, analysis) {
  return (TRAPS_BY_REPO[record.repo_id] ?? []).map((name) => ({ trap: name, why: TRAPS[name].why, extra: TRAPS[name].extra(record.config, analysis) }));
}
