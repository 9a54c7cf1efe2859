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
  /** ERNIE: `task_type_embeddings` [task_type_vocab_size, h] when the config sets `use_task_id`. */
  taskType?: boolean;
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
      ...(names.taskType && d.model.text.bool("use_task_id", false).value ? [{ name: `${e}.task_type_embeddings.weight`, shape: [d.model.text.int("task_type_vocab_size", 3, "vocab").value ?? 3, h], role: "embedding" as const }] : []),
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
    const withPooler = head === "base" || head === "pretraining" || head === "unknown" || head === "multiple-choice" || (head === "sequence-classification" && !robertaClassifier);
    if (withPooler) tensors.push(...linear(`${prefix}pooler.dense`, h, h, true, "other"));
    // …LMHeadModel / …ForCausalLM: the MLM head without the pooler.
    if (head === "masked-lm" || head === "pretraining" || head === "causal-lm") {
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
    // …ForMultipleChoice: the pooler and classifier [1, h].
    if (head === "multiple-choice") tensors.push(...linear("classifier", 1, h, true, "other"));
    return inventoryOf({ tensors, tied }, d);
  };
}

/**
 * XLM-RoBERTa-XL/XXL (modeling_xlm_roberta_xl.py): RoBERTa's names, but pre-LN. The embeddings have
 * no LayerNorm; each layer normalises before attention (attention.self_attn_layer_norm) and before
 * the FFN (the layer's own LayerNorm), attention.output holds only its dense, and the encoder ends
 * with encoder.LayerNorm. Heads as RoBERTa's: lm_head (dense, layer_norm, tied decoder, bias) without
 * pooler for masked and causal LM, the two-layer classifier, token classification and QA without
 * pooler; XLMRobertaXLModel and multiple choice (classifier [1, h]) keep the pooler.
 */
function xlmRobertaXlInventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const prefix = head === "base" ? "" : "roberta.";
  const h = d.hiddenSize;
  const ff = d.intermediateSize;
  const layers = range(d.numLayers);
  const typeVocab = d.model.text.int("type_vocab_size", 1, "vocab").value ?? 1;
  const e = `${prefix}embeddings`;
  const l = `${prefix}encoder.layer.{i}`;
  const tensors: TensorTemplate[] = [
    { name: `${e}.word_embeddings.weight`, shape: [d.vocabSize, h], role: "embedding" },
    { name: `${e}.position_embeddings.weight`, shape: [d.maxPositions ?? 514, h], role: "embedding" },
    { name: `${e}.token_type_embeddings.weight`, shape: [typeVocab, h], role: "embedding" },
    ...norm(`${l}.attention.self_attn_layer_norm`, h, true, layers),
    ...linear(`${l}.attention.self.query`, h, h, true, "attention", layers),
    ...linear(`${l}.attention.self.key`, h, h, true, "attention", layers),
    ...linear(`${l}.attention.self.value`, h, h, true, "attention", layers),
    ...linear(`${l}.attention.output.dense`, h, h, true, "attention", layers),
    ...norm(`${l}.LayerNorm`, h, true, layers),
    ...linear(`${l}.intermediate.dense`, ff, h, true, "mlp", layers),
    ...linear(`${l}.output.dense`, h, ff, true, "mlp", layers),
    ...norm(`${prefix}encoder.LayerNorm`, h, true),
  ];
  const tied: Inventory["tied"] = [];
  if (head === "base" || head === "unknown" || head === "multiple-choice") tensors.push(...linear(`${prefix}pooler.dense`, h, h, true, "other"));
  if (head === "masked-lm" || head === "causal-lm") {
    tensors.push(...linear("lm_head.dense", h, h, true, "lmHead"), ...norm("lm_head.layer_norm", h, true, undefined, "lmHead"));
    if (d.tied) tied.push({ name: "lm_head.decoder.weight", tiedTo: `${e}.word_embeddings.weight` });
    else tensors.push({ name: "lm_head.decoder.weight", shape: [d.vocabSize, h], role: "lmHead" });
    tensors.push({ name: "lm_head.bias", shape: [d.vocabSize], role: "lmHead" });
  }
  if (head === "sequence-classification") tensors.push(...linear("classifier.dense", h, h, true, "other"), ...linear("classifier.out_proj", numLabels(d), h, true, "other"));
  if (head === "token-classification") tensors.push(...linear("classifier", numLabels(d), h, true, "other"));
  if (head === "question-answering") tensors.push(...linear("qa_outputs", numLabels(d), h, true, "other"));
  if (head === "multiple-choice") tensors.push(...linear("classifier", 1, h, true, "other"));
  return inventoryOf({ tensors, tied }, d);
}

const ENCODER_DEFAULTS = { vocabSize: 30522, hiddenSize: 768, numLayers: 12, numHeads: 12, numKvHeads: (m: { numHeads?: number | null }) => m.numHeads ?? null, intermediateSize: 3072, maxPositions: 512 };
const HEADS = ["masked-lm", "base", "pretraining", "sequence-classification", "token-classification", "question-answering"] as const;

export const bertSpecs: ModelTypeSpec[] = [
  { modelType: "bert", family: "bert", classPrefixes: ["Bert"], heads: [...HEADS, "multiple-choice", "causal-lm"], defaultHead: "masked-lm", defaults: ENCODER_DEFAULTS, tieWordEmbeddingsDefault: true, inventory: encoderInventory(BERT_NAMES) },
  { modelType: "roberta", family: "bert", classPrefixes: ["Roberta"], heads: [...HEADS.filter((h) => h !== "pretraining"), "multiple-choice", "causal-lm"], defaultHead: "masked-lm", defaults: ENCODER_DEFAULTS, tieWordEmbeddingsDefault: true, inventory: encoderInventory(ROBERTA_NAMES) },
  // CamembertConfig has RoBERTa's defaults and modeling_camembert.py RoBERTa's modules and names.
  { modelType: "camembert", family: "bert", kind: "encoder", modelingFile: "models/camembert/modeling_camembert.py", classPrefixes: ["Camembert"], heads: [...HEADS.filter((h) => h !== "pretraining"), "multiple-choice", "causal-lm"], defaultHead: "masked-lm", defaults: ENCODER_DEFAULTS, tieWordEmbeddingsDefault: true, inventory: encoderInventory(ROBERTA_NAMES) },
  // ErnieConfig: BERT's defaults plus task_type_vocab_size 3 and use_task_id false; modeling_ernie.py is BERT's layout under `ernie.`.
  { modelType: "ernie", family: "bert", kind: "encoder", modelingFile: "models/ernie/modeling_ernie.py", classPrefixes: ["Ernie"], heads: [...HEADS, "multiple-choice", "causal-lm"], defaultHead: "masked-lm", defaults: ENCODER_DEFAULTS, tieWordEmbeddingsDefault: true, inventory: encoderInventory({ ...BERT_NAMES, base: "ernie", taskType: true }) },
  // XLMRobertaXLConfig defaults are XLM-R XL's: vocab 250,880, 2,560 wide, 36 layers of 32 heads, FFN 10,240, 514 positions.
  { modelType: "xlm-roberta-xl", family: "bert", kind: "encoder", modelingFile: "models/xlm_roberta_xl/modeling_xlm_roberta_xl.py", classPrefixes: ["XLMRobertaXL"], heads: [...HEADS.filter((h) => h !== "pretraining"), "multiple-choice", "causal-lm"], defaultHead: "masked-lm", defaults: { vocabSize: 250880, hiddenSize: 2560, numLayers: 36, numHeads: 32, numKvHeads: (m: { numHeads?: number | null }) => m.numHeads ?? null, intermediateSize: 10240, maxPositions: 514 }, tieWordEmbeddingsDefault: true, inventory: xlmRobertaXlInventory },
  { modelType: "xlm-roberta", family: "bert", classPrefixes: ["XLMRoberta"], heads: [...HEADS.filter((h) => h !== "pretraining"), "multiple-choice", "causal-lm"], defaultHead: "masked-lm", defaults: ENCODER_DEFAULTS, tieWordEmbeddingsDefault: true, inventory: encoderInventory({ ...ROBERTA_NAMES, base: "roberta" }) },
];
