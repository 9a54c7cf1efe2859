import type { ConfigReader } from "../normalize/config-reader.js";
import type { HeadKind } from "../normalize/normalized-model.js";
import { inventoryOf, numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { CanonicalKey, DefaultValue, ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * wav2vec 2.0 and the speech encoders built from its parts (modeling_wav2vec2.py and the files that
 * copy from it: modeling_hubert.py, modeling_wavlm.py, modeling_data2vec_audio.py,
 * modeling_unispeech_sat.py). UniSpeech and SEW reuse these parts too but are not registered yet:
 * no published count to check a fixture against was found.
 *
 * - Feature encoder: `num_feat_extract_layers` (= len(conv_dim)) Conv1d layers over the raw
 *   waveform, kernel `conv_kernel[i]`, a bias only with `conv_bias`. With `feat_extract_norm`
 *   "group" only layer 0 has a norm (GroupNorm with one group per channel: weight + bias); with
 *   "layer" every layer has a LayerNorm (weight + bias).
 * - Feature projection: LayerNorm(conv_dim[-1]) + Linear(conv_dim[-1], hidden).
 * - `masked_spec_embed` [hidden]: a parameter only when `mask_time_prob` > 0 or `mask_feature_prob`
 *   > 0 (UniSpeechSat always builds it). `apply_spec_augment` does not decide whether it exists.
 * - Positional convolution: Conv1d(hidden, hidden, num_conv_pos_embeddings, groups
 *   num_conv_pos_embedding_groups) with bias, under weight norm over dim 2: weight_g [1, 1, k] and
 *   weight_v [hidden, hidden / groups, k]. Checkpoints (the Hub's, and anything saved before
 *   transformers moved to torch's parametrizations) store them as `conv.weight_g` / `conv.weight_v`;
 *   newer transformers names the same two module parameters `conv.parametrizations.weight.original0`
 *   / `original1` and renames on load. The inventory uses the stored names; the count is the same.
 * - Encoder: a LayerNorm (after the positional conv in the post-LN encoder, at the end in the
 *   `do_stable_layer_norm` pre-LN one: same parameters either way), and layers of biased q/k/v/out
 *   projections, `layer_norm`, feed_forward.intermediate_dense / output_dense, `final_layer_norm`.
 *   Pre-LN layers add the MMS attention adapter when `adapter_attn_dim` is set.
 * - Optional `adapter` (add_adapter): a down-projection when output_hidden_size != hidden, and
 *   num_adapter_layers Conv1d(o, 2o, adapter_kernel_size) with bias.
 * - Heads: ForCTC lm_head [vocab, hidden or output_hidden_size] with bias; ForSequenceClassification
 *   projector [classifier_proj_size, hidden] + classifier; ForAudioFrameClassification classifier
 *   [labels, hidden]; ForXVector projector, TDNN kernels, feature_extractor, classifier and the
 *   AMSoftmax loss's weight [xvector_output_dim, labels] (an nn.Parameter of the head's `objective`);
 *   `layer_weights` [layers + 1] with use_weighted_layer_sum. ForPreTraining: the Gumbel quantizer's
 *   codevectors [1, groups · vars, codevector_dim / groups] and weight_proj, project_hid, project_q.
 * No tensor is tied.
 */

export const WAV2VEC2_CONV_DIM = [512, 512, 512, 512, 512, 512, 512];
export const WAV2VEC2_CONV_KERNEL = [10, 3, 3, 3, 3, 2, 2];

/** The conv feature encoder's settings (configuration_wav2vec2.py defaults unless given). */
export interface ConvStack {
  dims: number[];
  kernels: number[];
  norm: "group" | "layer";
  bias: boolean;
}

function intListOr(r: ConfigReader, key: string, fallback: number[]): number[] {
  const v = r.intList(key).value;
  return v.length > 0 ? v : fallback;
}

export function readConvStack(r: ConfigReader, defaults: { dims: number[]; kernels: number[]; norm?: "group" | "layer" } = { dims: WAV2VEC2_CONV_DIM, kernels: WAV2VEC2_CONV_KERNEL }): ConvStack {
  const dims = intListOr(r, "conv_dim", defaults.dims);
  const kernels = intListOr(r, "conv_kernel", defaults.kernels);
  const normName = r.string("feat_extract_norm").value ?? defaults.norm ?? "group";
  return { dims, kernels, norm: normName === "layer" ? "layer" : "group", bias: r.bool("conv_bias", false).value };
}

/** The conv feature encoder (`feature_extractor.conv_layers.{i}`); `forceLayerNorm` for Data2VecAudio, whose layers all have LayerNorms. */
export function featureEncoder(path: string, c: ConvStack, forceLayerNorm = false): TensorTemplate[] {
  const out: TensorTemplate[] = [];
  for (let i = 0; i < c.dims.length; i++) {
    const inDim = i === 0 ? 1 : c.dims[i - 1]!;
    const outDim = c.dims[i]!;
    const k = c.kernels[i] ?? c.kernels.at(-1) ?? 1;
    const p = `${path}.conv_layers.${i}`;
    out.push({ name: `${p}.conv.weight`, shape: [outDim, inDim, k], role: "audio" });
    if (c.bias) out.push({ name: `${p}.conv.bias`, shape: [outDim], role: "audio" });
    if (forceLayerNorm || c.norm === "layer" || i === 0) out.push(...norm(`${p}.layer_norm`, outDim, true, undefined, "audio"));
  }
  return out;
}

/** `feature_projection`: LayerNorm over the last conv width (unless `withNorm` is false: HuBERT's feat_proj_layer_norm) and the projection. */
export function featureProjection(path: string, convOut: number, hidden: number, withNorm = true): TensorTemplate[] {
  return [...(withNorm ? norm(`${path}.layer_norm`, convOut, true, undefined, "audio") : []), ...linear(`${path}.projection`, hidden, convOut, true, "audio")];
}

/** `masked_spec_embed` [hidden] when the model masks (mask_time_prob > 0 or mask_feature_prob > 0). */
export function maskedSpecEmbed(prefix: string, r: ConfigReader, hidden: number, always = false): TensorTemplate[] {
  const time = r.number("mask_time_prob", 0.05).value ?? 0.05;
  const feature = r.number("mask_feature_prob", 0).value ?? 0;
  return always || time > 0 || feature > 0 ? [{ name: `${prefix}masked_spec_embed`, shape: [hidden], role: "audio" }] : [];
}

/** A weight-normed grouped Conv1d (stored weight_g [1, 1, k], weight_v [out, in / groups, k]) with bias. */
export function weightNormConv(path: string, hidden: number, kernel: number, groups: number): TensorTemplate[] {
  return [
    { name: `${path}.weight_g`, shape: [1, 1, kernel], role: "audio" },
    { name: `${path}.weight_v`, shape: [hidden, Math.floor(hidden / groups), kernel], role: "audio" },
    { name: `${path}.bias`, shape: [hidden], role: "audio" },
  ];
}

/** `encoder.pos_conv_embed.conv` of wav2vec2, HuBERT, WavLM, UniSpeech(-Sat) and SEW. */
export function positionalConv(encoder: string, r: ConfigReader, hidden: number): TensorTemplate[] {
  const k = r.int("num_conv_pos_embeddings", 128, "width").value ?? 128;
  const groups = r.int("num_conv_pos_embedding_groups", 16, "count").value ?? 16;
  return weightNormConv(`${encoder}.pos_conv_embed.conv`, hidden, k, groups);
}

/** Biased q/k/v/out projections of Wav2Vec2Attention (and the feed-forward and the two LayerNorms of each layer). */
export function encoderLayerTensors(l: string, h: number, ff: number, layers: readonly number[]): TensorTemplate[] {
  return [
    ...linear(`${l}.attention.k_proj`, h, h, true, "attention", layers),
    ...linear(`${l}.attention.v_proj`, h, h, true, "attention", layers),
    ...linear(`${l}.attention.q_proj`, h, h, true, "attention", layers),
    ...linear(`${l}.attention.out_proj`, h, h, true, "attention", layers),
    ...norm(`${l}.layer_norm`, h, true, layers),
    ...linear(`${l}.feed_forward.intermediate_dense`, ff, h, true, "mlp", layers),
    ...linear(`${l}.feed_forward.output_dense`, h, ff, true, "mlp", layers),
    ...norm(`${l}.final_layer_norm`, h, true, layers),
  ];
}

/** Wav2Vec2AttnAdapterLayer of the pre-LN layers when `adapter_attn_dim` is set (MMS). */
export function attnAdapter(l: string, r: ConfigReader, h: number, layers: readonly number[]): TensorTemplate[] {
  const dim = r.int("adapter_attn_dim", null, "width").value;
  if (!dim) return [];
  return [...norm(`${l}.adapter_layer.norm`, h, true, layers), ...linear(`${l}.adapter_layer.linear_1`, dim, h, true, "other", layers), ...linear(`${l}.adapter_layer.linear_2`, h, dim, true, "other", layers)];
}

/** The output width of the base model: output_hidden_size with add_adapter, else hidden. */
export function outputHidden(r: ConfigReader, hidden: number, supportsAdapter: boolean): number {
  if (!supportsAdapter || !r.bool("add_adapter", false).value) return hidden;
  return r.int("output_hidden_size", hidden, "width").value ?? hidden;
}

/** Wav2Vec2Adapter (`adapter.*`) when add_adapter is true. */
export function convAdapter(prefix: string, r: ConfigReader, hidden: number): TensorTemplate[] {
  if (!r.bool("add_adapter", false).value) return [];
  const o = outputHidden(r, hidden, true);
  const k = r.int("adapter_kernel_size", 3, "width").value ?? 3;
  const n = r.int("num_adapter_layers", 3, "count").value ?? 3;
  const out: TensorTemplate[] = [];
  if (o !== hidden) out.push(...linear(`${prefix}adapter.proj`, o, hidden, true, "projector"), ...norm(`${prefix}adapter.proj_layer_norm`, o, true, undefined, "projector"));
  for (let j = 0; j < n; j++) out.push({ name: `${prefix}adapter.layers.${j}.conv.weight`, shape: [2 * o, o, k], role: "projector" }, { name: `${prefix}adapter.layers.${j}.conv.bias`, shape: [2 * o], role: "projector" });
  return out;
}

/** The heads the speech encoders share (Wav2Vec2ForCTC, …ForSequenceClassification, …ForAudioFrameClassification, …ForXVector). */
export function speechHead(d: RequiredDims, outHidden: number, classifierProjDefault = 256): TensorTemplate[] {
  const r = d.model.root;
  const h = d.hiddenSize;
  const head = d.model.head;
  const weighted = r.bool("use_weighted_layer_sum", false).value;
  const layerWeights: TensorTemplate[] = weighted ? [{ name: "layer_weights", shape: [d.numLayers + 1], role: "other" }] : [];
  if (head === "ctc") return linear("lm_head", d.vocabSize, outHidden, true, "lmHead");
  if (head === "sequence-classification" || head === "audio-classification") {
    const proj = r.int("classifier_proj_size", classifierProjDefault, "width").value ?? classifierProjDefault;
    return [...layerWeights, ...linear("projector", proj, h, true, "other"), ...linear("classifier", numLabels(d), proj, true, "other")];
  }
  if (head === "audio-frame-classification") return [...layerWeights, ...linear("classifier", numLabels(d), h, true, "other")];
  if (head === "x-vector") {
    const tdnn = intListOr(r, "tdnn_dim", [512, 512, 512, 512, 1500]);
    const kernels = intListOr(r, "tdnn_kernel", [5, 3, 3, 1, 1]);
    const xvec = r.int("xvector_output_dim", 512, "width").value ?? 512;
    const out = [...layerWeights, ...linear("projector", tdnn[0]!, h, true, "other")];
    for (let i = 0; i < tdnn.length; i++) out.push(...linear(`tdnn.${i}.kernel`, tdnn[i]!, (i === 0 ? tdnn[0]! : tdnn[i - 1]!) * (kernels[i] ?? 1), true, "other"));
    out.push(...linear("feature_extractor", xvec, tdnn.at(-1)! * 2, true, "other"), ...linear("classifier", xvec, xvec, true, "other"));
    out.push({ name: "objective.weight", shape: [xvec, numLabels(d)], role: "other" });
    return out;
  }
  return [];
}

/** The Gumbel quantizer of the pre-training heads: codevectors and weight_proj from `inWidth`. */
export function gumbelQuantizer(r: ConfigReader, inWidth: number): TensorTemplate[] {
  const groups = r.int("num_codevector_groups", 2, "count").value ?? 2;
  const vars = r.int("num_codevectors_per_group", 320, "count").value ?? 320;
  const dim = r.int("codevector_dim", 256, "width").value ?? 256;
  return [{ name: "quantizer.codevectors", shape: [1, groups * vars, Math.floor(dim / groups)], role: "other" }, ...linear("quantizer.weight_proj", groups * vars, inWidth, true, "other")];
}

/** How one model type differs from wav2vec2. */
export interface SpeechLayout {
  /** base_model_prefix: `wav2vec2`, `hubert`, … */
  base: string;
  /** Whether the model builds `adapter` and its CTC head reads output_hidden_size. */
  adapter: boolean;
  /** HuBERT: the feature projection's LayerNorm only with feat_proj_layer_norm (default true). */
  featProjNormFlag?: boolean;
  /** UniSpeechSat builds masked_spec_embed unconditionally. */
  alwaysMaskEmbed?: boolean;
  /** The positional embedding, when not the weight-normed conv. */
  positional?: (encoder: string, r: ConfigReader, hidden: number) => TensorTemplate[];
  /** Extra attention tensors per layer (WavLM's gated relative position bias). */
  attentionExtra?: (l: string, d: RequiredDims, layers: readonly number[]) => TensorTemplate[];
  /** Whether `do_stable_layer_norm` applies (pre-LN layers may carry the MMS adapter). */
  stable: boolean;
  /** ForPreTraining tensors, when modelled. */
  pretraining?: (d: RequiredDims, conv: ConvStack) => TensorTemplate[];
  conv?: { dims: number[]; kernels: number[] };
  forceLayerNormConv?: boolean;
}

/** The base model (`…Model`) under `prefix`. */
export function speechBase(d: RequiredDims, layout: SpeechLayout, prefix: string): { tensors: TensorTemplate[]; conv: ConvStack } {
  const r = d.model.root;
  const h = d.hiddenSize;
  const conv = readConvStack(r, layout.conv);
  const convOut = conv.dims.at(-1)!;
  const layers = range(d.numLayers);
  const enc = `${prefix}encoder`;
  const l = `${enc}.layers.{i}`;
  const projNorm = layout.featProjNormFlag ? r.bool("feat_proj_layer_norm", true).value : true;
  const stable = layout.stable && r.bool("do_stable_layer_norm", false).value;
  const tensors: TensorTemplate[] = [
    ...featureEncoder(`${prefix}feature_extractor`, conv, layout.forceLayerNormConv),
    ...featureProjection(`${prefix}feature_projection`, convOut, h, projNorm),
    ...maskedSpecEmbed(prefix, r, h, layout.alwaysMaskEmbed),
    ...(layout.positional ?? positionalConv)(enc, r, h),
    ...norm(`${enc}.layer_norm`, h, true),
    ...encoderLayerTensors(l, h, d.intermediateSize, layers),
    ...(layout.attentionExtra ? layout.attentionExtra(l, d, layers) : []),
    ...(stable ? attnAdapter(l, r, h, layers) : []),
    ...(layout.adapter ? convAdapter(prefix, r, h) : []),
  ];
  return { tensors, conv };
}

export function speechInventory(layout: SpeechLayout) {
  return (d: RequiredDims): Inventory => {
    const head = d.model.head;
    const prefix = head === "base" ? "" : `${layout.base}.`;
    const { tensors, conv } = speechBase(d, layout, prefix);
    if (head === "pretraining" && layout.pretraining) tensors.push(...layout.pretraining(d, conv));
    else tensors.push(...speechHead(d, outputHidden(d.model.root, d.hiddenSize, layout.adapter)));
    return inventoryOf({ tensors }, d);
  };
}

/** configuration_wav2vec2.py's shape (wav2vec2-base), which its descendants share. */
export const SPEECH_DEFAULTS: Partial<Record<CanonicalKey, DefaultValue>> = { vocabSize: 32, hiddenSize: 768, numLayers: 12, numHeads: 12, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 3072 };

/** No token vocabulary to require: the CTC head reads vocab_size (default 32) itself. */
export const SPEECH_REQUIRES: readonly CanonicalKey[] = ["hiddenSize", "numLayers", "numHeads", "intermediateSize"];

export const SPEECH_HEADS: HeadKind[] = ["base", "ctc", "sequence-classification", "audio-frame-classification", "x-vector"];

/** Wav2Vec2ForPreTraining: quantizer over the conv features, project_hid and project_q. */
function wav2vec2Pretraining(d: RequiredDims, conv: ConvStack): TensorTemplate[] {
  const r = d.model.root;
  const dim = r.int("codevector_dim", 256, "width").value ?? 256;
  const proj = r.int("proj_codevector_dim", 256, "width").value ?? 256;
  return [...gumbelQuantizer(r, conv.dims.at(-1)!), ...linear("project_hid", proj, d.hiddenSize, true, "other"), ...linear("project_q", proj, dim, true, "other")];
}

/**
 * UniSpeechSatForPreTraining: its quantizer reads the hidden states (weight_proj [G·V, hidden]),
 * project_q, project_hid, speaker_proj, label_embeddings_concat [num_clusters, codevector_dim] and
 * layer_norm_for_extract (a parameter even where its requires_grad attribute is set false).
 */
function unispeechSatPretraining(d: RequiredDims): TensorTemplate[] {
  const r = d.model.root;
  const h = d.hiddenSize;
  const dim = r.int("codevector_dim", 256, "width").value ?? 256;
  const proj = r.int("proj_codevector_dim", 256, "width").value ?? 256;
  const clusters = r.int("num_clusters", 504, "count").value ?? 504;
  return [
    ...gumbelQuantizer(r, h),
    ...linear("project_q", proj, dim, true, "other"),
    ...linear("project_hid", proj, h, true, "other"),
    ...linear("speaker_proj", dim, h, true, "other"),
    { name: "label_embeddings_concat", shape: [clusters, dim], role: "other" },
    ...norm("layer_norm_for_extract", h, true, undefined, "other"),
  ];
}

export const wav2vec2Specs: ModelTypeSpec[] = [
  {
    modelType: "wav2vec2",
    family: "wav2vec2",
    kind: "audio",
    modelingFile: "models/wav2vec2/modeling_wav2vec2.py",
    requires: SPEECH_REQUIRES,
    classPrefixes: ["Wav2Vec2"],
    heads: [...SPEECH_HEADS, "pretraining"],
    defaultHead: "base",
    defaults: SPEECH_DEFAULTS,
    tieWordEmbeddingsDefault: false,
    inventory: speechInventory({ base: "wav2vec2", adapter: true, stable: true, pretraining: wav2vec2Pretraining }),
  },
  {
    modelType: "unispeech-sat",
    family: "wav2vec2",
    kind: "audio",
    modelingFile: "models/unispeech_sat/modeling_unispeech_sat.py",
    requires: SPEECH_REQUIRES,
    classPrefixes: ["UniSpeechSat"],
    heads: [...SPEECH_HEADS, "pretraining"],
    defaultHead: "base",
    defaults: SPEECH_DEFAULTS,
    tieWordEmbeddingsDefault: false,
    inventory: speechInventory({ base: "unispeech_sat", adapter: false, stable: true, alwaysMaskEmbed: true, pretraining: unispeechSatPretraining }),
  },
];
