import { inventoryOf, numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * XLNet (modeling_xlnet.py, configuration_xlnet.py), base model under `transformer.`:
 * `word_embedding` [vocab, d], `mask_emb` [1, 1, d], and per layer the relative attention's raw
 * parameters `rel_attn.{q,k,v,o,r}` [d, heads, d_head] (no biases), `rel_attn.{r_r,r_s,r_w}_bias`
 * [heads, d_head], `rel_attn.seg_embed` [2, heads, d_head], `rel_attn.layer_norm`, then
 * `ff.layer_norm`, `ff.layer_1` [d_inner, d] and `ff.layer_2` [d, d_inner], biased. Relative
 * positions add no table. XLNetLMHeadModel adds `lm_loss` whose weight is tied to the word
 * embedding and whose bias [vocab] is its own; XLNetForTokenClassification adds `classifier`.
 * The SequenceSummary heads (sequence classification, multiple choice) and the beam QA head are not
 * modelled.
 */
function xlnetInventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const h = d.hiddenSize;
  const prefix = head === "base" ? "" : "transformer.";
  const layers = range(d.numLayers);
  const l = `${prefix}layer.{i}`;
  const heads = d.numHeads;
  const dh = d.headDim;
  const tensors: TensorTemplate[] = [
    { name: `${prefix}word_embedding.weight`, shape: [d.vocabSize, h], role: "embedding" },
    { name: `${prefix}mask_emb`, shape: [1, 1, h], role: "embedding" },
    ...["q", "k", "v", "o", "r"].map((n): TensorTemplate => ({ name: `${l}.rel_attn.${n}`, shape: [h, heads, dh], role: "attention", layers })),
    ...["r_r_bias", "r_s_bias", "r_w_bias"].map((n): TensorTemplate => ({ name: `${l}.rel_attn.${n}`, shape: [heads, dh], role: "attention", layers })),
    { name: `${l}.rel_attn.seg_embed`, shape: [2, heads, dh], role: "attention", layers },
    ...norm(`${l}.rel_attn.layer_norm`, h, true, layers),
    ...norm(`${l}.ff.layer_norm`, h, true, layers),
    ...linear(`${l}.ff.layer_1`, d.intermediateSize, h, true, "mlp", layers),
    ...linear(`${l}.ff.layer_2`, h, d.intermediateSize, true, "mlp", layers),
  ];
  const tied: Inventory["tied"] = [];
  if (head === "causal-lm") {
    if (d.tied) tied.push({ name: "lm_loss.weight", tiedTo: `${prefix}word_embedding.weight` });
    else tensors.push({ name: "lm_loss.weight", shape: [d.vocabSize, h], role: "lmHead" });
    tensors.push({ name: "lm_loss.bias", shape: [d.vocabSize], role: "lmHead" });
  }
  if (head === "token-classification") tensors.push(...linear("classifier", numLabels(d), h, true, "other"));
  return inventoryOf({ tensors, tied }, d);
}

export const xlnetSpecs: ModelTypeSpec[] = [
  {
    modelType: "xlnet",
    family: "xlnet",
    kind: "encoder",
    modelingFile: "models/xlnet/modeling_xlnet.py",
    classPrefixes: ["XLNet"],
    heads: ["causal-lm", "base", "token-classification"],
    defaultHead: "causal-lm",
    // XLNetConfig defaults (xlnet-large's widths); d_head defaults to d_model / n_head.
    defaults: { vocabSize: 32000, hiddenSize: 1024, numLayers: 24, numHeads: 16, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 4096, maxPositions: null },
    tieWordEmbeddingsDefault: true,
    aliases: { intermediateSize: ["d_inner"], headDim: ["d_head"] },
    inventory: xlnetInventory,
  },
];
