import { inventoryOf, numLabels } from "./decoder.js";
import { linear, range, type Inventory, type TensorTemplate } from "./inventory.js";
import { bertStyleEmbeddings, bertStyleLayer, robertaLmHead } from "./longformer.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * Data2VecText (modeling_data2vec_text.py, configuration_data2vec_text.py): RoBERTa's layout under
 * `data2vec_text.`. Data2VecTextModel and ForMultipleChoice build the pooler `pooler.dense`; ForMaskedLM
 * and ForCausalLM add RoBERTa's `lm_head` (decoder tied) without the pooler; ForSequenceClassification
 * `classifier.dense` + `classifier.out_proj`, ForTokenClassification `classifier`, ForQuestionAnswering
 * `qa_outputs`, all without the pooler. position_ids is a buffer.
 */
function data2vecTextInventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const h = d.hiddenSize;
  const prefix = head === "base" ? "" : "data2vec_text.";
  const typeVocab = d.model.text.int("type_vocab_size", 2, "vocab", true).value ?? 2;
  const tensors: TensorTemplate[] = [
    ...bertStyleEmbeddings(`${prefix}embeddings`, d.vocabSize, h, d.maxPositions ?? 512, typeVocab),
    ...bertStyleLayer(`${prefix}encoder.layer.{i}`, h, d.intermediateSize, range(d.numLayers)),
  ];
  let tied: Inventory["tied"] = [];
  if (head === "base" || head === "multiple-choice") tensors.push(...linear(`${prefix}pooler.dense`, h, h, true, "other"));
  if (head === "masked-lm" || head === "causal-lm") {
    const lm = robertaLmHead(d, `${prefix}embeddings.word_embeddings.weight`);
    tensors.push(...lm.tensors);
    tied = lm.tied;
  }
  if (head === "sequence-classification") tensors.push(...linear("classifier.dense", h, h, true, "other"), ...linear("classifier.out_proj", numLabels(d), h, true, "other"));
  if (head === "token-classification") tensors.push(...linear("classifier", numLabels(d), h, true, "other"));
  if (head === "question-answering") tensors.push(...linear("qa_outputs", numLabels(d), h, true, "other"));
  if (head === "multiple-choice") tensors.push(...linear("classifier", 1, h, true, "other"));
  return inventoryOf({ tensors, tied }, d);
}

export const data2vecTextSpecs: ModelTypeSpec[] = [
  {
    modelType: "data2vec-text",
    family: "data2vec-text",
    kind: "encoder",
    modelingFile: "models/data2vec/modeling_data2vec_text.py",
    classPrefixes: ["Data2VecText"],
    heads: ["base", "masked-lm", "causal-lm", "sequence-classification", "token-classification", "question-answering", "multiple-choice"],
    defaultHead: "base",
    // Data2VecTextConfig: BERT's defaults (30,522 words, 512 positions, 2 token types).
    defaults: { vocabSize: 30522, hiddenSize: 768, numLayers: 12, numHeads: 12, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 3072, maxPositions: 512 },
    tieWordEmbeddingsDefault: true,
    inventory: data2vecTextInventory,
  },
];
