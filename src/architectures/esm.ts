import { inventoryOf, numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import { bertStyleLayer } from "./longformer.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * ESM / ESM-2 protein language models (modeling_esm.py, configuration_esm.py), under `esm.`.
 * Embeddings: `word_embeddings` only, plus `position_embeddings` [max_position_embeddings, h] when
 * `position_embedding_type` is "absolute" (ESM-2 uses "rotary": its `inv_freq` are buffers) and a
 * `layer_norm` with `emb_layer_norm_before`. Each layer is pre-norm: `attention.LayerNorm` and the
 * layer's own `LayerNorm` instead of BERT's post-norms, BERT's biased linears otherwise (relative
 * position types add `attention.self.distance_embedding` [2·max_pos − 1, head_dim]). Then
 * `encoder.emb_layer_norm_after`, and in every class the `contact_head.regression` [1, layers·heads]
 * with a bias. EsmModel adds the pooler `pooler.dense`; ForMaskedLM (no pooler) adds `lm_head.dense`,
 * `lm_head.layer_norm`, the decoder (no bias, tied to the word embeddings) and `lm_head.bias`;
 * ForSequenceClassification `classifier.dense` + `classifier.out_proj`; ForTokenClassification
 * `classifier`.
 */
function esmInventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const c = d.model.text;
  const h = d.hiddenSize;
  const prefix = head === "base" ? "" : "esm.";
  const layers = range(d.numLayers);
  const e = `${prefix}embeddings`;
  const l = `${prefix}encoder.layer.{i}`;
  const positionType = c.string("position_embedding_type").value ?? "absolute";
  const tensors: TensorTemplate[] = [{ name: `${e}.word_embeddings.weight`, shape: [d.vocabSize, h], role: "embedding" }];
  if (positionType === "absolute") tensors.push({ name: `${e}.position_embeddings.weight`, shape: [d.maxPositions ?? 1026, h], role: "embedding" });
  if (c.bool("emb_layer_norm_before", false).value) tensors.push(...norm(`${e}.layer_norm`, h, true));
  tensors.push(...bertStyleLayer(l, h, d.intermediateSize, layers, { postNorms: false }), ...norm(`${l}.attention.LayerNorm`, h, true, layers), ...norm(`${l}.LayerNorm`, h, true, layers));
  if (positionType === "relative_key" || positionType === "relative_key_query") {
    tensors.push({ name: `${l}.attention.self.distance_embedding.weight`, shape: [2 * (d.maxPositions ?? 1026) - 1, Math.floor(h / d.numHeads)], role: "attention", layers });
  }
  tensors.push(...norm(`${prefix}encoder.emb_layer_norm_after`, h, true), ...linear(`${prefix}contact_head.regression`, 1, d.numLayers * d.numHeads, true, "other"));
  const tied: Inventory["tied"] = [];
  if (head === "base") tensors.push(...linear("pooler.dense", h, h, true, "other"));
  if (head === "masked-lm") {
    tensors.push(...linear("lm_head.dense", h, h, true, "lmHead"), ...norm("lm_head.layer_norm", h, true, undefined, "lmHead"));
    if (d.tied) tied.push({ name: "lm_head.decoder.weight", tiedTo: `${e}.word_embeddings.weight` });
    else tensors.push({ name: "lm_head.decoder.weight", shape: [d.vocabSize, h], role: "lmHead" });
    tensors.push({ name: "lm_head.bias", shape: [d.vocabSize], role: "lmHead" });
  }
  if (head === "sequence-classification") tensors.push(...linear("classifier.dense", h, h, true, "other"), ...linear("classifier.out_proj", numLabels(d), h, true, "other"));
  if (head === "token-classification") tensors.push(...linear("classifier", numLabels(d), h, true, "other"));
  const notes = positionType === "rotary" ? ["ESM-2 checkpoints also store an unused embeddings.position_embeddings table and the rotary inv_freq buffers; neither is a parameter of the rotary model"] : [];
  return inventoryOf({ tensors, tied, notes }, d);
}

export const esmSpecs: ModelTypeSpec[] = [
  {
    modelType: "esm",
    family: "esm",
    kind: "encoder",
    modelingFile: "models/esm/modeling_esm.py",
    classPrefixes: ["Esm"],
    heads: ["masked-lm", "base", "sequence-classification", "token-classification"],
    defaultHead: "masked-lm",
    // EsmConfig: vocab_size has no default (null); BERT-base widths, 1,026 positions.
    defaults: { vocabSize: null, hiddenSize: 768, numLayers: 12, numHeads: 12, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 3072, maxPositions: 1026 },
    tieWordEmbeddingsDefault: true,
    inventory: esmInventory,
  },
];
