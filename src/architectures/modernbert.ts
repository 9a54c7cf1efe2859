import { inventoryOf, numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * ModernBERT (modeling_modernbert.py, configuration_modernbert.py). Embeddings are only
 * `tok_embeddings` + a LayerNorm (rotary positions are buffers). Each layer: `attn_norm` (an
 * Identity in layer 0, so no tensors there), fused `attn.Wqkv` [3h, h] and `attn.Wo` [h, h] (bias
 * with `attention_bias`), `mlp_norm`, GeGLU `mlp.Wi` [2·ff, h] and `mlp.Wo` [h, ff] (bias with
 * `mlp_bias`); then `final_norm`. Every LayerNorm has a bias only with `norm_bias` (default false).
 * Head classes keep the base model under `model.` and share ModernBertPredictionHead: `head.dense`
 * [h, h] (bias with `classifier_bias`, default false) + `head.norm`. ForMaskedLM adds `decoder`
 * (weight tied to tok_embeddings, bias with `decoder_bias`, default true); the classifiers add
 * `classifier` [num_labels, h] with a bias (multiple choice: [1, h]; QA: num_labels, 2 by default).
 */

function modernbertInventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const c = d.model.text;
  const h = d.hiddenSize;
  const ff = d.intermediateSize;
  const normBias = c.bool("norm_bias", false).value;
  const attnBias = c.bool("attention_bias", false).value;
  const mlpBias = c.bool("mlp_bias", false).value;
  const prefix = head === "base" ? "" : "model.";
  const layers = range(d.numLayers);
  // Layer 0's attn_norm is nn.Identity.
  const normedLayers = layers.slice(1);
  const l = `${prefix}layers.{i}`;
  const tensors: TensorTemplate[] = [
    { name: `${prefix}embeddings.tok_embeddings.weight`, shape: [d.vocabSize, h], role: "embedding" },
    ...norm(`${prefix}embeddings.norm`, h, normBias),
    ...norm(`${l}.attn_norm`, h, normBias, normedLayers),
    ...linear(`${l}.attn.Wqkv`, 3 * h, h, attnBias, "attention", layers),
    ...linear(`${l}.attn.Wo`, h, h, attnBias, "attention", layers),
    ...norm(`${l}.mlp_norm`, h, normBias, layers),
    ...linear(`${l}.mlp.Wi`, 2 * ff, h, mlpBias, "mlp", layers),
    ...linear(`${l}.mlp.Wo`, h, ff, mlpBias, "mlp", layers),
    ...norm(`${prefix}final_norm`, h, normBias),
  ];
  const tied: Inventory["tied"] = [];
  if (head !== "base") {
    const role = head === "masked-lm" ? "lmHead" : "other";
    tensors.push(...linear("head.dense", h, h, c.bool("classifier_bias", false).value, role), ...norm("head.norm", h, normBias, undefined, role));
  }
  if (head === "masked-lm") {
    if (d.tied) tied.push({ name: "decoder.weight", tiedTo: `${prefix}embeddings.tok_embeddings.weight` });
    else tensors.push({ name: "decoder.weight", shape: [d.vocabSize, h], role: "lmHead" });
    if (c.bool("decoder_bias", true).value) tensors.push({ name: "decoder.bias", shape: [d.vocabSize], role: "lmHead" });
  }
  if (head === "sequence-classification" || head === "token-classification" || head === "question-answering") tensors.push(...linear("classifier", numLabels(d), h, true, "other"));
  if (head === "multiple-choice") tensors.push(...linear("classifier", 1, h, true, "other"));
  return inventoryOf({ tensors, tied }, d);
}

export const modernbertSpecs: ModelTypeSpec[] = [
  {
    modelType: "modernbert",
    family: "modernbert",
    kind: "encoder",
    modelingFile: "models/modernbert/modeling_modernbert.py",
    classPrefixes: ["ModernBert"],
    heads: ["masked-lm", "base", "sequence-classification", "token-classification", "question-answering", "multiple-choice"],
    defaultHead: "masked-lm",
    // ModernBertConfig defaults (ModernBERT-base).
    defaults: { vocabSize: 50368, hiddenSize: 768, intermediateSize: 1152, numLayers: 22, numHeads: 12, numKvHeads: (m) => m.numHeads ?? null, maxPositions: 8192 },
    tieWordEmbeddingsDefault: true,
    inventory: modernbertInventory,
  },
];
