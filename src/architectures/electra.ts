import { inventoryOf, numLabels } from "./decoder.js";
import { bertLayer, embedding } from "./encoder-blocks.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * ELECTRA (modeling_electra.py, configuration_electra.py). Embeddings are `embedding_size` wide
 * (word, position, token type, LayerNorm); when that differs from the hidden width, ElectraModel adds
 * `embeddings_project` [h, E]. The encoder is BERT's, under `electra.encoder.layer.{i}`; there is no
 * pooler. Heads: ElectraForPreTraining (the discriminator) has discriminator_predictions.dense [h, h]
 * and dense_prediction [1, h]; ElectraForMaskedLM (the generator) has generator_predictions.dense
 * [E, h] and LayerNorm [E], and generator_lm_head [vocab, E] whose weight is tied to the word
 * embeddings and whose bias is its own; sequence classification uses ElectraClassificationHead
 * (classifier.dense [h, h], classifier.out_proj [labels, h]); token classification `classifier`;
 * QA `qa_outputs` [num_labels, h].
 */
function electraInventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const c = d.model.text;
  const h = d.hiddenSize;
  const emb = c.int("embedding_size", 128).value ?? 128;
  const typeVocab = c.int("type_vocab_size", 2, "vocab").value ?? 2;
  const prefix = head === "base" ? "" : "electra.";
  const e = `${prefix}embeddings`;
  const tensors: TensorTemplate[] = [
    embedding(`${e}.word_embeddings`, d.vocabSize, emb),
    embedding(`${e}.position_embeddings`, d.maxPositions ?? 512, emb),
    embedding(`${e}.token_type_embeddings`, typeVocab, emb),
    ...norm(`${e}.LayerNorm`, emb, true),
  ];
  if (emb !== h) tensors.push(...linear(`${prefix}embeddings_project`, h, emb, true, "embedding"));
  tensors.push(...bertLayer(`${prefix}encoder.layer.{i}`, h, d.intermediateSize, range(d.numLayers)));
  const tied: Inventory["tied"] = [];
  if (head === "pretraining") tensors.push(...linear("discriminator_predictions.dense", h, h, true, "other"), ...linear("discriminator_predictions.dense_prediction", 1, h, true, "other"));
  if (head === "masked-lm") {
    tensors.push(...norm("generator_predictions.LayerNorm", emb, true, undefined, "lmHead"), ...linear("generator_predictions.dense", emb, h, true, "lmHead"));
    if (d.tied) tied.push({ name: "generator_lm_head.weight", tiedTo: `${e}.word_embeddings.weight` });
    else tensors.push({ name: "generator_lm_head.weight", shape: [d.vocabSize, emb], role: "lmHead" });
    tensors.push({ name: "generator_lm_head.bias", shape: [d.vocabSize], role: "lmHead" });
  }
  if (head === "sequence-classification") tensors.push(...linear("classifier.dense", h, h, true, "other"), ...linear("classifier.out_proj", numLabels(d), h, true, "other"));
  if (head === "token-classification") tensors.push(...linear("classifier", numLabels(d), h, true, "other"));
  if (head === "question-answering") tensors.push(...linear("qa_outputs", numLabels(d), h, true, "other"));
  return inventoryOf({ tensors, tied }, d);
}

export const electraSpecs: ModelTypeSpec[] = [
  {
    modelType: "electra",
    family: "electra",
    kind: "encoder",
    modelingFile: "models/electra/modeling_electra.py",
    classPrefixes: ["Electra"],
    heads: ["pretraining", "masked-lm", "base", "sequence-classification", "token-classification", "question-answering"],
    defaultHead: "pretraining",
    // ElectraConfig defaults are ELECTRA-small's discriminator: vocab 30,522, embedding 128, 256
    // wide, 12 layers of 4 heads, FFN 1,024, 512 positions, 2 token types.
    defaults: { vocabSize: 30522, hiddenSize: 256, numLayers: 12, numHeads: 4, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 1024, maxPositions: 512 },
    tieWordEmbeddingsDefault: true,
    inventory: electraInventory,
  },
];
