import { SEQ2SEQ_ALIASES, decoderLayerCount, seq2seqStack, type Seq2SeqLayout } from "./bart.js";
import type { Inventory, TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * FSMT, FairSeq MachineTranslation (modeling_fsmt.py: FSMTForConditionalGeneration, FSMTModel;
 * configuration_fsmt.py). BART's post-norm layers, no layernorm_embedding, no final norm, and two
 * vocabularies: encoder.embed_tokens [src_vocab_size, d] and decoder.embed_tokens
 * [tgt_vocab_size, d]; there is no `shared`. The decoder's `output_projection` (no bias) always
 * shares the decoder's embed_tokens weight, and FSMTForConditionalGeneration adds no head of its own.
 * With `tie_word_embeddings` (written from fairseq's share_all_embeddings; false by default) the
 * decoder's embedding, and with it the output projection, is tied to the encoder's: one matrix for
 * all three (transformers PRs #26187 and #26292 made the tying follow tie_word_embeddings).
 *
 * SinusoidalPositionalEmbedding is an nn.Embedding of max_position_embeddings + pad_token_id + 1
 * rows whose weight is frozen (requires_grad False) but is a parameter: counted, though
 * FSMTForConditionalGeneration leaves it out of the checkpoint (`_keys_to_ignore_on_save`).
 */
export const FSMT_LAYOUT: Seq2SeqLayout = {
  positionRows: (max, d) => max + (d.model.root.int("pad_token_id", 1, "count", true).value ?? 1) + 1,
  layernormEmbedding: false,
  finalLayerNorm: false,
  decoderDefaults: { layers: 12, ffn: 4096 },
  maxPositionsDefault: 1024,
};

function fsmtInventory(d: RequiredDims): Inventory {
  const h = d.hiddenSize;
  const prefix = d.model.head === "base" ? "" : "model.";
  const targetVocab = d.model.root.int("tgt_vocab_size", 42024, "vocab").value ?? 42024;
  const encoderEmbed = `${prefix}encoder.embed_tokens.weight`;
  const decoderEmbed = `${prefix}decoder.embed_tokens.weight`;
  const tensors: TensorTemplate[] = [{ name: encoderEmbed, shape: [d.vocabSize, h], role: "embedding" }, ...seq2seqStack(d, "encoder", prefix, FSMT_LAYOUT)];
  const tied: Inventory["tied"] = [];
  if (d.tied) {
    tied.push({ name: decoderEmbed, tiedTo: encoderEmbed }, { name: `${prefix}decoder.output_projection.weight`, tiedTo: encoderEmbed });
  } else {
    tensors.push({ name: decoderEmbed, shape: [targetVocab, h], role: "embedding" });
    tied.push({ name: `${prefix}decoder.output_projection.weight`, tiedTo: decoderEmbed });
  }
  tensors.push(...seq2seqStack(d, "decoder", prefix, FSMT_LAYOUT));
  return { tensors, tied, expertsPerToken: null, estimated: d.model.estimateReason !== null, notes: [], encoderLayers: d.numLayers, decoderLayers: decoderLayerCount(d, FSMT_LAYOUT) };
}

export const fsmtSpecs: ModelTypeSpec[] = [
  {
    modelType: "fsmt",
    family: "fsmt",
    kind: "encoder-decoder",
    modelingFile: "models/fsmt/modeling_fsmt.py",
    classPrefixes: ["FSMT"],
    heads: ["conditional-generation", "base"],
    defaultHead: "conditional-generation",
    // configuration_fsmt.py: src/tgt vocab 42,024, d_model 1,024, 12 + 12 layers of FFN 4,096, 16 heads,
    // 1,024 positions, tie_word_embeddings false. vocabSize is the source vocabulary.
    defaults: { vocabSize: 42024, hiddenSize: 1024, numLayers: 12, numHeads: 16, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 4096, maxPositions: 1024 },
    tieWordEmbeddingsDefault: false,
    aliases: { ...SEQ2SEQ_ALIASES, vocabSize: ["src_vocab_size"] },
    inventory: fsmtInventory,
  },
];
