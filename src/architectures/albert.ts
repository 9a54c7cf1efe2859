import { inventoryOf, numLabels } from "./decoder.js";
import { embedding } from "./encoder-blocks.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * ALBERT (modeling_albert.py, configuration_albert.py). Embeddings are `embedding_size` wide (word,
 * position, token type, LayerNorm) and mapped to the hidden width by
 * encoder.embedding_hidden_mapping_in. The layers are shared: the encoder holds `num_hidden_groups`
 * groups of `inner_group_num` AlbertLayers, reused for all `num_hidden_layers` steps, so the depth
 * adds no parameters. Each AlbertLayer: attention.{query,key,value,dense} (biased),
 * attention.LayerNorm, ffn, ffn_output, full_layer_layer_norm. The pooler is one Linear named
 * `albert.pooler`; the masked-LM, token classification and QA classes build AlbertModel without it.
 * The MLM head (`predictions`): dense [E, h], LayerNorm [E], decoder [vocab, E] tied to the word
 * embeddings, decoder bias tied to `predictions.bias`. AlbertForPreTraining adds the sentence-order
 * head `sop_classifier.classifier` [num_labels, h].
 */
function albertInventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const c = d.model.text;
  const h = d.hiddenSize;
  const ff = d.intermediateSize;
  const emb = c.int("embedding_size", 128).value ?? 128;
  const groups = range(c.int("num_hidden_groups", 1, "count").value ?? 1);
  const inner = c.int("inner_group_num", 1, "count").value ?? 1;
  const typeVocab = c.int("type_vocab_size", 2, "vocab").value ?? 2;
  const prefix = head === "base" ? "" : "albert.";
  const e = `${prefix}embeddings`;
  const tensors: TensorTemplate[] = [
    embedding(`${e}.word_embeddings`, d.vocabSize, emb),
    embedding(`${e}.position_embeddings`, d.maxPositions ?? 512, emb),
    embedding(`${e}.token_type_embeddings`, typeVocab, emb),
    ...norm(`${e}.LayerNorm`, emb, true),
    ...linear(`${prefix}encoder.embedding_hidden_mapping_in`, h, emb, true, "embedding"),
  ];
  for (let j = 0; j < inner; j++) {
    const l = `${prefix}encoder.albert_layer_groups.{i}.albert_layers.${j}`;
    tensors.push(
      ...norm(`${l}.full_layer_layer_norm`, h, true, groups),
      ...["query", "key", "value", "dense"].flatMap((n) => linear(`${l}.attention.${n}`, h, h, true, "attention", groups)),
      ...norm(`${l}.attention.LayerNorm`, h, true, groups),
      ...linear(`${l}.ffn`, ff, h, true, "mlp", groups),
      ...linear(`${l}.ffn_output`, h, ff, true, "mlp", groups),
    );
  }
  const tied: Inventory["tied"] = [];
  const withoutPooler = head === "masked-lm" || head === "token-classification" || head === "question-answering";
  if (!withoutPooler) tensors.push(...linear(`${prefix}pooler`, h, h, true, "other"));
  if (head === "masked-lm" || head === "pretraining") {
    tensors.push(...norm("predictions.LayerNorm", emb, true, undefined, "lmHead"), ...linear("predictions.dense", emb, h, true, "lmHead"));
    if (d.tied) tied.push({ name: "predictions.decoder.weight", tiedTo: `${e}.word_embeddings.weight` });
    else tensors.push({ name: "predictions.decoder.weight", shape: [d.vocabSize, emb], role: "lmHead" });
    tensors.push({ name: "predictions.bias", shape: [d.vocabSize], role: "lmHead" });
    tied.push({ name: "predictions.decoder.bias", tiedTo: "predictions.bias" });
  }
  if (head === "pretraining") tensors.push(...linear("sop_classifier.classifier", numLabels(d), h, true, "other"));
  if (head === "sequence-classification" || head === "token-classification") tensors.push(...linear("classifier", numLabels(d), h, true, "other"));
  if (head === "multiple-choice") tensors.push(...linear("classifier", 1, h, true, "other"));
  if (head === "question-answering") tensors.push(...linear("qa_outputs", numLabels(d), h, true, "other"));
  const notes = [`${groups.length * inner} distinct layer(s) shared across ${d.numLayers} steps`];
  return inventoryOf({ tensors, tied, notes }, d);
}

export const albertSpecs: ModelTypeSpec[] = [
  {
    modelType: "albert",
    family: "albert",
    kind: "encoder",
    modelingFile: "models/albert/modeling_albert.py",
    classPrefixes: ["Albert"],
    heads: ["masked-lm", "base", "pretraining", "sequence-classification", "token-classification", "multiple-choice", "question-answering"],
    defaultHead: "masked-lm",
    // AlbertConfig defaults are ALBERT-xxlarge's: vocab 30,000, embedding 128, 4,096 wide, 12 steps
    // of 64 heads, FFN 16,384, one group of one layer, 512 positions.
    defaults: { vocabSize: 30000, hiddenSize: 4096, numLayers: 12, numHeads: 64, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 16384, maxPositions: 512 },
    tieWordEmbeddingsDefault: true,
    inventory: albertInventory,
  },
];
