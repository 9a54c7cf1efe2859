import { inventoryOf, numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * JinaBERT v2 (remote code: modeling_bert.py of the Hub repo jinaai/jina-bert-implementation; its
 * configs say model_type "bert" and name JinaBert… classes). That file could not be read here: the
 * layout follows public ports that load the Hub checkpoint by its tensor names (tpu-inference's JAX
 * JinaBert, an MLX port), so the count is labelled an estimate. BERT's names with ALiBi (no position
 * table unless `position_embedding_type` is "absolute"): word and token-type embeddings + LayerNorm;
 * per layer BERT's biased attention.self.{query,key,value}, attention.output.dense + LayerNorm, then
 * the GLU MLP `mlp.gated_layers` [2·ff, h] (no bias), `mlp.wo` [h, ff] (biased) and `mlp.layernorm`.
 * As in BERT, the bare model keeps `pooler.dense` (the checkpoints store it), ForMaskedLM drops it and
 * adds `cls.predictions` (transform.dense, transform.LayerNorm, tied decoder, bias).
 */
function jinaBertInventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const c = d.model.text;
  const h = d.hiddenSize;
  const ff = d.intermediateSize;
  const prefix = head === "base" ? "" : "bert.";
  const layers = range(d.numLayers);
  const e = `${prefix}embeddings`;
  const l = `${prefix}encoder.layer.{i}`;
  const typeVocab = c.int("type_vocab_size", 2, "vocab", true).value ?? 2;
  const tensors: TensorTemplate[] = [{ name: `${e}.word_embeddings.weight`, shape: [d.vocabSize, h], role: "embedding" }];
  if ((c.string("position_embedding_type").value ?? "alibi") === "absolute") tensors.push({ name: `${e}.position_embeddings.weight`, shape: [d.maxPositions ?? 512, h], role: "embedding" });
  if (typeVocab > 0) tensors.push({ name: `${e}.token_type_embeddings.weight`, shape: [typeVocab, h], role: "embedding" });
  tensors.push(...norm(`${e}.LayerNorm`, h, true));
  for (const n of ["query", "key", "value"]) tensors.push(...linear(`${l}.attention.self.${n}`, h, h, true, "attention", layers));
  tensors.push(...linear(`${l}.attention.output.dense`, h, h, true, "attention", layers), ...norm(`${l}.attention.output.LayerNorm`, h, true, layers));
  tensors.push(...linear(`${l}.mlp.gated_layers`, 2 * ff, h, false, "mlp", layers), ...linear(`${l}.mlp.wo`, h, ff, true, "mlp", layers), ...norm(`${l}.mlp.layernorm`, h, true, layers));
  const tied: Inventory["tied"] = [];
  if (head === "base" || head === "sequence-classification") tensors.push(...linear(`${prefix}pooler.dense`, h, h, true, "other"));
  if (head === "masked-lm") {
    const m = "cls.predictions";
    tensors.push(...linear(`${m}.transform.dense`, h, h, true, "lmHead"), ...norm(`${m}.transform.LayerNorm`, h, true, undefined, "lmHead"));
    if (d.tied) tied.push({ name: `${m}.decoder.weight`, tiedTo: `${e}.word_embeddings.weight` });
    else tensors.push({ name: `${m}.decoder.weight`, shape: [d.vocabSize, h], role: "lmHead" });
    tensors.push({ name: `${m}.bias`, shape: [d.vocabSize], role: "lmHead" });
  }
  if (head === "sequence-classification") tensors.push(...linear("classifier", numLabels(d), h, true, "other"));
  const notes = ["jina-bert-implementation's modeling_bert.py was not readable here; layout from ports that load the Hub checkpoint by name"];
  return { ...inventoryOf({ tensors, tied, notes }, d), estimated: true };
}

export const jinaBertSpecs: ModelTypeSpec[] = [
  {
    modelType: "jina_bert",
    family: "jina-bert",
    kind: "encoder",
    modelingFile: "hub:jinaai/jina-bert-implementation/modeling_bert.py",
    classPrefixes: ["JinaBert"],
    heads: ["masked-lm", "base", "sequence-classification"],
    defaultHead: "base",
    // JinaBertConfig keeps BertConfig's defaults.
    defaults: { vocabSize: 30522, hiddenSize: 768, numLayers: 12, numHeads: 12, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 3072, maxPositions: 512 },
    tieWordEmbeddingsDefault: true,
    inventory: jinaBertInventory,
  },
];
