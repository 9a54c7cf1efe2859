import type { ConfigReader } from "../normalize/config-reader.js";
import type { NormalizedModel } from "../normalize/normalized-model.js";

/**
 * What a vision or audio encoder takes in, read from its config as the class and its processor use
 * it. Values are read raw (never through ConfigReader.int, which would report a list-valued
 * `image_size` as a type problem): these facts describe the input, they do not lint it.
 */

/** An image encoder's input at the config's resolution. */
export interface ImageInput {
  height: number;
  width: number;
  channels: number;
  patchSize: number;
  /** (height / patch) × (width / patch), floored as the convolution does. */
  patches: number;
  /** Tokens the encoder adds beside the patches (class, distillation, register, detection tokens). */
  extraTokens: number;
  /** What the extra tokens are, for reports: "1 class token". */
  extraTokensWhat: string | null;
  /** The sequence one image is to the encoder's attention: patches + extraTokens; null when its stages are not one global sequence (Swin, ConvNeXt, SAM). */
  tokens: number | null;
  /** Why `tokens` is null. */
  note: string | null;
}

/** A speech encoder's input: raw waveform through a strided convolution stack (wav2vec2 and its descendants). */
export interface AudioInput {
  /** Samples per second the checkpoints are trained on: 16 kHz for this family (the feature extractor's sampling_rate; the model config does not state it). */
  sampleRate: number;
  /** Frames the convolution stack gives for one second of audio (floor((n − kernel) / stride) + 1 per layer). */
  framesPerSecond: number;
  /** Samples between frames: the product of the strides (320 = 20 ms at 16 kHz). */
  hopSamples: number;
  /** The stack, for FLOPs: output channels, kernel and stride per layer. */
  conv: { channels: number; kernel: number; stride: number }[];
}

export const SPEECH_SAMPLE_RATE = 16_000;

/** A positive integer, or the first of a list of equal ones ([448, 448]); null otherwise. */
function size(raw: unknown): [number, number] | null {
  const ok = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n > 0 && n < 1e6;
  if (ok(raw)) return [raw, raw];
  if (Array.isArray(raw) && raw.length === 2 && ok(raw[0]) && ok(raw[1])) return [raw[0], raw[1]];
  if (raw && typeof raw === "object" && ok((raw as Record<string, unknown>).height) && ok((raw as Record<string, unknown>).width)) {
    const r = raw as { height: number; width: number };
    return [r.height, r.width];
  }
  return null;
}

function rawInt(c: ConfigReader, key: string, fallback: number): number {
  const v = c.value(key);
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v < 1e6 ? v : fallback;
}

/** Extra tokens beside the patches, per model type (the embeddings module of each modeling file). */
const EXTRA_TOKENS: Readonly<Record<string, (c: ConfigReader) => [number, string | null]>> = {
  vit: () => [1, "1 class token"],
  beit: () => [1, "1 class token"],
  dinov2: () => [1, "1 class token"],
  clip_vision_model: () => [1, "1 class token"],
  owlvit_vision_model: () => [1, "1 class token"],
  owlv2_vision_model: () => [1, "1 class token"],
  siglip_vision_model: () => [0, null],
  deit: () => [2, "a class and a distillation token"],
  dinov2_with_registers: (c) => registers(c, 4),
  dinov3_vit: (c) => registers(c, 4),
  yolos: (c) => {
    const n = rawInt(c, "num_detection_tokens", 100);
    return [1 + n, `1 class token and ${n} detection tokens`];
  },
};

function registers(c: ConfigReader, fallback: number): [number, string] {
  const n = rawInt(c, "num_register_tokens", fallback);
  return [1 + n, `1 class token and ${n} register tokens`];
}

/** Defaults of image_size / patch_size where the config class has them and a config may omit them. */
const IMAGE_DEFAULTS: Readonly<Record<string, [number, number]>> = {
  vit: [224, 16], deit: [224, 16], beit: [224, 16], dinov2: [518, 14], dinov2_with_registers: [518, 14], dinov3_vit: [224, 16],
  yolos: [800, 16], clip_vision_model: [224, 32], siglip_vision_model: [224, 16], owlvit_vision_model: [768, 32], owlv2_vision_model: [960, 16],
};

/** The tower config and the type whose embeddings it follows, for dual-tower and detection models. */
function visionTower(model: NormalizedModel): { config: ConfigReader; type: string } | null {
  const type = model.modelType ?? "";
  const child = model.root.child("vision_config");
  if (type === "clip" || type === "clip_vision_model") return { config: child ?? model.root, type: "clip_vision_model" };
  if (type === "siglip" || type === "siglip_vision_model") return { config: child ?? model.root, type: "siglip_vision_model" };
  if (type === "owlvit" || type === "owlv2") return child ? { config: child, type: `${type}_vision_model` } : null;
  return { config: model.root, type };
}

/** The input of a vision encoder; null when its config states no resolution the model's class uses. */
export function imageInput(model: NormalizedModel): ImageInput | null {
  const tower = visionTower(model);
  if (!tower) return null;
  const { config, type } = tower;
  // Own keys only: a model_type of "valueOf" must not find Object.prototype's member.
  const defaults = Object.hasOwn(IMAGE_DEFAULTS, type) ? IMAGE_DEFAULTS[type] : undefined;
  const image = size(config.value("image_size")) ?? (defaults ? [defaults[0], defaults[0]] : null);
  const patch = size(config.value("patch_size")) ?? (defaults ? [defaults[1], defaults[1]] : null);
  if (!image) return null;
  const channels = rawInt(config, "num_channels", 3) || 3;
  const [height, width] = image;
  const extra = Object.hasOwn(EXTRA_TOKENS, type) ? EXTRA_TOKENS[type] : undefined;
  if (!patch || !extra) {
    return { height, width, channels, patchSize: patch?.[0] ?? 0, patches: 0, extraTokens: 0, extraTokensWhat: null, tokens: null, note: "its stages downsample the image (convolutions or windowed attention), so there is no single token sequence" };
  }
  const patches = Math.floor(height / patch[0]) * Math.floor(width / patch[1]);
  const [extraTokens, extraTokensWhat] = extra(config);
  return { height, width, channels, patchSize: patch[0], patches, extraTokens, extraTokensWhat, tokens: patches + extraTokens, note: null };
}

/** Audio types whose input is a raw waveform through wav2vec2's feature encoder (conv_dim / conv_kernel / conv_stride). */
const WAVEFORM_TYPES = new Set(["wav2vec2", "hubert", "wavlm", "data2vec-audio", "unispeech-sat", "unispeech", "wav2vec2-conformer", "sew", "sew-d"]);

function rawIntList(c: ConfigReader, key: string, fallback: number[]): number[] {
  const v = c.value(key);
  return Array.isArray(v) && v.length > 0 && v.every((n) => typeof n === "number" && Number.isInteger(n) && n > 0) ? (v as number[]) : fallback;
}

/** The waveform input of a speech encoder; null for audio models fed spectrogram features (wav2vec2-bert, CLAP, Whisper). */
export function audioInput(model: NormalizedModel): AudioInput | null {
  if (!WAVEFORM_TYPES.has(model.modelType ?? "")) return null;
  const c = model.root;
  // Wav2Vec2Config's defaults: seven layers of 512 channels, kernels 10,3,3,3,3,2,2, strides 5,2,2,2,2,2,2.
  const dims = rawIntList(c, "conv_dim", [512, 512, 512, 512, 512, 512, 512]);
  const kernels = rawIntList(c, "conv_kernel", [10, 3, 3, 3, 3, 2, 2]);
  const strides = rawIntList(c, "conv_stride", [5, 2, 2, 2, 2, 2, 2]);
  if (dims.length !== kernels.length || dims.length !== strides.length) return null;
  let frames = SPEECH_SAMPLE_RATE;
  for (let i = 0; i < dims.length; i++) frames = Math.floor((frames - kernels[i]!) / strides[i]!) + 1;
  return {
    sampleRate: SPEECH_SAMPLE_RATE,
    framesPerSecond: frames,
    hopSamples: strides.reduce((a, b) => a * b, 1),
    conv: dims.map((channels, i) => ({ channels, kernel: kernels[i]!, stride: strides[i]! })),
  };
}
