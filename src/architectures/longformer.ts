import { inventoryOf, numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * Blocks of the encoders that keep BERT's module names (Longformer, BigBird, Data2VecText, ESM):
 * `attention.self.{query,key,value}`, `attention.output.dense`, `intermediate.dense`, `output.dense`,
 * with BERT's post-LayerNorms `attention.output.LayerNorm` and `output.LayerNorm` unless a family
 * places its norms elsewhere (ESM).
 */
export function bertStyleLayer(l: string, h: number, ff: number, layers: readonly number[], opts: { qkvBias?: boolean; postNorms?: boolean } = {}): TensorTemplate[] {
  const qkvBias = opts.qkvBias ?? true;
  const postNorms = opts.postNorms ?? true;
  return [
    ...linear(`${l}.attention.self.query`, h, h, qkvBias, "attention", layers),
    ...linear(`${l}.attention.self.key`, h, h, qkvBias, "attention", layers),
    ...linear(`${l}.attention.self.value`, h, h, qkvBias, "attention", layers),
    ...linear(`${l}.attention.output.dense`, h, h, true, "attention", layers),
    ...(postNorms ? norm(`${l}.attention.output.LayerNorm`, h, true, layers) : []),
    ...linear(`${l}.intermediate.dense`, ff, h, true, "mlp", layers),
    ...linear(`${l}.output.dense`, h, ff, true, "mlp", layers),
    ...(postNorms ? norm(`${l}.output.LayerNorm`, h, true, layers) : []),
  ];
}

/** BertEmbeddings: word, absolute-position and (when typeVocab > 0) token-type tables, then a LayerNorm. */
export function bertStyleEmbeddings(e: string, vocab: number, h: number, positions: number, typeVocab: number): TensorTemplate[] {
  const out: TensorTemplate[] = [
    { name: `${e}.word_embeddings.weight`, shape: [vocab, h], role: "embedding" },
    { name: `${e}.position_embeddings.weight`, shape: [positions, h], role: "embedding" },
  ];
  if (typeVocab > 0) out.push({ name: `${e}.token_type_embeddings.weight`, shape: [typeVocab, h], role: "embedding" });
  out.push(...norm(`${e}.LayerNorm`, h, true));
  return out;
}

/** RoBERTa's MLM head: `lm_head.dense`, `lm_head.layer_norm`, `lm_head.decoder` (tied) and `lm_head.bias`. */
export function robertaLmHead(d: RequiredDims, wordEmbeddings: string): Pick<Inventory, "tensors" | "tied"> {
  const h = d.hiddenSize;
  const tensors: TensorTemplate[] = [...linear("lm_head.dense", h, h, true, "lmHead"), ...norm("lm_head.layer_norm", h, true, undefined, "lmHead")];
  const tied: Inventory["tied"] = [];
  if (d.tied) tied.push({ name: "lm_head.decoder.weight", tiedTo: wordEmbeddings });
  else tensors.push({ name: "lm_head.decoder.weight", shape: [d.vocabSize, h], role: "lmHead" });
  tensors.push({ name: "lm_head.bias", shape: [d.vocabSize], role: "lmHead" });
  return { tensors, tied };
}

/**
 * Longformer (modeling_longformer.py, configuration_longformer.py): RoBERTa's layout under
 * `longformer.`, plus per layer the separate projections for globally attending tokens,
 * `attention.self.{query,key,value}_global` [h, h] with biases. Only LongformerModel (pooler
 * `pooler.dense`) and LongformerForMultipleChoice build the pooler; ForMaskedLM (RoBERTa's lm_head,
 * decoder tied), ForSequenceClassification (`classifier.dense` + `classifier.out_proj`),
 * ForTokenClassification (`classifier`) and ForQuestionAnswering (`qa_outputs`) are built with
 * add_pooling_layer=False. position_ids is a buffer.
 */
function longformerInventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const h = d.hiddenSize;
  const prefix = head === "base" ? "" : "longformer.";
  const layers = range(d.numLayers);
  const l = `${prefix}encoder.layer.{i}`;
  const typeVocab = d.model.text.int("type_vocab_size", 2, "vocab", true).value ?? 2;
  const tensors: TensorTemplate[] = [
    ...bertStyleEmbeddings(`${prefix}embeddings`, d.vocabSize, h, d.maxPositions ?? 514, typeVocab),
    ...bertStyleLayer(l, h, d.intermediateSize, layers),
    ...["query_global", "key_global", "value_global"].flatMap((n) => linear(`${l}.attention.self.${n}`, h, h, true, "attention", layers)),
  ];
  let tied: Inventory["tied"] = [];
  if (head === "base" || head === "multiple-choice") tensors.push(...linear(`${prefix}pooler.dense`, h, h, true, "other"));
  if (head === "masked-lm") {
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

export const longformerSpecs: ModelTypeSpec[] = [
  {
    modelType: "longformer",
    family: "longformer",
    kind: "encoder",
    modelingFile: "models/longformer/modeling_longformer.py",
    classPrefixes: ["Longformer"],
    heads: ["masked-lm", "base", "sequence-classification", "token-classification", "question-answering", "multiple-choice"],
    defaultHead: "masked-lm",
    // LongformerConfig takes BERT's defaults (30,522 words, 512 positions, 2 token types).
    defaults: { vocabSize: 30522, hiddenSize: 768, numLayers: 12, numHeads: 12, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 3072, maxPositions: 512 },
    tieWordEmbeddingsDefault: true,
    inventory: longformerInventory,
  },
];
