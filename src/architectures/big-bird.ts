import { inventoryOf, numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import { bertStyleEmbeddings, bertStyleLayer } from "./longformer.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * BigBird (modeling_big_bird.py, configuration_big_bird.py): BERT's layout under `bert.`; query,
 * key and value carry a bias with `use_bias` (default true), block-sparse attention adds no
 * parameters. The pooler is a bare nn.Linear, stored as `pooler.weight` / `pooler.bias` (not
 * `pooler.dense`), and BigBirdModel builds it by default, so every head class except
 * ForQuestionAnswering (add_pooling_layer=False) keeps it. ForPreTraining adds BERT's
 * `cls.predictions` (transform.dense, transform.LayerNorm, decoder tied, bias) and
 * `cls.seq_relationship` [2, h]; ForMaskedLM and ForCausalLM `cls.predictions`;
 * ForSequenceClassification `classifier.dense` + `classifier.out_proj`; ForTokenClassification
 * `classifier`; ForQuestionAnswering `qa_classifier.{intermediate.dense, output.dense,
 * output.LayerNorm, qa_outputs}`.
 */
function bigBirdInventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const c = d.model.text;
  const h = d.hiddenSize;
  const ff = d.intermediateSize;
  const prefix = head === "base" ? "" : "bert.";
  const typeVocab = c.int("type_vocab_size", 2, "vocab", true).value ?? 2;
  const tensors: TensorTemplate[] = [
    ...bertStyleEmbeddings(`${prefix}embeddings`, d.vocabSize, h, d.maxPositions ?? 4096, typeVocab),
    ...bertStyleLayer(`${prefix}encoder.layer.{i}`, h, ff, range(d.numLayers), { qkvBias: c.bool("use_bias", true).value }),
  ];
  if (head !== "question-answering") tensors.push(...linear(`${prefix}pooler`, h, h, true, "other"));
  const tied: Inventory["tied"] = [];
  if (head === "masked-lm" || head === "pretraining" || head === "causal-lm") {
    const m = "cls.predictions";
    tensors.push(...linear(`${m}.transform.dense`, h, h, true, "lmHead"), ...norm(`${m}.transform.LayerNorm`, h, true, undefined, "lmHead"));
    if (d.tied) tied.push({ name: `${m}.decoder.weight`, tiedTo: `${prefix}embeddings.word_embeddings.weight` });
    else tensors.push({ name: `${m}.decoder.weight`, shape: [d.vocabSize, h], role: "lmHead" });
    tensors.push({ name: `${m}.bias`, shape: [d.vocabSize], role: "lmHead" });
  }
  if (head === "pretraining") tensors.push(...linear("cls.seq_relationship", 2, h, true, "other"));
  if (head === "sequence-classification") tensors.push(...linear("classifier.dense", h, h, true, "other"), ...linear("classifier.out_proj", numLabels(d), h, true, "other"));
  if (head === "token-classification") tensors.push(...linear("classifier", numLabels(d), h, true, "other"));
  if (head === "question-answering") {
    // BigBirdForQuestionAnswering forces num_labels = 2.
    const q = "qa_classifier";
    tensors.push(...linear(`${q}.intermediate.dense`, ff, h, true, "other"), ...linear(`${q}.output.dense`, h, ff, true, "other"), ...norm(`${q}.output.LayerNorm`, h, true, undefined, "other"), ...linear(`${q}.qa_outputs`, 2, h, true, "other"));
  }
  return inventoryOf({ tensors, tied }, d);
}

export const bigBirdSpecs: ModelTypeSpec[] = [
  {
    modelType: "big_bird",
    family: "big-bird",
    kind: "encoder",
    modelingFile: "models/big_bird/modeling_big_bird.py",
    classPrefixes: ["BigBird"],
    // Multiple choice is left out: its SequenceSummary's parameters depend on the transformers version.
    heads: ["pretraining", "masked-lm", "causal-lm", "base", "sequence-classification", "token-classification", "question-answering"],
    defaultHead: "pretraining",
    // BigBirdConfig defaults (bigbird-roberta-base).
    defaults: { vocabSize: 50358, hiddenSize: 768, numLayers: 12, numHeads: 12, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 3072, maxPositions: 4096 },
    tieWordEmbeddingsDefault: true,
    inventory: bigBirdInventory,
  },
];
