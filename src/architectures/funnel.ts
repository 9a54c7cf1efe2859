import type { ConfigReader } from "../normalize/config-reader.js";
import { inventoryOf, numLabels } from "./decoder.js";
import { embedding } from "./encoder-blocks.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * Funnel Transformer (modeling_funnel.py, configuration_funnel.py). Embeddings: word [vocab, d] and
 * a layer_norm, no position or token-type tables (relative positions are computed, token types
 * enter as seg_embed). The encoder has blocks of `block_sizes[b]` FunnelLayers under
 * encoder.blocks.{b}.{j}; `block_repeats` reuses a layer and adds nothing. A FunnelLayer: attention
 * q_head [n·d_head, d] without bias, k_head and v_head with bias, r_w_bias, r_r_bias and r_s_bias
 * [n, d_head], r_kernel [d, n, d_head], seg_embed [2, n, d_head], post_proj [d, n·d_head] + bias,
 * layer_norm; ffn linear_1 [d_inner, d], linear_2 [d, d_inner], layer_norm. FunnelModel adds the
 * decoder: `num_decoder_layers` FunnelLayers under decoder.layers.{i}; FunnelBaseModel has none.
 * Heads: pre-training (discriminator_predictions.dense [d, d] + dense_prediction [1, d]) and masked
 * LM (lm_head [vocab, d], weight tied to the word embeddings, own bias) on FunnelModel; token
 * classification and QA (`classifier` / `qa_outputs` [num_labels, d]) on FunnelModel; sequence
 * classification and multiple choice on FunnelBaseModel with classifier.linear_hidden [d, d] and
 * classifier.linear_out [labels or 1, d].
 */

/** `block_sizes` of FunnelConfig: [4, 4, 4] by default. */
function blockSizes(c: ConfigReader): number[] {
  const sizes = c.intList("block_sizes").value;
  return sizes.length ? sizes : [4, 4, 4];
}

function funnelLayer(path: string, d: number, heads: number, dHead: number, inner: number, layers: readonly number[]): TensorTemplate[] {
  const a = `${path}.attention`;
  const all = heads * dHead;
  return [
    ...linear(`${a}.q_head`, all, d, false, "attention", layers),
    ...linear(`${a}.k_head`, all, d, true, "attention", layers),
    ...linear(`${a}.v_head`, all, d, true, "attention", layers),
    { name: `${a}.r_w_bias`, shape: [heads, dHead], role: "attention", layers },
    { name: `${a}.r_r_bias`, shape: [heads, dHead], role: "attention", layers },
    { name: `${a}.r_kernel`, shape: [d, heads, dHead], role: "attention", layers },
    { name: `${a}.r_s_bias`, shape: [heads, dHead], role: "attention", layers },
    { name: `${a}.seg_embed`, shape: [2, heads, dHead], role: "attention", layers },
    ...linear(`${a}.post_proj`, d, all, true, "attention", layers),
    ...norm(`${a}.layer_norm`, d, true, layers),
    ...linear(`${path}.ffn.linear_1`, inner, d, true, "mlp", layers),
    ...linear(`${path}.ffn.linear_2`, d, inner, true, "mlp", layers),
    ...norm(`${path}.ffn.layer_norm`, d, true, layers),
  ];
}

function funnelInventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const c = d.model.text;
  const h = d.hiddenSize;
  const dHead = d.headDim;
  const inner = d.intermediateSize;
  // FunnelBaseModel, and the classes built on it, have no decoder.
  const baseOnly = d.model.architecture === "FunnelBaseModel" || head === "sequence-classification" || head === "multiple-choice";
  const prefix = head === "base" ? "" : "funnel.";
  const tensors: TensorTemplate[] = [embedding(`${prefix}embeddings.word_embeddings`, d.vocabSize, h), ...norm(`${prefix}embeddings.layer_norm`, h, true)];
  blockSizes(c).forEach((size, b) => tensors.push(...funnelLayer(`${prefix}encoder.blocks.${b}.{i}`, h, d.numHeads, dHead, inner, range(size))));
  if (!baseOnly) tensors.push(...funnelLayer(`${prefix}decoder.layers.{i}`, h, d.numHeads, dHead, inner, range(c.int("num_decoder_layers", 2, "count").value ?? 2)));
  const tied: Inventory["tied"] = [];
  if (head === "pretraining") tensors.push(...linear("discriminator_predictions.dense", h, h, true, "other"), ...linear("discriminator_predictions.dense_prediction", 1, h, true, "other"));
  if (head === "masked-lm") {
    if (d.tied) tied.push({ name: "lm_head.weight", tiedTo: `${prefix}embeddings.word_embeddings.weight` });
    else tensors.push({ name: "lm_head.weight", shape: [d.vocabSize, h], role: "lmHead" });
    tensors.push({ name: "lm_head.bias", shape: [d.vocabSize], role: "lmHead" });
  }
  if (head === "sequence-classification" || head === "multiple-choice") {
    tensors.push(...linear("classifier.linear_hidden", h, h, true, "other"), ...linear("classifier.linear_out", head === "multiple-choice" ? 1 : numLabels(d), h, true, "other"));
  }
  if (head === "token-classification") tensors.push(...linear("classifier", numLabels(d), h, true, "other"));
  if (head === "question-answering") tensors.push(...linear("qa_outputs", numLabels(d), h, true, "other"));
  return { ...inventoryOf({ tensors, tied }, d), ...(baseOnly ? {} : { encoderLayers: blockSizes(c).reduce((a, b) => a + b, 0), decoderLayers: c.int("num_decoder_layers", 2, "count").value ?? 2 }) };
}

export const funnelSpecs: ModelTypeSpec[] = [
  {
    modelType: "funnel",
    family: "funnel",
    kind: "encoder",
    modelingFile: "models/funnel/modeling_funnel.py",
    // FunnelBaseModel splits as prefix "FunnelBase" + "Model".
    classPrefixes: ["Funnel", "FunnelBase"],
    heads: ["base", "pretraining", "masked-lm", "sequence-classification", "multiple-choice", "token-classification", "question-answering"],
    defaultHead: "base",
    // FunnelConfig: vocab 30,522, d_model 768, block_sizes [4, 4, 4] (depth is their sum), 12 heads of
    // d_head 64, d_inner 3,072, 2 decoder layers.
    defaults: {
      vocabSize: 30522,
      hiddenSize: 768,
      numLayers: (_m, c) => c.intList("block_sizes").value.reduce((a, b) => a + b, 0) || 12,
      numHeads: 12,
      numKvHeads: (m) => m.numHeads ?? null,
      headDim: 64,
      intermediateSize: 3072,
      maxPositions: 512,
    },
    aliases: { intermediateSize: ["d_inner"], headDim: ["d_head"] },
    tieWordEmbeddingsDefault: true,
    inventory: funnelInventory,
  },
];
