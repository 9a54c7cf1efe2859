import { inventoryOf, numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * DistilBERT (modeling_distilbert.py, configuration_distilbert.py): BERT's encoder with six layers,
 * no token-type embeddings and no pooler, under its own names (q_lin…out_lin, sa_layer_norm,
 * ffn.lin1/lin2, output_layer_norm). `dim` is the width and `hidden_dim` the FFN width. The MLM
 * head's vocab_projector shares the word embeddings' weight but has its own bias. With
 * `sinusoidal_pos_embds` the position table is filled with a frozen sinusoid, still a parameter.
 */

function distilbertInventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const h = d.hiddenSize;
  const prefix = head === "base" ? "" : "distilbert.";
  const layers = range(d.numLayers);
  const e = `${prefix}embeddings`;
  const l = `${prefix}transformer.layer.{i}`;
  const tensors: TensorTemplate[] = [
    { name: `${e}.word_embeddings.weight`, shape: [d.vocabSize, h], role: "embedding" },
    { name: `${e}.position_embeddings.weight`, shape: [d.maxPositions ?? 512, h], role: "embedding" },
    ...norm(`${e}.LayerNorm`, h, true),
    ...["q_lin", "k_lin", "v_lin", "out_lin"].flatMap((n) => linear(`${l}.attention.${n}`, h, h, true, "attention", layers)),
    ...norm(`${l}.sa_layer_norm`, h, true, layers),
    ...linear(`${l}.ffn.lin1`, d.intermediateSize, h, true, "mlp", layers),
    ...linear(`${l}.ffn.lin2`, h, d.intermediateSize, true, "mlp", layers),
    ...norm(`${l}.output_layer_norm`, h, true, layers),
  ];
  const tied: Inventory["tied"] = [];
  if (head === "masked-lm") {
    tensors.push(...linear("vocab_transform", h, h, true, "lmHead"), ...norm("vocab_layer_norm", h, true, undefined, "lmHead"));
    if (d.tied) tied.push({ name: "vocab_projector.weight", tiedTo: `${e}.word_embeddings.weight` });
    else tensors.push({ name: "vocab_projector.weight", shape: [d.vocabSize, h], role: "lmHead" });
    tensors.push({ name: "vocab_projector.bias", shape: [d.vocabSize], role: "lmHead" });
  }
  if (head === "sequence-classification") tensors.push(...linear("pre_classifier", h, h, true, "other"), ...linear("classifier", numLabels(d), h, true, "other"));
  if (head === "token-classification") tensors.push(...linear("classifier", numLabels(d), h, true, "other"));
  // DistilBertForQuestionAnswering requires num_labels == 2.
  if (head === "question-answering") tensors.push(...linear("qa_outputs", 2, h, true, "other"));
  return inventoryOf({ tensors, tied }, d);
}

export const distilbertSpecs: ModelTypeSpec[] = [
  {
    modelType: "distilbert",
    family: "distilbert",
    kind: "encoder",
    modelingFile: "models/distilbert/modeling_distilbert.py",
    classPrefixes: ["DistilBert"],
    heads: ["masked-lm", "base", "sequence-classification", "token-classification", "question-answering"],
    defaultHead: "masked-lm",
    // DistilBertConfig: hidden_dim is 4 × 768, a constant, not 4 × dim.
    defaults: { vocabSize: 30522, hiddenSize: 768, numLayers: 6, numHeads: 12, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 3072, maxPositions: 512 },
    tieWordEmbeddingsDefault: true,
    // `hidden_dim` is the FFN width here, so `dim` must win over any other width key.
    aliases: { hiddenSize: ["dim"], intermediateSize: ["hidden_dim"] },
    inventory: distilbertInventory,
  },
];
