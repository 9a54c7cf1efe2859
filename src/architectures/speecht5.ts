import { inventoryOf } from "./decoder.js";
import { linear, norm, range, type Inventory, type Role, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * SpeechT5 (modeling_speecht5.py, configuration_speecht5.py), modelled for SpeechT5ForTextToSpeech
 * (microsoft/speecht5_tts) and the bare SpeechT5Model.
 *
 * - Encoder (`speecht5.encoder`): with the text pre-net, `prenet.embed_tokens` [vocab, hidden] and
 *   `prenet.encode_positions.alpha` (SpeechT5ScaledPositionalEncoding: a scalar parameter; its
 *   sinusoid table is a buffer); `wrapped_encoder.layer_norm`, post-LN layers (biased k/v/q/out
 *   `attention`, `layer_norm`, feed_forward intermediate_dense/output_dense, `final_layer_norm`) and
 *   `wrapped_encoder.embed_positions.pe_k` Embedding(2 · encoder_max_relative_position, head_dim).
 * - Decoder (`speecht5.decoder`): with the speech pre-net, `prenet.layers.{j}` Linear(num_mel_bins
 *   → units → units), `prenet.final_layer` [hidden, units], `prenet.encode_positions.alpha` and
 *   `prenet.speaker_embeds_layer` [hidden, speaker_embedding_dim + hidden]; `wrapped_decoder.layers`
 *   with self_attn, encoder_attn, their LayerNorms, feed_forward and final_layer_norm; no final
 *   decoder LayerNorm.
 * - `speech_decoder_postnet`: feat_out [num_mel_bins · reduction_factor, hidden], prob_out
 *   [reduction_factor, hidden], and speech_decoder_postnet_layers bias-free Conv1d
 *   (mel → units → … → mel, kernel speech_decoder_postnet_kernel) each with a BatchNorm1d.
 *
 * SpeechT5Model alone has no pre-nets (SpeechT5EncoderWithoutPrenet / DecoderWithoutPrenet:
 * `encoder.wrapped_encoder.*`, `decoder.wrapped_decoder.*`). The speech-to-text and speech-to-speech
 * classes (speech encoder pre-net with a conv feature encoder, text decoder with its sinusoidal
 * table kept as an nn.Parameter) are not modelled.
 */

function attention(p: string, h: number, layers: readonly number[], role: Role): TensorTemplate[] {
  return ["k_proj", "v_proj", "q_proj", "out_proj"].flatMap((n) => linear(`${p}.${n}`, h, h, true, role, layers));
}

function tag(tensors: TensorTemplate[], component: string): TensorTemplate[] {
  return tensors.map((t) => ({ ...t, component }));
}

function speechT5Inventory(d: RequiredDims): Inventory {
  const r = d.model.root;
  const head = d.model.head;
  const int = (key: string, fallback: number, kind: "width" | "count" | "vocab" | "positions" = "width") => r.int(key, fallback, kind).value ?? fallback;
  const h = d.hiddenSize;
  const tts = head === "text-to-speech";
  const p = tts ? "speecht5." : "";
  const encLayers = range(d.numLayers);
  const decoderLayers = int("decoder_layers", 6, "count");
  const decLayers = range(decoderLayers);
  const decoderFfn = int("decoder_ffn_dim", 3072);
  const heads = d.numHeads;
  const maxRelative = int("encoder_max_relative_position", 160, "positions");
  const mels = int("num_mel_bins", 80);

  const e = `${p}encoder.wrapped_encoder`;
  const el = `${e}.layers.{i}`;
  const encoder: TensorTemplate[] = [
    ...norm(`${e}.layer_norm`, h, true),
    ...attention(`${el}.attention`, h, encLayers, "attention"),
    ...norm(`${el}.layer_norm`, h, true, encLayers),
    ...linear(`${el}.feed_forward.intermediate_dense`, d.intermediateSize, h, true, "mlp", encLayers),
    ...linear(`${el}.feed_forward.output_dense`, h, d.intermediateSize, true, "mlp", encLayers),
    ...norm(`${el}.final_layer_norm`, h, true, encLayers),
    { name: `${e}.embed_positions.pe_k.weight`, shape: [2 * maxRelative, Math.floor(h / heads)], role: "attention" },
  ];
  const dd = `${p}decoder.wrapped_decoder`;
  const dl = `${dd}.layers.{i}`;
  const decoder: TensorTemplate[] = [
    ...attention(`${dl}.self_attn`, h, decLayers, "attention"),
    ...norm(`${dl}.self_attn_layer_norm`, h, true, decLayers),
    ...attention(`${dl}.encoder_attn`, h, decLayers, "attention"),
    ...norm(`${dl}.encoder_attn_layer_norm`, h, true, decLayers),
    ...linear(`${dl}.feed_forward.intermediate_dense`, decoderFfn, h, true, "mlp", decLayers),
    ...linear(`${dl}.feed_forward.output_dense`, h, decoderFfn, true, "mlp", decLayers),
    ...norm(`${dl}.final_layer_norm`, h, true, decLayers),
  ];
  const tensors: TensorTemplate[] = [];
  if (tts) {
    const units = int("speech_decoder_prenet_units", 256);
    const prenetLayers = int("speech_decoder_prenet_layers", 2, "count");
    const speaker = int("speaker_embedding_dim", 512);
    const postUnits = int("speech_decoder_postnet_units", 256);
    const postLayers = int("speech_decoder_postnet_layers", 5, "count");
    const kernel = int("speech_decoder_postnet_kernel", 5);
    const reduction = int("reduction_factor", 2, "count");
    tensors.push(
      ...tag([{ name: "speecht5.encoder.prenet.embed_tokens.weight", shape: [d.vocabSize, h], role: "embedding" }, { name: "speecht5.encoder.prenet.encode_positions.alpha", shape: [], role: "embedding" }, ...encoder], "encoder"),
    );
    const prenet: TensorTemplate[] = [];
    for (let j = 0; j < prenetLayers; j++) prenet.push(...linear(`speecht5.decoder.prenet.layers.${j}`, units, j === 0 ? mels : units, true, "audio"));
    prenet.push(
      ...linear("speecht5.decoder.prenet.final_layer", h, units, true, "audio"),
      { name: "speecht5.decoder.prenet.encode_positions.alpha", shape: [], role: "audio" },
      ...linear("speecht5.decoder.prenet.speaker_embeds_layer", h, speaker + h, true, "audio"),
    );
    tensors.push(...tag([...prenet, ...decoder], "decoder"));
    const post: TensorTemplate[] = [...linear("speech_decoder_postnet.feat_out", mels * reduction, h, true, "audio"), ...linear("speech_decoder_postnet.prob_out", reduction, h, true, "audio")];
    for (let j = 0; j < postLayers; j++) {
      const inC = j === 0 ? mels : postUnits;
      const outC = j === postLayers - 1 ? mels : postUnits;
      post.push({ name: `speech_decoder_postnet.layers.${j}.conv.weight`, shape: [outC, inC, kernel], role: "audio" }, ...norm(`speech_decoder_postnet.layers.${j}.batch_norm`, outC, true, undefined, "audio"));
    }
    tensors.push(...tag(post, "postnet"));
  } else tensors.push(...tag(encoder, "encoder"), ...tag(decoder, "decoder"));
  return { ...inventoryOf({ tensors }, d), encoderLayers: d.numLayers, decoderLayers };
}

export const speechT5Specs: ModelTypeSpec[] = [
  {
    modelType: "speecht5",
    family: "speecht5",
    kind: "audio",
    modelingFile: "models/speecht5/modeling_speecht5.py",
    // The text pre-net reads vocab_size itself (SpeechT5Model has no embeddings).
    requires: ["hiddenSize", "numLayers", "numHeads", "intermediateSize"],
    classPrefixes: ["SpeechT5"],
    heads: ["text-to-speech", "base"],
    defaultHead: "text-to-speech",
    // configuration_speecht5.py (speecht5_tts's shape).
    defaults: { vocabSize: 81, hiddenSize: 768, numLayers: 12, numHeads: 12, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 3072 },
    tieWordEmbeddingsDefault: false,
    aliases: { numLayers: ["encoder_layers"], numHeads: ["encoder_attention_heads"], intermediateSize: ["encoder_ffn_dim"] },
    inventory: speechT5Inventory,
  },
];
