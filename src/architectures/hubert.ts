import type { ConfigReader } from "../normalize/config-reader.js";
import { norm, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";
import { positionalConv, SPEECH_DEFAULTS, SPEECH_REQUIRES, speechInventory } from "./wav2vec2.js";

/**
 * HuBERT (modeling_hubert.py, configuration_hubert.py): wav2vec2's feature encoder, encoder and
 * heads (wav2vec2.ts) under `hubert.`, with two switches of its own. The feature projection's
 * LayerNorm exists only with `feat_proj_layer_norm` (default true). With `conv_pos_batch_norm`
 * (default false) the positional conv is a plain Conv1d (`conv.weight`, `conv.bias`) after a
 * BatchNorm1d(hidden) (`batch_norm.weight`/`bias`; its running stats are buffers) instead of the
 * weight-normed conv. HubertModel has no adapter, and HuBERT has no pre-training head in
 * transformers: HubertModel, HubertForCTC and HubertForSequenceClassification.
 */

function hubertPositional(encoder: string, r: ConfigReader, hidden: number): TensorTemplate[] {
  if (!r.bool("conv_pos_batch_norm", false).value) return positionalConv(encoder, r, hidden);
  const k = r.int("num_conv_pos_embeddings", 128, "width").value ?? 128;
  const groups = r.int("num_conv_pos_embedding_groups", 16, "count").value ?? 16;
  const p = `${encoder}.pos_conv_embed`;
  return [
    ...norm(`${p}.batch_norm`, hidden, true, undefined, "audio"),
    { name: `${p}.conv.weight`, shape: [hidden, Math.floor(hidden / groups), k], role: "audio" },
    { name: `${p}.conv.bias`, shape: [hidden], role: "audio" },
  ];
}

export const hubertSpecs: ModelTypeSpec[] = [
  {
    modelType: "hubert",
    family: "hubert",
    kind: "audio",
    modelingFile: "models/hubert/modeling_hubert.py",
    requires: SPEECH_REQUIRES,
    classPrefixes: ["Hubert"],
    heads: ["base", "ctc", "sequence-classification"],
    defaultHead: "base",
    defaults: SPEECH_DEFAULTS,
    tieWordEmbeddingsDefault: false,
    inventory: speechInventory({ base: "hubert", adapter: false, stable: true, featProjNormFlag: true, positional: hubertPositional }),
  },
];
