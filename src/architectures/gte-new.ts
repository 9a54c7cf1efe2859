import { inventoryOf, numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * GTE v1.5 / gte-multilingual, model type "new" (remote code: modeling.py and configuration.py of
 * the Hub repo Alibaba-NLP/new-impl, read from a GitHub copy). Embeddings: `word_embeddings`,
 * `position_embeddings` only when `position_embedding_type` is "absolute" (the default "rope" keeps
 * its tables as buffers), `token_type_embeddings` when type_vocab_size > 0, then `LayerNorm`. Each
 * `encoder.layer.{i}`: `attention.qkv_proj` [3h, h] (or q_proj/k_proj/v_proj without `pack_qkv`)
 * and `attention.o_proj`, all biased; the MLP is always gated whatever `hidden_act` says:
 * `mlp.up_gate_proj` [2·ff, h] without bias and `mlp.down_proj` [h, ff] with one; post-norms
 * `attn_ln`, `mlp_ln` (LayerNorm, or RMSNorm weight-only with `layer_norm_type` "rms_norm").
 * NewModel's add_pooling_layer defaults to false; ForSequenceClassification and ForMultipleChoice
 * build `new.pooler.dense`; ForMaskedLM adds `lm_head.dense`, `lm_head.norm` and a biased decoder
 * tied to the word embeddings.
 */
function gteNewInventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const c = d.model.text;
  const h = d.hiddenSize;
  const ff = d.intermediateSize;
  const prefix = head === "base" ? "" : "new.";
  const layers = range(d.numLayers);
  const e = `${prefix}embeddings`;
  const l = `${prefix}encoder.layer.{i}`;
  const typeVocab = c.int("type_vocab_size", 1, "vocab", true).value ?? 1;
  const tensors: TensorTemplate[] = [{ name: `${e}.word_embeddings.weight`, shape: [d.vocabSize, h], role: "embedding" }];
  if ((c.string("position_embedding_type").value ?? "rope") === "absolute") tensors.push({ name: `${e}.position_embeddings.weight`, shape: [d.maxPositions ?? 2048, h], role: "embedding" });
  if (typeVocab > 0) tensors.push({ name: `${e}.token_type_embeddings.weight`, shape: [typeVocab, h], role: "embedding" });
  tensors.push(...norm(`${e}.LayerNorm`, h, true));
  if (c.bool("pack_qkv", true).value) tensors.push(...linear(`${l}.attention.qkv_proj`, 3 * h, h, true, "attention", layers));
  else for (const n of ["q_proj", "k_proj", "v_proj"]) tensors.push(...linear(`${l}.attention.${n}`, h, h, true, "attention", layers));
  tensors.push(...linear(`${l}.attention.o_proj`, h, h, true, "attention", layers));
  tensors.push(...linear(`${l}.mlp.up_gate_proj`, 2 * ff, h, false, "mlp", layers), ...linear(`${l}.mlp.down_proj`, h, ff, true, "mlp", layers));
  const layerNorm = (c.string("layer_norm_type").value ?? "layer_norm") !== "rms_norm";
  tensors.push(...norm(`${l}.attn_ln`, h, layerNorm, layers), ...norm(`${l}.mlp_ln`, h, layerNorm, layers));
  const tied: Inventory["tied"] = [];
  if (head === "sequence-classification" || head === "multiple-choice") tensors.push(...linear("new.pooler.dense", h, h, true, "other"));
  if (head === "sequence-classification" || head === "token-classification") tensors.push(...linear("classifier", numLabels(d), h, true, "other"));
  if (head === "multiple-choice") tensors.push(...linear("classifier", 1, h, true, "other"));
  if (head === "question-answering") tensors.push(...linear("qa_outputs", numLabels(d), h, true, "other"));
  if (head === "masked-lm") {
    tensors.push(...linear("lm_head.dense", h, h, true, "lmHead"), ...norm("lm_head.norm", h, true, undefined, "lmHead"));
    if (d.tied) tied.push({ name: "lm_head.decoder.weight", tiedTo: `${e}.word_embeddings.weight` });
    else tensors.push({ name: "lm_head.decoder.weight", shape: [d.vocabSize, h], role: "lmHead" });
    tensors.push({ name: "lm_head.decoder.bias", shape: [d.vocabSize], role: "lmHead" });
  }
  return inventoryOf({ tensors, tied }, d);
}

export const gteNewSpecs: ModelTypeSpec[] = [
  {
    modelType: "new",
    family: "gte-new",
    kind: "encoder",
    modelingFile: "hub:Alibaba-NLP/new-impl/modeling.py",
    classPrefixes: ["New"],
    heads: ["base", "masked-lm", "sequence-classification", "token-classification", "question-answering", "multiple-choice"],
    defaultHead: "base",
    // NewConfig defaults.
    defaults: { vocabSize: 30528, hiddenSize: 768, numLayers: 12, numHeads: 12, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 3072, maxPositions: 2048 },
    tieWordEmbeddingsDefault: true,
    inventory: gteNewInventory,
  },
];
