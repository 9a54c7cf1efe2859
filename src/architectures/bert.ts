import { inventoryOf, numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * BERT-style encoders: modeling_bert.py, modeling_roberta.py, modeling_xlm_roberta.py. Which head
 * tensors exist depends on the class: BertForMaskedLM has no pooler, BertForPreTraining adds the
 * pooler and the next-sentence head, BertModel has the pooler only. The MLM decoder weight is tied
 * to the word embeddings; its bias is the one `predictions.bias` parameter.
 */

interface EncoderNames {
  /** Base-model attribute: `bert`, `roberta`. */
  base: string;
  /** MLM head path: `cls.predictions` (BERT) or `lm_head` (RoBERTa). */
  mlm: string;
  transformNames: { dense: string; norm: string };
  /** RoBERTa classifies with its own two-layer head instead of BERT's pooler + linear. */
  classificationHead: "pooler" | "roberta";
}

const BERT_NAMES: EncoderNames = { base: "bert", mlm: "cls.predictions", transformNames: { dense: "transform.dense", norm: "transform.LayerNorm" }, classificationHead: "pooler" };
const ROBERTA_NAMES: EncoderNames = { base: "roberta", mlm: "lm_head", transformNames: { dense: "dense", norm: "layer_norm" }, classificationHead: "roberta" };

function encoderInventory(names: EncoderNames) {
  return (d: RequiredDims): Inventory => {
    const head = d.model.head;
    const prefix = head === "base" ? "" : `${names.base}.`;
    const h = d.hiddenSize;
    const layers = range(d.numLayers);
    const typeVocab = d.model.text.int("type_vocab_size", 2, "vocab").value ?? 2;
    const e = `${prefix}embeddings`;
    const l = `${prefix}encoder.layer.{i}`;
    const tensors: TensorTemplate[] = [
      { name: `${e}.word_embeddings.weight`, shape: [d.vocabSize, h], role: "embedding" },
      { name: `${e}.position_embeddings.weight`, shape: [d.maxPositions ?? 512, h], role: "embedding" },
      { name: `${e}.token_type_embeddings.weight`, shape: [typeVocab, h], role: "embedding" },
      ...norm(`${e}.LayerNorm`, h, true),
      ...linear(`${l}.attention.self.query`, h, h, true, "attention", layers),
      ...linear(`${l}.attention.self.key`, h, h, true, "attention", layers),
      ...linear(`${l}.attention.self.value`, h, h, true, "attention", layers),
      ...linear(`${l}.attention.output.dense`, h, h, true, "attention", layers),
      ...norm(`${l}.attention.output.LayerNorm`, h, true, layers),
      ...linear(`${l}.intermediate.dense`, d.intermediateSize, h, true, "mlp", layers),
      ...linear(`${l}.output.dense`, h, d.intermediateSize, true, "mlp", layers),
      ...norm(`${l}.output.LayerNorm`, h, true, layers),
    ];
    const tied: Inventory["tied"] = [];
    const robertaClassifier = head === "sequence-classification" && names.classificationHead === "roberta";
    const withPooler = head === "base" || head === "pretraining" || head === "unknown" || (head === "sequence-classification" && !robertaClassifier);
    if (withPooler) tensors.push(...linear(`${prefix}pooler.dense`, h, h, true, "other"));
    if (head === "masked-lm" || head === "pretraining") {
      const m = names.mlm;
      tensors.push(...linear(`${m}.${names.transformNames.dense}`, h, h, true, "lmHead"), ...norm(`${m}.${names.transformNames.norm}`, h, true, undefined, "lmHead"));
      if (d.tied) tied.push({ name: `${m}.decoder.weight`, tiedTo: `${e}.word_embeddings.weight` });
      else tensors.push({ name: `${m}.decoder.weight`, shape: [d.vocabSize, h], role: "lmHead" });
      tensors.push({ name: `${m}.bias`, shape: [d.vocabSize], role: "lmHead" });
    }
    if (head === "pretraining") tensors.push(...linear("cls.seq_relationship", 2, h, true, "other"));
    if (robertaClassifier) tensors.push(...linear("classifier.dense", h, h, true, "other"), ...linear("classifier.out_proj", numLabels(d), h, true, "other"));
    else if (head === "sequence-classification") tensors.push(...linear("classifier", numLabels(d), h, true, "other"));
    if (head === "token-classification") tensors.push(...linear("classifier", numLabels(d), h, true, "other"));
    if (head === "question-answering") tensors.push(...linear("qa_outputs", 2, h, true, "other"));
    return inventoryOf({ tensors, tied }, d);
  };
}

const ENCODER_DEFAULTS = { vocabSize: 30522, hiddenSize: 768, numLayers: 12, numHeads: 12, numKvHeads: (m: { numHeads?: number | null }) => m.numHeads ?? null, intermediateSize: 3072, maxPositions: 512 };
const HEADS = ["masked-lm", "base", "pretraining", "sequence-classification", "token-classification", "question-answering"] as const;

export const bertSpecs: ModelTypeSpec[] = [
  { modelType: "bert", family: "bert", classPrefixes: ["Bert"], heads: [...HEADS], defaultHead: "masked-lm", defaults: ENCODER_DEFAULTS, tieWordEmbeddingsDefault: true, inventory: encoderInventory(BERT_NAMES) },
  { modelType: "roberta", family: "bert", classPrefixes: ["Roberta"], heads: [...HEADS.filter((h) => h !== "pretraining")], defaultHead: "masked-lm", defaults: ENCODER_DEFAULTS, tieWordEmbeddingsDefault: true, inventory: encoderInventory(ROBERTA_NAMES) },
  { modelType: "xlm-roberta", family: "bert", classPrefixes: ["XLMRoberta"], heads: [...HEADS.filter((h) => h !== "pretraining")], defaultHead: "masked-lm", defaults: ENCODER_DEFAULTS, tieWordEmbeddingsDefault: true, inventory: encoderInventory({ ...ROBERTA_NAMES, base: "roberta" }) },
];
