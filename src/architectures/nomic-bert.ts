import { inventoryOf, numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

const GATED = new Set(["glu", "swiglu", "geglu"]);

function isGated(d: { model: { text: { string(k: string): { value: string | null } } } }): boolean {
  return GATED.has(d.model.text.string("activation_function").value ?? "gelu_new");
}

/**
 * Nomic BERT (remote code: modeling_hf_nomic_bert.py and configuration_hf_nomic_bert.py of the Hub
 * repo nomic-ai/nomic-bert-2048, as mirrored on GitHub). NomicBertConfig extends GPT2Config (n_embd,
 * n_layer, n_head, n_inner, n_positions). The vocabulary is padded up to `pad_vocab_size_multiple`.
 * Embeddings: `word_embeddings`, `token_type_embeddings` (type_vocab_size > 0) and
 * `position_embeddings` only without rotary (`rotary_emb_fraction` 0), then `emb_ln`. Each block:
 * `attn.Wqkv` [(heads + 2·kv)·head_dim, h] and `attn.out_proj`, both biased with `qkv_proj_bias`;
 * a gated MLP (`glu`/`swiglu`/`geglu`: `mlp.fc11`, `mlp.fc12` [ff, h], `mlp.fc2`, ff rounded up to a
 * multiple of 256, default ⌊8h/3⌋) or a plain one (`mlp.fc1`, `mlp.fc2`, default 4h), biases from
 * `mlp_fc1_bias` / `mlp_fc2_bias`; post-LayerNorms `norm1`, `norm2`. The class's own from_pretrained
 * builds NomicBertModel with add_pooling_layer=False (no `pooler.dense`); ForSequenceClassification
 * keeps the pooler under `bert.` and adds `classifier`; ForPreTraining adds `cls.predictions.transform`
 * (dense biased with mlp_fc1_bias, layer_norm) and a decoder always tied to the word embeddings, its
 * bias with mlp_fc1_bias.
 */
function nomicBertInventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const c = d.model.text;
  const h = d.hiddenSize;
  const prefix = head === "base" ? "" : "bert.";
  const layers = range(d.numLayers);
  const multiple = c.int("pad_vocab_size_multiple", 1, "count").value ?? 1;
  const vocab = Math.ceil(d.vocabSize / multiple) * multiple;
  const typeVocab = c.int("type_vocab_size", 2, "vocab", true).value ?? 2;
  const rotary = (c.number("rotary_emb_fraction", 0).value ?? 0) > 0;
  const e = `${prefix}embeddings`;
  const l = `${prefix}encoder.layers.{i}`;
  const tensors: TensorTemplate[] = [{ name: `${e}.word_embeddings.weight`, shape: [vocab, h], role: "embedding" }];
  if (!rotary && d.maxPositions) tensors.push({ name: `${e}.position_embeddings.weight`, shape: [d.maxPositions, h], role: "embedding" });
  if (typeVocab > 0) tensors.push({ name: `${e}.token_type_embeddings.weight`, shape: [typeVocab, h], role: "embedding" });
  tensors.push(...norm(`${prefix}emb_ln`, h, true));
  const qkvBias = c.bool("qkv_proj_bias", true).value;
  const headDim = Math.floor(h / d.numHeads);
  const kvHeads = c.int("num_heads_kv", d.numHeads, "count").value ?? d.numHeads;
  tensors.push(...linear(`${l}.attn.Wqkv`, headDim * (d.numHeads + 2 * kvHeads), h, qkvBias, "attention", layers), ...linear(`${l}.attn.out_proj`, h, h, qkvBias, "attention", layers));
  const fc1Bias = c.bool("mlp_fc1_bias", true).value;
  const fc2Bias = c.bool("mlp_fc2_bias", true).value;
  if (isGated(d)) {
    const ff = Math.ceil(d.intermediateSize / 256) * 256;
    tensors.push(...linear(`${l}.mlp.fc11`, ff, h, fc1Bias, "mlp", layers), ...linear(`${l}.mlp.fc12`, ff, h, fc1Bias, "mlp", layers), ...linear(`${l}.mlp.fc2`, h, ff, fc2Bias, "mlp", layers));
  } else {
    tensors.push(...linear(`${l}.mlp.fc1`, d.intermediateSize, h, fc1Bias, "mlp", layers), ...linear(`${l}.mlp.fc2`, h, d.intermediateSize, fc2Bias, "mlp", layers));
  }
  tensors.push(...norm(`${l}.norm1`, h, true, layers), ...norm(`${l}.norm2`, h, true, layers));
  const tied: Inventory["tied"] = [];
  const notes: string[] = [];
  if (head === "base") notes.push("NomicBertModel as its from_pretrained builds it (add_pooling_layer=False); built from a config directly it adds pooler.dense (h² + h)");
  if (head === "sequence-classification") tensors.push(...linear("bert.pooler.dense", h, h, true, "other"), ...linear("classifier", numLabels(d), h, true, "other"));
  if (head === "pretraining") {
    if (c.bool("add_pooling_layer", false).value) tensors.push(...linear("bert.pooler.dense", h, h, true, "other"));
    tensors.push(...linear("cls.predictions.transform.dense", h, h, fc1Bias, "lmHead"), ...norm("cls.predictions.transform.layer_norm", h, true, undefined, "lmHead"));
    tied.push({ name: "cls.predictions.decoder.weight", tiedTo: `${e}.word_embeddings.weight` });
    if (fc1Bias) tensors.push({ name: "cls.predictions.decoder.bias", shape: [vocab], role: "lmHead" });
  }
  return inventoryOf({ tensors, tied, notes }, d);
}

export const nomicBertSpecs: ModelTypeSpec[] = [
  {
    modelType: "nomic_bert",
    family: "nomic-bert",
    kind: "encoder",
    modelingFile: "hub:nomic-ai/nomic-bert-2048/modeling_hf_nomic_bert.py",
    classPrefixes: ["NomicBert"],
    heads: ["base", "pretraining", "sequence-classification"],
    defaultHead: "base",
    // GPT2Config's defaults; n_inner None means 4h (plain MLP) or ⌊8h/3⌋ (gated, then rounded to 256).
    defaults: {
      vocabSize: 50257,
      hiddenSize: 768,
      numLayers: 12,
      numHeads: 12,
      numKvHeads: (m) => m.numHeads ?? null,
      intermediateSize: (m, config) => (m.hiddenSize ? (GATED.has(config.string("activation_function").value ?? "gelu_new") ? Math.floor((8 * m.hiddenSize) / 3) : 4 * m.hiddenSize) : null),
      maxPositions: 1024,
    },
    tieWordEmbeddingsDefault: true,
    inventory: nomicBertInventory,
  },
];
