import { inventoryOf, numLabels } from "./decoder.js";
import { bertLayer, embedding } from "./encoder-blocks.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * RoFormer (modeling_roformer.py, configuration_roformer.py). Embeddings are `embedding_size` wide
 * (default the hidden width): word and token-type tables and a LayerNorm, no absolute positions;
 * `embeddings_project` [h, E] when E differs from h. The encoder holds `embed_positions`, a
 * sinusoidal nn.Embedding [max_position_embeddings, head_dim] created frozen (requires_grad false)
 * but a parameter all the same, counted and stored; then BERT's layers. RoFormerModel has no pooler.
 * Masked LM: cls.predictions.transform.dense [E, h], transform.LayerNorm [E], decoder [vocab, E] tied
 * to the word embeddings, its bias tied to cls.predictions.bias. Sequence classification:
 * classifier.dense [h, h] and classifier.out_proj [labels, h]; token classification `classifier`;
 * QA `qa_outputs` [num_labels, h].
 */
function roformerInventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const c = d.model.text;
  const h = d.hiddenSize;
  const emb = c.int("embedding_size", h).value ?? h;
  const typeVocab = c.int("type_vocab_size", 2, "vocab").value ?? 2;
  const prefix = head === "base" ? "" : "roformer.";
  const e = `${prefix}embeddings`;
  const tensors: TensorTemplate[] = [embedding(`${e}.word_embeddings`, d.vocabSize, emb), embedding(`${e}.token_type_embeddings`, typeVocab, emb), ...norm(`${e}.LayerNorm`, emb, true)];
  if (emb !== h) tensors.push(...linear(`${prefix}embeddings_project`, h, emb, true, "embedding"));
  tensors.push(embedding(`${prefix}encoder.embed_positions`, d.maxPositions ?? 1536, Math.floor(h / d.numHeads)));
  tensors.push(...bertLayer(`${prefix}encoder.layer.{i}`, h, d.intermediateSize, range(d.numLayers)));
  const tied: Inventory["tied"] = [];
  if (head === "masked-lm" || head === "causal-lm") {
    const p = "cls.predictions";
    tensors.push(...linear(`${p}.transform.dense`, emb, h, true, "lmHead"), ...norm(`${p}.transform.LayerNorm`, emb, true, undefined, "lmHead"));
    if (d.tied) tied.push({ name: `${p}.decoder.weight`, tiedTo: `${e}.word_embeddings.weight` });
    else tensors.push({ name: `${p}.decoder.weight`, shape: [d.vocabSize, emb], role: "lmHead" });
    tensors.push({ name: `${p}.bias`, shape: [d.vocabSize], role: "lmHead" });
    tied.push({ name: `${p}.decoder.bias`, tiedTo: `${p}.bias` });
  }
  if (head === "sequence-classification") tensors.push(...linear("classifier.dense", h, h, true, "other"), ...linear("classifier.out_proj", numLabels(d), h, true, "other"));
  if (head === "token-classification") tensors.push(...linear("classifier", numLabels(d), h, true, "other"));
  if (head === "question-answering") tensors.push(...linear("qa_outputs", numLabels(d), h, true, "other"));
  return inventoryOf({ tensors, tied, notes: ["encoder.embed_positions is a frozen sinusoidal table, counted as a parameter"] }, d);
}

export const roformerSpecs: ModelTypeSpec[] = [
  {
    modelType: "roformer",
    family: "roformer",
    kind: "encoder",
    modelingFile: "models/roformer/modeling_roformer.py",
    classPrefixes: ["RoFormer"],
    heads: ["masked-lm", "causal-lm", "base", "sequence-classification", "token-classification", "question-answering"],
    defaultHead: "masked-lm",
    // RoFormerConfig: vocab 50,000, 768 wide (embedding_size defaults to it), 12 layers of 12 heads, FFN 3,072, 1,536 positions.
    defaults: { vocabSize: 50000, hiddenSize: 768, numLayers: 12, numHeads: 12, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 3072, maxPositions: 1536 },
    tieWordEmbeddingsDefault: true,
    inventory: roformerInventory,
  },
];
