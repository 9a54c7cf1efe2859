import { inventoryOf, numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * T5 (modeling_t5.py: T5ForConditionalGeneration, T5Model, T5EncoderModel,
 * T5ForSequenceClassification, T5ForTokenClassification, T5ForQuestionAnswering; configuration_t5.py).
 * One `shared` embedding serves the encoder and the decoder (their `embed_tokens` are that module)
 * and, when tie_word_embeddings holds (T5Config's default; T5 v1.1 and Flan-T5 set it false), the
 * LM head. Attention projections are bias-free and num_heads × d_kv wide, which need not equal
 * d_model (t5-11b). Only block 0 of each stack owns a relative_attention_bias
 * [relative_attention_num_buckets, num_heads]. Layer norms are T5LayerNorm: a weight, no bias.
 * `feed_forward_proj` "gated-*" (T5 v1.1, Flan-T5) splits wi into wi_0 and wi_1.
 *
 * The same builder serves the T5 relatives whose modeling files copy T5's blocks:
 * - mT5 (modeling_mt5.py): T5's layout and head classes; MT5Config defaults to gated-gelu and an
 *   untied head (tie_word_embeddings False in transformers 4.x).
 * - UMT5 (modeling_umt5.py): every self-attention (not only block 0's) owns its
 *   relative_attention_bias; cross-attention none. UMT5Config's tie default is True, but the
 *   published google/umt5-* configs write tie_word_embeddings false.
 * - LongT5 (modeling_longt5.py): the encoder's attention is `LocalSelfAttention` or, with
 *   encoder_attention_type "transient-global", `TransientGlobalSelfAttention`, which adds a
 *   global_input_layer_norm in every block and, in block 0, a global_relative_attention_bias.
 * - Switch Transformers (switch-transformers.ts) with its sparse `mlp` layers.
 *
 * transformers 5 forces tie_word_embeddings True in MT5Config/UMT5Config; modelcheck follows the
 * config as written (4.x semantics), which is what the published checkpoints store.
 */

type Stack = "encoder" | "decoder";

/** What a T5 relative changes in the T5 block. */
export interface T5Layout {
  /** UMT5: every self-attention owns a relative_attention_bias, not only block 0's. */
  relativeBiasEveryLayer?: boolean;
  /** LongT5's encoder attention module name (SelfAttention for T5 and every decoder). */
  encoderAttention?: "SelfAttention" | "LocalSelfAttention" | "TransientGlobalSelfAttention";
  /**
   * The feed-forward of block i: T5's DenseReluDense (gated or not), or Switch's `mlp` module,
   * dense or a routed mixture. Returns its tensors, already named under `path` (`…layer.1`).
   */
  feedForward?: (d: RequiredDims, stack: Stack, path: string, layers: readonly number[]) => TensorTemplate[];
}

/** A T5 feed-forward: wi (or gated wi_0 + wi_1) [d_ff, d] and wo [d, d_ff], no biases. */
function t5DenseReluDense(d: RequiredDims, _stack: Stack, path: string, layers: readonly number[]): TensorTemplate[] {
  const h = d.hiddenSize;
  const ff = d.intermediateSize;
  // T5Config: act_info = feed_forward_proj.split("-"); is_gated_act = act_info[0] == "gated".
  const proj = d.model.text.string("feed_forward_proj").value ?? (d.model.layoutType === "t5" || d.model.layoutType === "longt5" ? "relu" : "gated-gelu");
  const gated = proj.split("-")[0] === "gated";
  const dense = `${path}.DenseReluDense`;
  const wi = gated ? [...linear(`${dense}.wi_0`, ff, h, false, "mlp", layers), ...linear(`${dense}.wi_1`, ff, h, false, "mlp", layers)] : linear(`${dense}.wi`, ff, h, false, "mlp", layers);
  return [...wi, ...linear(`${dense}.wo`, h, ff, false, "mlp", layers)];
}

/** One encoder or decoder stack of a T5-style model (T5Stack and its copies). */
export function t5Stack(d: RequiredDims, stack: Stack, layerCount: number, prefix: string, layout: T5Layout = {}): TensorTemplate[] {
  const t = d.model.text;
  const h = d.hiddenSize;
  const inner = d.numHeads * d.headDim;
  const buckets = t.int("relative_attention_num_buckets", 32, "count").value ?? 32;
  const layers = range(layerCount);
  const block = `${prefix}${stack}.block.{i}.layer`;
  const attention = (path: string) => ["q", "k", "v"].flatMap((n) => linear(`${path}.${n}`, inner, h, false, "attention", layers)).concat(linear(`${path}.o`, h, inner, false, "attention", layers));
  const selfName = stack === "encoder" ? (layout.encoderAttention ?? "SelfAttention") : "SelfAttention";
  const self = `${block}.0.${selfName}`;
  const ffIndex = stack === "decoder" ? 2 : 1;
  const tensors: TensorTemplate[] = [...attention(self), ...norm(`${block}.0.layer_norm`, h, false, layers)];
  if (layerCount > 0) {
    const biasLayers = layout.relativeBiasEveryLayer ? layers : range(1);
    tensors.push({ name: `${self}.relative_attention_bias.weight`, shape: [buckets, d.numHeads], role: "attention", layers: biasLayers });
    if (selfName === "TransientGlobalSelfAttention") {
      // LongT5TransientGlobalAttention: the global bias only where the local one is, the global
      // input norm in every block.
      tensors.push({ name: `${self}.global_relative_attention_bias.weight`, shape: [buckets, d.numHeads], role: "attention", layers: range(1) });
      tensors.push(...norm(`${self}.global_input_layer_norm`, h, false, layers));
    }
  }
  if (stack === "decoder") tensors.push(...attention(`${block}.1.EncDecAttention`), ...norm(`${block}.1.layer_norm`, h, false, layers));
  tensors.push(...(layout.feedForward ?? t5DenseReluDense)(d, stack, `${block}.${ffIndex}`, layers));
  tensors.push(...norm(`${block}.${ffIndex}.layer_norm`, h, false, layers), ...norm(`${prefix}${stack}.final_layer_norm`, h, false));
  return tensors;
}

/**
 * The inventory of a T5-style class. Heads: ForConditionalGeneration (shared, both stacks, lm_head
 * tied or not), Model (no head), EncoderModel (shared and the encoder), ForSequenceClassification
 * (`transformer.` T5Model + classification_head dense [d, d] and out_proj [num_labels, d], biased),
 * ForTokenClassification (`transformer.` T5EncoderModel + classifier [num_labels, d], biased),
 * ForQuestionAnswering (shared and both stacks at the top level + qa_outputs [num_labels, d], biased).
 */
export function t5Inventory(d: RequiredDims, layout: T5Layout = {}, decoderLayersDefault?: number, extra: Partial<Inventory> = {}): Inventory {
  const encoderLayers = d.numLayers;
  // T5Config: num_decoder_layers defaults to num_layers ("symmetry"); Switch's defaults to 12.
  const fallback = decoderLayersDefault ?? encoderLayers;
  const decoderLayers = d.model.text.int("num_decoder_layers", fallback, "count").value ?? fallback;
  const head = d.model.head;
  const encoderOnly = (d.model.architecture?.endsWith("EncoderModel") ?? false) || head === "token-classification";
  const prefix = head === "sequence-classification" || head === "token-classification" ? "transformer." : "";
  const h = d.hiddenSize;
  const shared = `${prefix}shared.weight`;
  const tensors: TensorTemplate[] = [{ name: shared, shape: [d.vocabSize, h], role: "embedding" }, ...t5Stack(d, "encoder", encoderLayers, prefix, layout)];
  const tied: Inventory["tied"] = [{ name: `${prefix}encoder.embed_tokens.weight`, tiedTo: shared }];
  const finish = (inv: Inventory, withDecoder: boolean): Inventory => ({ ...inv, ...extra, notes: [...inv.notes, ...(extra.notes ?? [])], encoderLayers, ...(withDecoder ? { decoderLayers } : {}) });
  if (encoderOnly) {
    if (head === "token-classification") tensors.push(...linear("classifier", numLabels(d), h, true, "other"));
    return finish(inventoryOf({ tensors, tied }, d), false);
  }
  tensors.push(...t5Stack(d, "decoder", decoderLayers, prefix, layout));
  tied.push({ name: `${prefix}decoder.embed_tokens.weight`, tiedTo: shared });
  if (head === "conditional-generation") {
    if (d.tied) tied.push({ name: "lm_head.weight", tiedTo: shared });
    else tensors.push(...linear("lm_head", d.vocabSize, h, false, "lmHead"));
  }
  if (head === "sequence-classification") tensors.push(...linear("classification_head.dense", h, h, true, "other"), ...linear("classification_head.out_proj", numLabels(d), h, true, "other"));
  if (head === "question-answering") tensors.push(...linear("qa_outputs", numLabels(d), h, true, "other"));
  return finish(inventoryOf({ tensors, tied }, d), true);
}

const T5_HEADS = ["conditional-generation", "base", "sequence-classification", "token-classification", "question-answering"] as const;

/** Defaults of the mT5/UMT5 configuration classes (configuration_mt5.py, configuration_umt5.py). */
const MT5_DEFAULTS: ModelTypeSpec["defaults"] = { vocabSize: 250112, hiddenSize: 512, headDim: 64, intermediateSize: 1024, numLayers: 8, numHeads: 6, numKvHeads: (m) => m.numHeads ?? null, maxPositions: null };

function longt5Layout(d: RequiredDims): T5Layout {
  // LongT5Config: encoder_attention_type "local" (default) or "transient-global".
  const type = d.model.text.string("encoder_attention_type").value ?? "local";
  return { encoderAttention: type === "transient-global" ? "TransientGlobalSelfAttention" : "LocalSelfAttention" };
}

export const t5Specs: ModelTypeSpec[] = [
  {
    modelType: "t5",
    family: "t5",
    kind: "encoder-decoder",
    modelingFile: "models/t5/modeling_t5.py",
    // T5EncoderModel splits as prefix "T5Encoder" + "Model".
    classPrefixes: ["T5", "T5Encoder"],
    heads: [...T5_HEADS],
    defaultHead: "conditional-generation",
    defaults: { vocabSize: 32128, hiddenSize: 512, headDim: 64, intermediateSize: 2048, numLayers: 6, numHeads: 8, numKvHeads: (m) => m.numHeads ?? null, maxPositions: null },
    tieWordEmbeddingsDefault: true,
    aliases: { headDim: ["d_kv"] },
    inventory: (d) => t5Inventory(d),
  },
  {
    modelType: "mt5",
    family: "t5",
    kind: "encoder-decoder",
    modelingFile: "models/mt5/modeling_mt5.py",
    classPrefixes: ["MT5", "MT5Encoder"],
    heads: [...T5_HEADS],
    defaultHead: "conditional-generation",
    defaults: MT5_DEFAULTS,
    // MT5Config (transformers 4.x): tie_word_embeddings=False.
    tieWordEmbeddingsDefault: false,
    aliases: { headDim: ["d_kv"] },
    inventory: (d) => t5Inventory(d),
  },
  {
    modelType: "umt5",
    family: "t5",
    kind: "encoder-decoder",
    modelingFile: "models/umt5/modeling_umt5.py",
    classPrefixes: ["UMT5", "UMT5Encoder"],
    heads: [...T5_HEADS],
    defaultHead: "conditional-generation",
    defaults: MT5_DEFAULTS,
    // UMT5Config (transformers 4.x): tie_word_embeddings=True; the google/umt5-* configs write false.
    tieWordEmbeddingsDefault: true,
    aliases: { headDim: ["d_kv"] },
    inventory: (d) => t5Inventory(d, { relativeBiasEveryLayer: true }),
  },
  {
    modelType: "longt5",
    family: "t5",
    kind: "encoder-decoder",
    modelingFile: "models/longt5/modeling_longt5.py",
    classPrefixes: ["LongT5", "LongT5Encoder"],
    heads: ["conditional-generation", "base"],
    defaultHead: "conditional-generation",
    defaults: { vocabSize: 32128, hiddenSize: 512, headDim: 64, intermediateSize: 2048, numLayers: 6, numHeads: 8, numKvHeads: (m) => m.numHeads ?? null, maxPositions: null },
    tieWordEmbeddingsDefault: true,
    aliases: { headDim: ["d_kv"] },
    inventory: (d) => t5Inventory(d, longt5Layout(d)),
  },
];
