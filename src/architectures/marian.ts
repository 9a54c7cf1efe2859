import { SEQ2SEQ_ALIASES, decoderLayerCount, seq2seqStack, sharedEmbeddingInventory, type Seq2SeqLayout } from "./bart.js";
import { linear, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * Marian (modeling_marian.py: MarianMTModel, MarianModel, MarianForCausalLM; configuration_marian.py).
 * BART's post-norm layers with neither `layernorm_embedding` nor a final norm.
 * MarianSinusoidalPositionalEmbedding is an nn.Embedding whose weight is replaced by a frozen
 * nn.Parameter (requires_grad False): a parameter all the same, [max_position_embeddings, d] in
 * each stack (no offset), counted by num_parameters(), though MarianMTModel leaves both out of the
 * checkpoint (`_keys_to_ignore_on_save`). `final_logits_bias` [1, target vocab] is a buffer.
 *
 * With `share_encoder_decoder_embeddings` (the default) `model.shared` [vocab, d] is both stacks'
 * embed_tokens and the tied lm_head. Without it there is no `shared`: the encoder and decoder each
 * get their own deep copy of a [vocab_size, d] embedding, and lm_head is [decoder_vocab_size, d],
 * tied to the decoder's embed_tokens unless `tie_word_embeddings` is false.
 */
export const MARIAN_LAYOUT: Seq2SeqLayout = {
  positionRows: (max) => max,
  layernormEmbedding: false,
  finalLayerNorm: false,
  decoderDefaults: { layers: 12, ffn: 4096 },
  maxPositionsDefault: 1024,
};

/** `decoder_vocab_size`, which defaults to vocab_size (configuration_marian.py). */
function decoderVocab(d: RequiredDims): number {
  return d.model.root.int("decoder_vocab_size", d.vocabSize, "vocab").value ?? d.vocabSize;
}

function marianInventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const shared = d.model.root.bool("share_encoder_decoder_embeddings", true).value;
  if (head === "causal-lm" || shared) {
    // With shared embeddings the LM head's target vocabulary is vocab_size, the rows of `shared`.
    return sharedEmbeddingInventory(d, MARIAN_LAYOUT, { causalLmDecoderVocab: decoderVocab });
  }
  const h = d.hiddenSize;
  const prefix = head === "base" ? "" : "model.";
  const decoderEmbed = `${prefix}decoder.embed_tokens.weight`;
  const tensors: TensorTemplate[] = [
    { name: `${prefix}encoder.embed_tokens.weight`, shape: [d.vocabSize, h], role: "embedding" },
    ...seq2seqStack(d, "encoder", prefix, MARIAN_LAYOUT),
    // A deep copy of the [vocab_size, d] embedding, not decoder_vocab_size rows (MarianModel.__init__).
    { name: decoderEmbed, shape: [d.vocabSize, h], role: "embedding" },
    ...seq2seqStack(d, "decoder", prefix, MARIAN_LAYOUT),
  ];
  const tied: Inventory["tied"] = [];
  if (head === "conditional-generation") {
    if (d.tied) tied.push({ name: "lm_head.weight", tiedTo: decoderEmbed });
    else tensors.push(...linear("lm_head", decoderVocab(d), h, false, "lmHead"));
  }
  return {
    tensors,
    tied,
    expertsPerToken: null,
    estimated: d.model.estimateReason !== null,
    notes: ["encoder and decoder embeddings not shared (share_encoder_decoder_embeddings false)"],
    encoderLayers: d.numLayers,
    decoderLayers: decoderLayerCount(d, MARIAN_LAYOUT),
  };
}

export const marianSpecs: ModelTypeSpec[] = [
  {
    modelType: "marian",
    family: "marian",
    kind: "encoder-decoder",
    modelingFile: "models/marian/modeling_marian.py",
    // MarianMTModel is mapped to the conditional-generation head in class-name.ts.
    classPrefixes: ["Marian"],
    heads: ["conditional-generation", "base", "causal-lm"],
    defaultHead: "conditional-generation",
    // configuration_marian.py: vocab 58,101, d_model 1,024, 12 + 12 layers of FFN 4,096, 16 heads, 1,024 positions.
    defaults: { vocabSize: 58101, hiddenSize: 1024, numLayers: 12, numHeads: 16, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 4096, maxPositions: 1024 },
    tieWordEmbeddingsDefault: true,
    aliases: SEQ2SEQ_ALIASES,
    inventory: marianInventory,
  },
];
