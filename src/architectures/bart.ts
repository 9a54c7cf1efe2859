import { numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * BART (modeling_bart.py: BartForConditionalGeneration, BartModel, BartForSequenceClassification,
 * BartForQuestionAnswering, BartForCausalLM; configuration_bart.py). `model.shared` is the token
 * embedding of both stacks (their `embed_tokens` share its weight) and of the tied LM head.
 * BartLearnedPositionalEmbedding keeps 2 rows beyond max_position_embeddings (its offset). Every
 * linear and LayerNorm has a bias. `final_logits_bias` [1, vocab] is a buffer, not a parameter,
 * though checkpoints store it.
 *
 * The stack builder below is shared by the BART family (mBART, Marian, Blenderbot, BlenderbotSmall,
 * PLBart, M2M100/NLLB, FSMT, NLLB-MoE): their layers are BART's, and they differ only in how
 * positions are embedded, in `layernorm_embedding`, and in a final `layer_norm` per stack.
 */

type Stack = "encoder" | "decoder";

/** How one family of the BART line lays out its two stacks around BART's layers. */
export interface Seq2SeqLayout {
  /**
   * Rows of each stack's `embed_positions.weight` for a given max_position_embeddings; null when the
   * positions are a sinusoid buffer (M2M100, NLLB-MoE), not a parameter. A sinusoid kept as an
   * nn.Embedding weight (Marian, FSMT) is a parameter, frozen or not, and has rows here.
   */
  positionRows: ((maxPositions: number, d: RequiredDims) => number) | null;
  /** BART, mBART, BlenderbotSmall, PLBart: a LayerNorm after the embeddings. */
  layernormEmbedding: boolean;
  /** mBART, Blenderbot, M2M100 (pre-norm layers): a LayerNorm after each stack. */
  finalLayerNorm: boolean;
  /** configuration_<type>.py defaults of the decoder's own keys. */
  decoderDefaults: { layers: number; ffn: number };
  maxPositionsDefault: number;
}

/** BartAttention and its copies: q/k/v/out projections [d, d], all biased. */
export function seq2seqAttention(path: string, h: number, layers: readonly number[]): TensorTemplate[] {
  return ["k_proj", "v_proj", "q_proj", "out_proj"].flatMap((n) => linear(`${path}.${n}`, h, h, true, "attention", layers));
}

export function decoderLayerCount(d: RequiredDims, layout: Seq2SeqLayout): number {
  const fallback = layout.decoderDefaults.layers;
  return d.model.text.int("decoder_layers", fallback, "count").value ?? fallback;
}

export function decoderFfn(d: RequiredDims, layout: Seq2SeqLayout): number {
  const fallback = layout.decoderDefaults.ffn;
  return d.model.text.int("decoder_ffn_dim", fallback, "width").value ?? fallback;
}

/** `embed_positions.weight` of one stack, when the positions are a parameter. */
export function positionTensors(d: RequiredDims, p: string, layout: Seq2SeqLayout): TensorTemplate[] {
  if (!layout.positionRows) return [];
  return [{ name: `${p}.embed_positions.weight`, shape: [layout.positionRows(d.maxPositions ?? layout.maxPositionsDefault, d), d.hiddenSize], role: "embedding" }];
}

/** One stack (encoder or decoder) without its token embedding: positions, layers, norms. */
export function seq2seqStack(d: RequiredDims, stack: Stack, prefix: string, layout: Seq2SeqLayout): TensorTemplate[] {
  const h = d.hiddenSize;
  const count = stack === "encoder" ? d.numLayers : decoderLayerCount(d, layout);
  const ffn = stack === "encoder" ? d.intermediateSize : decoderFfn(d, layout);
  const layers = range(count);
  const p = `${prefix}${stack}`;
  const l = `${p}.layers.{i}`;
  const tensors: TensorTemplate[] = [...positionTensors(d, p, layout), ...seq2seqAttention(`${l}.self_attn`, h, layers), ...norm(`${l}.self_attn_layer_norm`, h, true, layers)];
  if (stack === "decoder") tensors.push(...seq2seqAttention(`${l}.encoder_attn`, h, layers), ...norm(`${l}.encoder_attn_layer_norm`, h, true, layers));
  tensors.push(...linear(`${l}.fc1`, ffn, h, true, "mlp", layers), ...linear(`${l}.fc2`, h, ffn, true, "mlp", layers), ...norm(`${l}.final_layer_norm`, h, true, layers));
  if (layout.layernormEmbedding) tensors.push(...norm(`${p}.layernorm_embedding`, h, true));
  if (layout.finalLayerNorm) tensors.push(...norm(`${p}.layer_norm`, h, true));
  return tensors;
}

/** The heads a BART-family class may carry on top of the shared-embedding model. */
export interface Seq2SeqHeads {
  /** `<Prefix>ClassificationHead`: dense [d, d] and out_proj [num_labels, d], both biased. */
  classification?: boolean;
  /** `<Prefix>ForQuestionAnswering`: qa_outputs [2, d]. */
  questionAnswering?: boolean;
  /** Rows of the decoder's own embed_tokens in `<Prefix>ForCausalLM` (Marian's decoder_vocab_size); vocab_size when absent. */
  causalLmDecoderVocab?: (d: RequiredDims) => number;
}

/**
 * The inventory of a BART-family class whose base model holds `shared` and ties both stacks'
 * `embed_tokens` to it: the bare model, the LM head (tied to `shared` unless untied), the
 * classification and QA heads, and `<Prefix>ForCausalLM` (the decoder alone, its own embed_tokens).
 */
export function sharedEmbeddingInventory(d: RequiredDims, layout: Seq2SeqLayout, heads: Seq2SeqHeads = {}, notes: string[] = []): Inventory {
  const head = d.model.head;
  const decoderLayers = decoderLayerCount(d, layout);
  const h = d.hiddenSize;
  const estimated = d.model.estimateReason !== null;
  if (head === "causal-lm") {
    // <Prefix>ForCausalLM wraps the decoder alone (a DecoderWrapper) and its embed_tokens is its own.
    const embed = "model.decoder.embed_tokens.weight";
    const rows = heads.causalLmDecoderVocab ? heads.causalLmDecoderVocab(d) : d.vocabSize;
    const tensors: TensorTemplate[] = [{ name: embed, shape: [rows, h], role: "embedding" }, ...seq2seqStack(d, "decoder", "model.", layout)];
    const tied: Inventory["tied"] = [];
    if (d.tied) tied.push({ name: "lm_head.weight", tiedTo: embed });
    else tensors.push(...linear("lm_head", d.vocabSize, h, false, "lmHead"));
    return { tensors, tied, expertsPerToken: null, estimated, notes, decoderLayers };
  }
  const prefix = head === "base" ? "" : "model.";
  const shared = `${prefix}shared.weight`;
  const tensors: TensorTemplate[] = [{ name: shared, shape: [d.vocabSize, h], role: "embedding" }, ...seq2seqStack(d, "encoder", prefix, layout), ...seq2seqStack(d, "decoder", prefix, layout)];
  const tied: Inventory["tied"] = [
    { name: `${prefix}encoder.embed_tokens.weight`, tiedTo: shared },
    { name: `${prefix}decoder.embed_tokens.weight`, tiedTo: shared },
  ];
  if (head === "conditional-generation") {
    if (d.tied) tied.push({ name: "lm_head.weight", tiedTo: shared });
    else tensors.push(...linear("lm_head", d.vocabSize, h, false, "lmHead"));
  }
  if (head === "sequence-classification" && heads.classification) {
    tensors.push(...linear("classification_head.dense", h, h, true, "other"), ...linear("classification_head.out_proj", numLabels(d), h, true, "other"));
  }
  // <Prefix>ForQuestionAnswering sets num_labels = 2 (start and end logits).
  if (head === "question-answering" && heads.questionAnswering) tensors.push(...linear("qa_outputs", 2, h, true, "other"));
  return { tensors, tied, expertsPerToken: null, estimated, notes, encoderLayers: d.numLayers, decoderLayers };
}

/** BART: learned positions with 2 extra rows, layernorm_embedding, post-norm layers (no final norm). */
export const BART_LAYOUT: Seq2SeqLayout = {
  positionRows: (max) => max + 2,
  layernormEmbedding: true,
  finalLayerNorm: false,
  decoderDefaults: { layers: 12, ffn: 4096 },
  maxPositionsDefault: 1024,
};

/** The canonical-key spellings every BART-family config shares: the encoder's keys stand for the model's. */
export const SEQ2SEQ_ALIASES: ModelTypeSpec["aliases"] = { numLayers: ["encoder_layers"], numHeads: ["encoder_attention_heads"], intermediateSize: ["encoder_ffn_dim"] };

function bartInventory(d: RequiredDims): Inventory {
  return sharedEmbeddingInventory(d, BART_LAYOUT, { classification: true, questionAnswering: true });
}

export const bartSpecs: ModelTypeSpec[] = [
  {
    modelType: "bart",
    family: "bart",
    kind: "encoder-decoder",
    modelingFile: "models/bart/modeling_bart.py",
    classPrefixes: ["Bart"],
    heads: ["conditional-generation", "base", "sequence-classification", "question-answering", "causal-lm"],
    defaultHead: "conditional-generation",
    defaults: { vocabSize: 50265, hiddenSize: 1024, numLayers: 12, numHeads: 16, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 4096, maxPositions: 1024 },
    tieWordEmbeddingsDefault: true,
    // The encoder's keys stand for the model's; the decoder's are read by the inventory.
    aliases: SEQ2SEQ_ALIASES,
    inventory: bartInventory,
  },
];
