import type { ConfigReader } from "../normalize/config-reader.js";
import { range, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";
import { SPEECH_DEFAULTS, SPEECH_HEADS, SPEECH_REQUIRES, speechInventory } from "./wav2vec2.js";

/**
 * Data2VecAudio (modeling_data2vec_audio.py, configuration_data2vec_audio.py): wav2vec2's layout
 * (wav2vec2.ts) under `data2vec_audio.`, except that every conv layer of the feature encoder has a
 * LayerNorm (Data2VecAudioConvLayer, whatever feat_extract_norm says; bias with conv_bias, default
 * false), and the positional embedding is a stack of `num_conv_pos_embeddings` (default 5) plain
 * grouped Conv1d(hidden, hidden, conv_pos_kernel_size = 19, groups 16) with bias, each followed by
 * a LayerNorm without affine parameters: `encoder.pos_conv_embed.layers.{j}.conv.weight/bias`, no
 * weight norm. The encoder is always post-LN. Data2VecAudioModel supports add_adapter.
 */

function convPositionalStack(encoder: string, r: ConfigReader, hidden: number): TensorTemplate[] {
  const n = r.int("num_conv_pos_embeddings", 5, "count").value ?? 5;
  const k = r.int("conv_pos_kernel_size", 19, "width").value ?? 19;
  const groups = r.int("num_conv_pos_embedding_groups", 16, "count").value ?? 16;
  // Spelled out, not templated: `layers` on a template means the transformer stack.
  return range(n).flatMap((j): TensorTemplate[] => [
    { name: `${encoder}.pos_conv_embed.layers.${j}.conv.weight`, shape: [hidden, Math.floor(hidden / groups), k], role: "audio" },
    { name: `${encoder}.pos_conv_embed.layers.${j}.conv.bias`, shape: [hidden], role: "audio" },
  ]);
}

export const data2vecAudioSpecs: ModelTypeSpec[] = [
  {
    modelType: "data2vec-audio",
    family: "data2vec-audio",
    kind: "audio",
    modelingFile: "models/data2vec/modeling_data2vec_audio.py",
    requires: SPEECH_REQUIRES,
    classPrefixes: ["Data2VecAudio"],
    heads: [...SPEECH_HEADS],
    defaultHead: "base",
    defaults: SPEECH_DEFAULTS,
    tieWordEmbeddingsDefault: false,
    inventory: speechInventory({ base: "data2vec_audio", adapter: true, stable: false, positional: convPositionalStack, forceLayerNormConv: true }),
  },
];
