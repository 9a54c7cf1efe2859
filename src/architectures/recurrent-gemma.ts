import { basePrefix, decoderHead, inventoryOf } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * RecurrentGemma / Griffin (modeling_recurrent_gemma.py, configuration_recurrent_gemma.py): layer i's
 * temporal block is `(block_types × 100)[i]` — default ("recurrent", "recurrent", "attention"), so
 * local attention at layers 2, 5, 8, ….
 *
 * - Every layer: RMSNorms `temporal_pre_norm` and `channel_pre_norm` [hidden] and `mlp_block`, a
 *   GeGLU whose width is intermediate_size // 2, gate_proj, up_proj and down_proj all with biases.
 * - Recurrent `temporal_block`: linear_x, linear_y [lru_width, hidden] and linear_out [hidden,
 *   lru_width], all biased; depthwise conv_1d [lru_width, 1, conv1d_width] with bias; the RG-LRU
 *   `rg_lru`: recurrent_param [lru_width], input_gate_weight and recurrent_gate_weight [heads,
 *   lru_width/heads, lru_width/heads], input_gate_bias and recurrent_gate_bias [heads, lru_width/heads].
 * - Attention `temporal_block`: q/k/v (bias with attention_bias, default false) and o_proj, which
 *   always has a bias; head_dim = hidden / heads; num_key_value_heads defaults to the heads.
 * - `final_norm`; `normalizer` is a non-persistent buffer. RecurrentGemmaForCausalLM's lm_head is
 *   tied to embed_tokens (PretrainedConfig's default tie_word_embeddings true).
 * lru_width defaults to hidden_size.
 */

function recurrentGemmaInventory(d: RequiredDims): Inventory {
  const c = d.model.text;
  const prefix = basePrefix(d.model.head);
  const p = `${prefix}layers.{i}`;
  const t = `${p}.temporal_block`;
  const h = d.hiddenSize;
  const all = range(d.numLayers);
  const raw = c.value("block_types");
  const pattern = Array.isArray(raw) && raw.length > 0 ? raw : ["recurrent", "recurrent", "attention"];
  const attention = all.filter((i) => pattern[i % pattern.length] === "attention");
  const recurrent = all.filter((i) => pattern[i % pattern.length] === "recurrent");
  const lru = c.int("lru_width", h).value ?? h;
  const heads = d.numHeads;
  const block = Math.floor(lru / heads);
  const kernel = c.int("conv1d_width", 4).value ?? 4;
  const ff = Math.floor(d.intermediateSize / 2);
  const tensors: TensorTemplate[] = [{ name: `${prefix}embed_tokens.weight`, shape: [d.vocabSize, h], role: "embedding" }];
  if (recurrent.length) {
    tensors.push(
      ...linear(`${t}.linear_y`, lru, h, true, "ssm", recurrent),
      ...linear(`${t}.linear_x`, lru, h, true, "ssm", recurrent),
      ...linear(`${t}.linear_out`, h, lru, true, "ssm", recurrent),
      { name: `${t}.conv_1d.weight`, shape: [lru, 1, kernel], role: "ssm", layers: recurrent },
      { name: `${t}.conv_1d.bias`, shape: [lru], role: "ssm", layers: recurrent },
      { name: `${t}.rg_lru.recurrent_param`, shape: [lru], role: "ssm", layers: recurrent },
      { name: `${t}.rg_lru.input_gate_weight`, shape: [heads, block, block], role: "ssm", layers: recurrent },
      { name: `${t}.rg_lru.input_gate_bias`, shape: [heads, block], role: "ssm", layers: recurrent },
      { name: `${t}.rg_lru.recurrent_gate_weight`, shape: [heads, block, block], role: "ssm", layers: recurrent },
      { name: `${t}.rg_lru.recurrent_gate_bias`, shape: [heads, block], role: "ssm", layers: recurrent },
    );
  }
  if (attention.length) {
    const bias = c.bool("attention_bias", false).value;
    const q = d.numHeads * d.headDim;
    const kv = d.numKvHeads * d.headDim;
    tensors.push(
      ...linear(`${t}.q_proj`, q, h, bias, "attention", attention),
      ...linear(`${t}.k_proj`, kv, h, bias, "attention", attention),
      ...linear(`${t}.v_proj`, kv, h, bias, "attention", attention),
      ...linear(`${t}.o_proj`, h, q, true, "attention", attention),
    );
  }
  tensors.push(
    ...norm(`${p}.temporal_pre_norm`, h, false, all),
    ...norm(`${p}.channel_pre_norm`, h, false, all),
    ...linear(`${p}.mlp_block.gate_proj`, ff, h, true, "mlp", all),
    ...linear(`${p}.mlp_block.up_proj`, ff, h, true, "mlp", all),
    ...linear(`${p}.mlp_block.down_proj`, h, ff, true, "mlp", all),
    ...norm(`${prefix}final_norm`, h, false),
  );
  const head = decoderHead(d, `${prefix}embed_tokens.weight`);
  return inventoryOf({ tensors: [...tensors, ...head.tensors], tied: head.tied }, d);
}

export const recurrentGemmaSpecs: ModelTypeSpec[] = [
  {
    modelType: "recurrent_gemma",
    family: "recurrent-gemma",
    kind: "hybrid",
    modelingFile: "models/recurrent_gemma/modeling_recurrent_gemma.py",
    classPrefixes: ["RecurrentGemma"],
    heads: ["causal-lm", "base"],
    defaultHead: "causal-lm",
    defaults: {
      vocabSize: 256000,
      hiddenSize: 2560,
      intermediateSize: (m) => (m.hiddenSize ? 3 * m.hiddenSize : null),
      numLayers: 26,
      numHeads: 10,
      numKvHeads: (m) => m.numHeads ?? null,
      maxPositions: null,
    },
    tieWordEmbeddingsDefault: true,
    // Every attention block is local: its cache holds attention_window_size tokens (default 2048).
    slidingWindow: (m) => m.text.int("attention_window_size", 2048, "positions"),
    inventory: recurrentGemmaInventory,
  },
];
