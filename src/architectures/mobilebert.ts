import { inventoryOf, numLabels } from "./decoder.js";
import { embedding } from "./encoder-blocks.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * MobileBERT (modeling_mobilebert.py, configuration_mobilebert.py). Both norm types have a weight
 * and a bias (`no_norm` is NoNorm: x·weight + bias), so the count does not depend on
 * `normalization_type`. Embeddings: word [vocab, E], position and token type [·, h], and
 * embedding_transformation [h, 3E] (the trigram input: three shifted copies concatenated; [h, E]
 * without `trigram_input`), then a norm [h]. With `use_bottleneck` each layer works at the inner width
 * t = intra_bottleneck_size: bottleneck.input (dense [t, h] + norm [t]) and, with
 * key_query_shared_bottleneck, bottleneck.attention (the same shapes); attention.self query/key
 * [t·, t] and value [t·, h] (or [t·, t] with use_bottleneck_attention); attention.output.dense [t, t]
 * + norm; intermediate.dense [ff, t]; output.dense [t, ff] + norm [t] and output.bottleneck (dense
 * [h, t] + norm [h]); plus num_feedforward_networks − 1 extra FFNs ffn.{k} (intermediate.dense,
 * output.dense, output.LayerNorm). The pooler has a dense [h, h] only with `classifier_activation`.
 * MobileBertModel keeps the pooler; masked LM, token classification and QA build it without.
 * MLM head (cls.predictions): transform.dense [h, h] + LayerNorm [h], decoder [vocab, E] tied to the
 * word embeddings, an extra dense [h − E, vocab] without bias (the rest of the output projection),
 * and bias [vocab] (the decoder's bias is tied to it). Pre-training adds cls.seq_relationship [2, h].
 */
function mobilebertInventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const c = d.model.text;
  const h = d.hiddenSize;
  const ff = d.intermediateSize;
  const emb = c.int("embedding_size", 128).value ?? 128;
  const useBottleneck = c.bool("use_bottleneck", true).value;
  const t = useBottleneck ? (c.int("intra_bottleneck_size", 128).value ?? 128) : h;
  const all = d.numHeads * Math.floor(t / d.numHeads);
  const bottleneckAttention = c.bool("use_bottleneck_attention", false).value;
  const sharedKq = c.bool("key_query_shared_bottleneck", true).value;
  const ffns = c.int("num_feedforward_networks", 4, "count").value ?? 4;
  const typeVocab = c.int("type_vocab_size", 2, "vocab").value ?? 2;
  const trigram = c.bool("trigram_input", true).value;
  const prefix = head === "base" ? "" : "mobilebert.";
  const e = `${prefix}embeddings`;
  const layers = range(d.numLayers);
  const l = `${prefix}encoder.layer.{i}`;
  const tensors: TensorTemplate[] = [
    embedding(`${e}.word_embeddings`, d.vocabSize, emb),
    embedding(`${e}.position_embeddings`, d.maxPositions ?? 512, h),
    embedding(`${e}.token_type_embeddings`, typeVocab, h),
    ...linear(`${e}.embedding_transformation`, h, emb * (trigram ? 3 : 1), true, "embedding"),
    ...norm(`${e}.LayerNorm`, h, true),
    ...linear(`${l}.attention.self.query`, all, t, true, "attention", layers),
    ...linear(`${l}.attention.self.key`, all, t, true, "attention", layers),
    ...linear(`${l}.attention.self.value`, all, bottleneckAttention ? t : h, true, "attention", layers),
    ...linear(`${l}.attention.output.dense`, t, t, true, "attention", layers),
    ...norm(`${l}.attention.output.LayerNorm`, t, true, layers),
    ...linear(`${l}.intermediate.dense`, ff, t, true, "mlp", layers),
    ...linear(`${l}.output.dense`, t, ff, true, "mlp", layers),
    ...norm(`${l}.output.LayerNorm`, t, true, layers),
  ];
  if (useBottleneck) {
    tensors.push(...linear(`${l}.output.bottleneck.dense`, h, t, true, "mlp", layers), ...norm(`${l}.output.bottleneck.LayerNorm`, h, true, layers));
    tensors.push(...linear(`${l}.bottleneck.input.dense`, t, h, true, "attention", layers), ...norm(`${l}.bottleneck.input.LayerNorm`, t, true, layers));
    if (sharedKq) tensors.push(...linear(`${l}.bottleneck.attention.dense`, t, h, true, "attention", layers), ...norm(`${l}.bottleneck.attention.LayerNorm`, t, true, layers));
  }
  for (let k = 0; k < ffns - 1; k++) {
    const f = `${l}.ffn.${k}`;
    tensors.push(...linear(`${f}.intermediate.dense`, ff, t, true, "mlp", layers), ...linear(`${f}.output.dense`, t, ff, true, "mlp", layers), ...norm(`${f}.output.LayerNorm`, t, true, layers));
  }
  const withoutPooler = head === "masked-lm" || head === "token-classification" || head === "question-answering";
  if (!withoutPooler && c.bool("classifier_activation", true).value) tensors.push(...linear(`${prefix}pooler.dense`, h, h, true, "other"));
  const tied: Inventory["tied"] = [];
  if (head === "masked-lm" || head === "pretraining") {
    const p = "cls.predictions";
    tensors.push(...linear(`${p}.transform.dense`, h, h, true, "lmHead"), ...norm(`${p}.transform.LayerNorm`, h, true, undefined, "lmHead"));
    tensors.push({ name: `${p}.dense.weight`, shape: [h - emb, d.vocabSize], role: "lmHead" });
    if (d.tied) tied.push({ name: `${p}.decoder.weight`, tiedTo: `${e}.word_embeddings.weight` });
    else tensors.push({ name: `${p}.decoder.weight`, shape: [d.vocabSize, emb], role: "lmHead" });
    tensors.push({ name: `${p}.bias`, shape: [d.vocabSize], role: "lmHead" });
    tied.push({ name: `${p}.decoder.bias`, tiedTo: `${p}.bias` });
  }
  if (head === "pretraining") tensors.push(...linear("cls.seq_relationship", 2, h, true, "other"));
  if (head === "sequence-classification" || head === "token-classification") tensors.push(...linear("classifier", numLabels(d), h, true, "other"));
  if (head === "question-answering") tensors.push(...linear("qa_outputs", numLabels(d), h, true, "other"));
  return inventoryOf({ tensors, tied }, d);
}

export const mobilebertSpecs: ModelTypeSpec[] = [
  {
    modelType: "mobilebert",
    family: "mobilebert",
    kind: "encoder",
    modelingFile: "models/mobilebert/modeling_mobilebert.py",
    classPrefixes: ["MobileBert"],
    heads: ["pretraining", "masked-lm", "base", "sequence-classification", "token-classification", "question-answering"],
    defaultHead: "pretraining",
    // MobileBertConfig: vocab 30,522, 512 wide, 24 layers of 4 heads, FFN 512, 512 positions;
    // embedding 128, bottleneck 128, 4 FFNs per layer, trigram input, shared key/query bottleneck.
    defaults: { vocabSize: 30522, hiddenSize: 512, numLayers: 24, numHeads: 4, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 512, maxPositions: 512 },
    tieWordEmbeddingsDefault: true,
    inventory: mobilebertInventory,
  },
];
