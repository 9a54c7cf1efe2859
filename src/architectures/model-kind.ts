import type { NormalizedModel } from "../normalize/normalized-model.js";
import type { ModelKind, ModelTypeSpec } from "./model-type-spec.js";

/** Families written before specs stated their kind. */
const FAMILY_KINDS: Readonly<Record<string, ModelKind>> = {
  bert: "encoder",
  distilbert: "encoder",
  t5: "encoder-decoder",
  bart: "encoder-decoder",
  whisper: "encoder-decoder",
  jamba: "hybrid",
};

/** What a registered model type is: its spec's `kind`, else what its family and flags say. */
export function kindOf(spec: ModelTypeSpec): ModelKind {
  if (spec.kind) return spec.kind;
  if (spec.attentionFree) return "state-space";
  if (spec.textModelType) return "vision-language";
  return FAMILY_KINDS[spec.family] ?? "decoder";
}

/** Kinds that generate token by token and so keep a KV cache (or an SSM state) while they do. */
export function generates(kind: ModelKind): boolean {
  return kind === "decoder" || kind === "encoder-decoder" || kind === "vision-language" || kind === "state-space" || kind === "hybrid";
}

const ENCODER_HEADS = new Set<string>(["masked-lm", "token-classification", "question-answering", "multiple-choice"]);
const VISION_HEADS = new Set<string>(["image-classification", "masked-image-modeling", "object-detection", "semantic-segmentation", "depth-estimation", "mask-generation", "backbone"]);
const AUDIO_HEADS = new Set<string>(["ctc", "audio-classification", "audio-frame-classification", "x-vector"]);

/**
 * What a model of an unknown type most likely is, from the config's own hints: `is_encoder_decoder`,
 * a vision or audio tower beside a language model, the class's head suffix. A decoder otherwise.
 */
export function guessModelKind(model: NormalizedModel): ModelKind {
  const root = model.root;
  if (root.value("is_encoder_decoder") === true) return "encoder-decoder";
  if (root.has("vision_config") && (root.has("text_config") || model.head === "conditional-generation" || model.head === "image-text-to-text")) return "vision-language";
  if (ENCODER_HEADS.has(model.head)) return "encoder";
  if (VISION_HEADS.has(model.head)) return "vision";
  if (AUDIO_HEADS.has(model.head)) return "audio";
  return "decoder";
}
