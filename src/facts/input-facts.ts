import { audioInput, imageInput, type AudioInput, type ImageInput } from "../architectures/input-shape.js";
import { imageTokens, type ImageTokens } from "../architectures/image-tokens.js";
import { elementCount, templateRepeat, type Inventory, type TensorTemplate } from "../architectures/inventory.js";
import type { ModelKind } from "../architectures/model-type-spec.js";
import type { NormalizedModel } from "../normalize/normalized-model.js";

/**
 * What a vision, audio or vision-language model takes in, and the compute of one input. FLOPs count
 * 2 per multiply-add, as the token FLOPs do; `macs` is the multiply-adds themselves, the figure
 * vision papers and timm quote as "GFLOPs"/"GMACs" (ViT-B/16 at 224²: 17.6 GMACs).
 */
export interface InputFacts {
  image: ImageInput | null;
  audio: AudioInput | null;
  /** A vision-language model: the tokens one image adds to the language model's context. */
  imageTokens: ImageTokens | null;
  /** One image at image.height × image.width, or one second of audio; null when not derived (hierarchical vision stages, dynamic resolution). */
  compute: InputCompute | null;
}

export interface InputCompute {
  per: "image" | "second of audio";
  macs: number;
  flops: number;
  /** The attention-score share of macs (QKᵀ and the weighted sum of V: 2 × tokens² × attention width per layer). */
  attentionMacs: number;
  /** Tokens the encoder's layers run over for that input. */
  tokens: number;
}

/** Input facts for the kinds that take images or audio; null for text models. */
export function inputFacts(model: NormalizedModel, inventory: Inventory | null, kind: ModelKind | null): InputFacts | null {
  if (kind === "vision") {
    const image = imageInput(model);
    if (!image) return null;
    const compute = image.tokens && inventory ? encoderCompute(towerTensors(inventory, model), image.tokens, image.patches, "image") : null;
    return { image, audio: null, imageTokens: null, compute };
  }
  if (kind === "audio") {
    const audio = audioInput(model);
    if (!audio) return null;
    const compute = inventory ? audioCompute(inventory.tensors, audio) : null;
    return { image: null, audio, imageTokens: null, compute };
  }
  if (kind === "vision-language") {
    const tokens = imageTokens(model);
    return tokens ? { image: null, audio: null, imageTokens: tokens, compute: null } : null;
  }
  return null;
}

/** A dual-tower model (CLIP, SigLIP, OWL-ViT) runs its vision tower on an image; one tower alone runs everything. */
function towerTensors(inventory: Inventory, model: NormalizedModel): TensorTemplate[] {
  if (!model.root.has("vision_config")) return inventory.tensors;
  return inventory.tensors.filter((t) => /(^|\.)vision_model\.|^visual_projection\.|^vision_tower\./.test(t.name));
}

/**
 * Multiply-adds of an encoder over one input of `tokens` positions:
 * - every weight of ≥ 2 dimensions inside the layer stack, once per token (a linear layer, a
 *   1-D convolution's kernel applied at each frame);
 * - the patch embedding (a 4-D convolution whose stride is its kernel), once per patch;
 * - weights outside the stack (pooler, classifier, projection), once: they read one pooled vector;
 * - attention scores: 2 × tokens² × attention width per layer.
 * Biases, norms and embedding tables are not multiply-adds.
 */
function encoderCompute(tensors: TensorTemplate[], tokens: number, patches: number, per: InputCompute["per"]): InputCompute {
  let macs = 0;
  for (const t of tensors) {
    if (t.shape.length < 2 || t.role === "norm" || /weight_g$/.test(t.name)) continue;
    const n = elementCount(t.shape) * templateRepeat(t);
    if (t.shape.length === 4) macs += n * patches;
    else if (t.layers) macs += n * tokens;
    else if (t.role !== "embedding") macs += n;
  }
  const attentionMacs = attentionScoreMacs(tensors, tokens);
  macs += attentionMacs;
  return { per, macs, flops: 2 * macs, attentionMacs, tokens };
}

/** The waveform encoder: each convolution at its own output length, then the transformer over the frames. */
function audioCompute(tensors: TensorTemplate[], audio: AudioInput): InputCompute {
  let macs = 0;
  let length = audio.sampleRate;
  let inChannels = 1;
  for (const layer of audio.conv) {
    length = Math.floor((length - layer.kernel) / layer.stride) + 1;
    macs += length * layer.channels * inChannels * layer.kernel;
    inChannels = layer.channels;
  }
  const frames = audio.framesPerSecond;
  for (const t of tensors) {
    if (t.shape.length < 2 || t.role === "norm" || /weight_g$/.test(t.name) || /feature_extractor\.|conv_layers\./.test(t.name)) continue;
    // Every weight after the convolutions runs once per frame: projections, the positional convolution, the layers, a CTC head.
    macs += elementCount(t.shape) * templateRepeat(t) * frames;
  }
  const attentionMacs = attentionScoreMacs(tensors, frames);
  macs += attentionMacs;
  return { per: "second of audio", macs, flops: 2 * macs, attentionMacs, tokens: frames };
}

/** 2 × tokens² × (query width) per attention layer; the width is the query projection's output. */
function attentionScoreMacs(tensors: TensorTemplate[], tokens: number): number {
  let macs = 0;
  for (const t of tensors) {
    if (!t.layers || t.shape.length !== 2 || !/(^|\.)(query|q_proj|q|linear_q)\.weight$/.test(t.name)) continue;
    macs += 2 * tokens * tokens * t.shape[0]! * t.layers.length;
  }
  if (macs === 0) {
    // Fused projections (qkv in one matrix): a third of the output is the queries.
    for (const t of tensors) {
      if (!t.layers || t.shape.length !== 2 || !/(qkv|in_proj)(_weight|\.weight)$/.test(t.name)) continue;
      macs += 2 * tokens * tokens * (t.shape[0]! / 3) * t.layers.length;
    }
  }
  return macs;
}
