import type { ConfigReader } from "../normalize/config-reader.js";
import { inventoryOf, numLabels } from "./decoder.js";
import { bertFfn, embedding } from "./encoder-blocks.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * DeBERTa and DeBERTa-v2/v3 (modeling_deberta.py, modeling_deberta_v2.py and their configuration
 * files). Embeddings: word [vocab, E] (E = `embedding_size`, default the hidden width), position
 * table only when `position_biased_input` (default true), token types only when `type_vocab_size` > 0
 * (default 0), `embed_proj` [h, E] without bias when E differs from h, and a LayerNorm with bias.
 * Relative attention (`relative_attention`, default false) adds the encoder's `rel_embeddings`:
 * 2 × max_relative_positions rows (max_position_embeddings when that is below 1), or 2 ×
 * position_buckets when buckets are set (v2).
 *
 * v1 attention: attention.self.in_proj [3·all, h] without bias, q_bias and v_bias [all];
 * `talking_head` adds head_logits_proj and head_weights_proj [heads, heads]; with relative attention
 * "c2p" adds pos_proj [all, h] (no bias) and "p2c" pos_q_proj [all, h] with bias.
 * v2 attention: query_proj, key_proj, value_proj with biases; with relative attention and not
 * `share_att_key`, "c2p" adds pos_key_proj and "p2c" pos_query_proj (both biased). The v2 encoder has
 * a LayerNorm on the relative embeddings when `norm_rel_ebd` includes "layer_norm", and a ConvLayer
 * (conv [h, h/conv_groups, conv_kernel_size] + bias, LayerNorm) when conv_kernel_size > 0.
 *
 * Heads. Masked LM with `legacy` (the default): cls.predictions.transform.dense [E, h],
 * transform.LayerNorm [E], decoder [vocab, E] tied to the word embeddings, decoder bias tied to
 * cls.predictions.bias; with legacy false: lm_predictions.lm_head.dense [h, h], LayerNorm [h], bias
 * [vocab] (the word embeddings serve as the decoder). Sequence classification and multiple choice:
 * ContextPooler pooler.dense [p, p] (p = pooler_hidden_size, default h) and classifier [labels, p]
 * ([1, p] for multiple choice); token classification `classifier`, QA `qa_outputs` [num_labels, h].
 * DebertaModel and DebertaV2Model have no pooler.
 */

/** `pos_att_type` as the configuration class stores it: a list, or a "p2c|c2p" string split on "|". */
function posAttTypes(c: ConfigReader): string[] {
  const raw = c.value("pos_att_type");
  if (typeof raw === "string") return raw.toLowerCase().split("|").map((s) => s.trim());
  if (Array.isArray(raw)) return raw.filter((x): x is string => typeof x === "string").map((s) => s.toLowerCase().trim());
  return [];
}

function debertaInventory(version: 1 | 2) {
  return (d: RequiredDims): Inventory => {
    const head = d.model.head;
    const c = d.model.text;
    const h = d.hiddenSize;
    const heads = d.numHeads;
    const headSize = version === 2 ? (c.int("attention_head_size", Math.floor(h / heads)).value ?? Math.floor(h / heads)) : Math.floor(h / heads);
    const all = heads * headSize;
    const emb = c.int("embedding_size", h).value ?? h;
    const typeVocab = c.int("type_vocab_size", 0, "vocab", true).value ?? 0;
    const relative = c.bool("relative_attention", false).value;
    const posAtt = posAttTypes(c);
    const prefix = head === "base" ? "" : "deberta.";
    const e = `${prefix}embeddings`;
    const layers = range(d.numLayers);
    const l = `${prefix}encoder.layer.{i}`;
    const a = `${l}.attention.self`;
    const tensors: TensorTemplate[] = [embedding(`${e}.word_embeddings`, d.vocabSize, emb)];
    if (c.bool("position_biased_input", true).value) tensors.push(embedding(`${e}.position_embeddings`, d.maxPositions ?? 512, emb));
    if (typeVocab > 0) tensors.push(embedding(`${e}.token_type_embeddings`, typeVocab, emb));
    if (emb !== h) tensors.push(...linear(`${e}.embed_proj`, h, emb, false, "embedding"));
    tensors.push(...norm(`${e}.LayerNorm`, h, true));
    if (version === 1) {
      tensors.push({ name: `${a}.in_proj.weight`, shape: [3 * all, h], role: "attention", layers });
      tensors.push({ name: `${a}.q_bias`, shape: [all], role: "attention", layers }, { name: `${a}.v_bias`, shape: [all], role: "attention", layers });
      if (c.bool("talking_head", false).value) {
        tensors.push({ name: `${a}.head_logits_proj.weight`, shape: [heads, heads], role: "attention", layers });
        tensors.push({ name: `${a}.head_weights_proj.weight`, shape: [heads, heads], role: "attention", layers });
      }
      if (relative && posAtt.includes("c2p")) tensors.push(...linear(`${a}.pos_proj`, all, h, false, "attention", layers));
      if (relative && posAtt.includes("p2c")) tensors.push(...linear(`${a}.pos_q_proj`, all, h, true, "attention", layers));
    } else {
      for (const n of ["query_proj", "key_proj", "value_proj"]) tensors.push(...linear(`${a}.${n}`, all, h, true, "attention", layers));
      if (relative && !c.bool("share_att_key", false).value) {
        if (posAtt.includes("c2p")) tensors.push(...linear(`${a}.pos_key_proj`, all, h, true, "attention", layers));
        if (posAtt.includes("p2c")) tensors.push(...linear(`${a}.pos_query_proj`, all, h, true, "attention", layers));
      }
    }
    tensors.push(...linear(`${l}.attention.output.dense`, h, h, true, "attention", layers), ...norm(`${l}.attention.output.LayerNorm`, h, true, layers));
    tensors.push(...bertFfn(l, h, d.intermediateSize, layers));
    if (relative) {
      const maxRelRaw = c.value("max_relative_positions");
      const maxRel = typeof maxRelRaw === "number" && maxRelRaw >= 1 ? maxRelRaw : (d.maxPositions ?? 512);
      const bucketsRaw = version === 2 ? c.value("position_buckets") : undefined;
      const rows = typeof bucketsRaw === "number" && bucketsRaw > 0 ? 2 * bucketsRaw : 2 * maxRel;
      tensors.push(embedding(`${prefix}encoder.rel_embeddings`, rows, h));
    }
    if (version === 2) {
      const normRel = c.string("norm_rel_ebd").value ?? "none";
      if (normRel.toLowerCase().split("|").map((s) => s.trim()).includes("layer_norm")) tensors.push(...norm(`${prefix}encoder.LayerNorm`, h, true));
      const kernelRaw = c.value("conv_kernel_size");
      const kernel = typeof kernelRaw === "number" ? kernelRaw : 0;
      if (kernel > 0) {
        const groups = c.int("conv_groups", 1, "count").value ?? 1;
        tensors.push({ name: `${prefix}encoder.conv.conv.weight`, shape: [h, Math.floor(h / groups), kernel], role: "other" }, { name: `${prefix}encoder.conv.conv.bias`, shape: [h], role: "other" });
        tensors.push(...norm(`${prefix}encoder.conv.LayerNorm`, h, true));
      }
    }
    const tied: Inventory["tied"] = [];
    if (head === "masked-lm") {
      if (c.bool("legacy", true).value) {
        const p = "cls.predictions";
        tensors.push(...linear(`${p}.transform.dense`, emb, h, true, "lmHead"), ...norm(`${p}.transform.LayerNorm`, emb, true, undefined, "lmHead"));
        if (d.tied) tied.push({ name: `${p}.decoder.weight`, tiedTo: `${e}.word_embeddings.weight` });
        else tensors.push({ name: `${p}.decoder.weight`, shape: [d.vocabSize, emb], role: "lmHead" });
        tensors.push({ name: `${p}.bias`, shape: [d.vocabSize], role: "lmHead" });
        tied.push({ name: `${p}.decoder.bias`, tiedTo: `${p}.bias` });
      } else {
        const p = "lm_predictions.lm_head";
        tensors.push(...linear(`${p}.dense`, h, h, true, "lmHead"), ...norm(`${p}.LayerNorm`, h, true, undefined, "lmHead"), { name: `${p}.bias`, shape: [d.vocabSize], role: "lmHead" });
      }
    }
    if (head === "sequence-classification" || head === "multiple-choice") {
      const p = c.int("pooler_hidden_size", h).value ?? h;
      tensors.push(...linear("pooler.dense", p, p, true, "other"), ...linear("classifier", head === "multiple-choice" ? 1 : numLabels(d), p, true, "other"));
    }
    if (head === "token-classification") tensors.push(...linear("classifier", numLabels(d), h, true, "other"));
    if (head === "question-answering") tensors.push(...linear("qa_outputs", numLabels(d), h, true, "other"));
    return inventoryOf({ tensors, tied }, d);
  };
}

const numKvHeads = (m: { numHeads?: number | null }) => m.numHeads ?? null;

export const debertaSpecs: ModelTypeSpec[] = [
  {
    modelType: "deberta",
    family: "deberta",
    kind: "encoder",
    modelingFile: "models/deberta/modeling_deberta.py",
    classPrefixes: ["Deberta"],
    heads: ["base", "masked-lm", "sequence-classification", "token-classification", "question-answering"],
    // DeBERTa checkpoints are published as backbones (their configs often name no class).
    defaultHead: "base",
    // DebertaConfig: vocab 50,265, 768 wide, 12 layers of 12 heads, FFN 3,072, 512 positions.
    defaults: { vocabSize: 50265, hiddenSize: 768, numLayers: 12, numHeads: 12, numKvHeads, intermediateSize: 3072, maxPositions: 512 },
    tieWordEmbeddingsDefault: true,
    inventory: debertaInventory(1),
  },
  {
    modelType: "deberta-v2",
    family: "deberta",
    kind: "encoder",
    modelingFile: "models/deberta_v2/modeling_deberta_v2.py",
    classPrefixes: ["DebertaV2"],
    heads: ["base", "masked-lm", "sequence-classification", "token-classification", "multiple-choice", "question-answering"],
    defaultHead: "base",
    // DebertaV2Config (the xlarge model's): vocab 128,100, 1,536 wide, 24 layers of 24 heads, FFN 6,144, 512 positions.
    defaults: { vocabSize: 128100, hiddenSize: 1536, numLayers: 24, numHeads: 24, numKvHeads, intermediateSize: 6144, maxPositions: 512 },
    tieWordEmbeddingsDefault: true,
    inventory: debertaInventory(2),
  },
];
