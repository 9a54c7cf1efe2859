import { linear, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { SPEECH_DEFAULTS, SPEECH_HEADS, SPEECH_REQUIRES, speechInventory } from "./wav2vec2.js";

/**
 * WavLM (modeling_wavlm.py, configuration_wavlm.py): wav2vec2's layout (wav2vec2.ts) under
 * `wavlm.`, whose WavLMAttention adds a gated relative position bias in every layer:
 * `gru_rel_pos_const` [1, heads, 1, 1] and `gru_rel_pos_linear` Linear(head_dim, 8) with bias;
 * layer 0 alone (has_relative_position_bias = i == 0) holds `rel_attn_embed`, an
 * Embedding(num_buckets = 320, heads). The pre-LN (do_stable_layer_norm) layers have no MMS
 * attention adapter. WavLMModel supports add_adapter. Heads: Model, ForCTC,
 * ForSequenceClassification, ForAudioFrameClassification, ForXVector.
 */

function gatedRelativeBias(l: string, d: RequiredDims, layers: readonly number[]): TensorTemplate[] {
  const heads = d.numHeads;
  const headDim = Math.floor(d.hiddenSize / heads);
  const buckets = d.model.root.int("num_buckets", 320, "count").value ?? 320;
  const out: TensorTemplate[] = [
    { name: `${l}.attention.gru_rel_pos_const`, shape: [1, heads, 1, 1], role: "attention", layers },
    ...linear(`${l}.attention.gru_rel_pos_linear`, 8, headDim, true, "attention", layers),
  ];
  if (layers.length > 0) out.push({ name: l.replace("{i}", "0") + ".attention.rel_attn_embed.weight", shape: [buckets, heads], role: "attention" });
  return out;
}

export const wavlmSpecs: ModelTypeSpec[] = [
  {
    modelType: "wavlm",
    family: "wavlm",
    kind: "audio",
    modelingFile: "models/wavlm/modeling_wavlm.py",
    requires: SPEECH_REQUIRES,
    classPrefixes: ["WavLM"],
    heads: [...SPEECH_HEADS],
    defaultHead: "base",
    defaults: SPEECH_DEFAULTS,
    tieWordEmbeddingsDefault: false,
    inventory: speechInventory({ base: "wavlm", adapter: true, stable: false, attentionExtra: gatedRelativeBias }),
  },
];
