import { inventoryOf, numLabels } from "./decoder.js";
import { embedding } from "./encoder-blocks.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * MPNet (modeling_mpnet.py, configuration_mpnet.py). Embeddings hold word and position tables and a
 * LayerNorm, no token types. Each layer: attention.attn.{q,k,v,o} (biased), attention.LayerNorm,
 * intermediate.dense, output.dense and output.LayerNorm. The encoder has one shared
 * relative_attention_bias [relative_attention_num_buckets, heads]. MPNetModel has a pooler; the
 * masked-LM, sequence/token classification and QA classes build MPNetModel without it
 * (add_pooling_layer=False), MPNetForMultipleChoice keeps it. The LM head's decoder weight is tied to
 * the word embeddings and its bias to `lm_head.bias` (one [vocab] parameter).
 */
function mpnetInventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const h = d.hiddenSize;
  const prefix = head === "base" ? "" : "mpnet.";
  const layers = range(d.numLayers);
  const e = `${prefix}embeddings`;
  const l = `${prefix}encoder.layer.{i}`;
  const buckets = d.model.text.int("relative_attention_num_buckets", 32, "count").value ?? 32;
  const tensors: TensorTemplate[] = [
    embedding(`${e}.word_embeddings`, d.vocabSize, h),
    embedding(`${e}.position_embeddings`, d.maxPositions ?? 514, h),
    ...norm(`${e}.LayerNorm`, h, true),
    ...["q", "k", "v", "o"].flatMap((n) => linear(`${l}.attention.attn.${n}`, h, h, true, "attention", layers)),
    ...norm(`${l}.attention.LayerNorm`, h, true, layers),
    ...linear(`${l}.intermediate.dense`, d.intermediateSize, h, true, "mlp", layers),
    ...linear(`${l}.output.dense`, h, d.intermediateSize, true, "mlp", layers),
    ...norm(`${l}.output.LayerNorm`, h, true, layers),
    { name: `${prefix}encoder.relative_attention_bias.weight`, shape: [buckets, d.numHeads], role: "attention" },
  ];
  const tied: Inventory["tied"] = [];
  if (head === "base" || head === "multiple-choice" || head === "unknown") tensors.push(...linear(`${prefix}pooler.dense`, h, h, true, "other"));
  if (head === "masked-lm") {
    tensors.push(...linear("lm_head.dense", h, h, true, "lmHead"), ...norm("lm_head.layer_norm", h, true, undefined, "lmHead"));
    if (d.tied) tied.push({ name: "lm_head.decoder.weight", tiedTo: `${e}.word_embeddings.weight` });
    else tensors.push({ name: "lm_head.decoder.weight", shape: [d.vocabSize, h], role: "lmHead" });
    tensors.push({ name: "lm_head.bias", shape: [d.vocabSize], role: "lmHead" });
    tied.push({ name: "lm_head.decoder.bias", tiedTo: "lm_head.bias" });
  }
  if (head === "sequence-classification") tensors.push(...linear("classifier.dense", h, h, true, "other"), ...linear("classifier.out_proj", numLabels(d), h, true, "other"));
  if (head === "token-classification") tensors.push(...linear("classifier", numLabels(d), h, true, "other"));
  if (head === "multiple-choice") tensors.push(...linear("classifier", 1, h, true, "other"));
  // MPNetForQuestionAnswering: qa_outputs [num_labels, h], num_labels 2 by default.
  if (head === "question-answering") tensors.push(...linear("qa_outputs", numLabels(d), h, true, "other"));
  return inventoryOf({ tensors, tied }, d);
}

export const mpnetSpecs: ModelTypeSpec[] = [
  {
    modelType: "mpnet",
    family: "mpnet",
    kind: "encoder",
    modelingFile: "models/mpnet/modeling_mpnet.py",
    classPrefixes: ["MPNet"],
    heads: ["base", "masked-lm", "sequence-classification", "token-classification", "multiple-choice", "question-answering"],
    defaultHead: "masked-lm",
    // MPNetConfig: vocab 30,527, 768 wide, 12 layers of 12 heads, FFN 3,072, 512 positions, 32 buckets.
    defaults: { vocabSize: 30527, hiddenSize: 768, numLayers: 12, numHeads: 12, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 3072, maxPositions: 512 },
    tieWordEmbeddingsDefault: true,
    inventory: mpnetInventory,
  },
];
