import { linear, norm, range, type Inventory, type Role, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * Whisper (modeling_whisper.py: WhisperForConditionalGeneration, WhisperModel;
 * configuration_whisper.py). The audio encoder reads log-mel frames through two biased Conv1d
 * (kernel 3) and adds `embed_positions` [max_source_positions, d]: a sinusoid frozen with
 * requires_grad_(False), but an nn.Embedding parameter all the same, counted and stored. The text
 * decoder has its own token and learned position embeddings and cross-attention. In every
 * WhisperAttention k_proj has no bias. proj_out is tied to the decoder's embed_tokens.
 */

function attention(path: string, h: number, layers: readonly number[], role: Role): TensorTemplate[] {
  return [
    ...linear(`${path}.k_proj`, h, h, false, role, layers),
    ...linear(`${path}.v_proj`, h, h, true, role, layers),
    ...linear(`${path}.q_proj`, h, h, true, role, layers),
    ...linear(`${path}.out_proj`, h, h, true, role, layers),
  ];
}

function withComponent(tensors: TensorTemplate[], component: string): TensorTemplate[] {
  return tensors.map((t) => ({ ...t, component }));
}

function encoder(d: RequiredDims, prefix: string): TensorTemplate[] {
  const t = d.model.text;
  const h = d.hiddenSize;
  const mels = t.int("num_mel_bins", 80, "width").value ?? 80;
  const sourcePositions = t.int("max_source_positions", 1500, "positions").value ?? 1500;
  const layers = range(d.numLayers);
  const p = `${prefix}encoder`;
  const l = `${p}.layers.{i}`;
  return withComponent(
    [
      { name: `${p}.conv1.weight`, shape: [h, mels, 3], role: "audio" },
      { name: `${p}.conv1.bias`, shape: [h], role: "audio" },
      { name: `${p}.conv2.weight`, shape: [h, h, 3], role: "audio" },
      { name: `${p}.conv2.bias`, shape: [h], role: "audio" },
      { name: `${p}.embed_positions.weight`, shape: [sourcePositions, h], role: "audio" },
      ...attention(`${l}.self_attn`, h, layers, "audio"),
      ...norm(`${l}.self_attn_layer_norm`, h, true, layers, "audio"),
      ...linear(`${l}.fc1`, d.intermediateSize, h, true, "audio", layers),
      ...linear(`${l}.fc2`, h, d.intermediateSize, true, "audio", layers),
      ...norm(`${l}.final_layer_norm`, h, true, layers, "audio"),
      ...norm(`${p}.layer_norm`, h, true, undefined, "audio"),
    ],
    "audioEncoder",
  );
}

function decoder(d: RequiredDims, prefix: string, layerCount: number): TensorTemplate[] {
  const t = d.model.text;
  const h = d.hiddenSize;
  const ffn = t.int("decoder_ffn_dim", 1536, "width").value ?? 1536;
  const layers = range(layerCount);
  const p = `${prefix}decoder`;
  const l = `${p}.layers.{i}`;
  return withComponent(
    [
      { name: `${p}.embed_tokens.weight`, shape: [d.vocabSize, h], role: "embedding" },
      { name: `${p}.embed_positions.weight`, shape: [d.maxPositions ?? 448, h], role: "embedding" },
      ...attention(`${l}.self_attn`, h, layers, "attention"),
      ...norm(`${l}.self_attn_layer_norm`, h, true, layers),
      ...attention(`${l}.encoder_attn`, h, layers, "attention"),
      ...norm(`${l}.encoder_attn_layer_norm`, h, true, layers),
      ...linear(`${l}.fc1`, ffn, h, true, "mlp", layers),
      ...linear(`${l}.fc2`, h, ffn, true, "mlp", layers),
      ...norm(`${l}.final_layer_norm`, h, true, layers),
      ...norm(`${p}.layer_norm`, h, true),
    ],
    "languageModel",
  );
}

function whisperInventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const prefix = head === "base" ? "" : "model.";
  const decoderLayers = d.model.text.int("decoder_layers", 4, "count").value ?? 4;
  const tensors = [...encoder(d, prefix), ...decoder(d, prefix, decoderLayers)];
  const tied: Inventory["tied"] = [];
  if (head === "conditional-generation") {
    if (d.tied) tied.push({ name: "proj_out.weight", tiedTo: `${prefix}decoder.embed_tokens.weight` });
    else tensors.push(...withComponent(linear("proj_out", d.vocabSize, d.hiddenSize, false, "lmHead"), "languageModel"));
  }
  return { tensors, tied, expertsPerToken: null, estimated: d.model.estimateReason !== null, notes: [], encoderLayers: d.numLayers, decoderLayers };
}

export const whisperSpecs: ModelTypeSpec[] = [
  {
    modelType: "whisper",
    family: "whisper",
    kind: "encoder-decoder",
    modelingFile: "models/whisper/modeling_whisper.py",
    classPrefixes: ["Whisper"],
    heads: ["conditional-generation", "base"],
    defaultHead: "conditional-generation",
    // configuration_whisper.py (whisper-tiny's shape). maxPositions is the decoder's text context.
    defaults: { vocabSize: 51865, hiddenSize: 384, numLayers: 4, numHeads: 6, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 1536, maxPositions: 448 },
    tieWordEmbeddingsDefault: true,
    aliases: { numLayers: ["encoder_layers"], numHeads: ["encoder_attention_heads"], intermediateSize: ["encoder_ffn_dim"], maxPositions: ["max_target_positions"] },
    inventory: whisperInventory,
  },
];
