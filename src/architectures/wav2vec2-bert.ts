import type { ConfigReader } from "../normalize/config-reader.js";
import { inventoryOf } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { maskedSpecEmbed, SPEECH_HEADS, speechHead } from "./wav2vec2.js";

/**
 * Wav2Vec2-BERT (modeling_wav2vec2_bert.py, configuration_wav2vec2_bert.py; facebook/w2v-bert-2.0):
 * no conv feature encoder: `feature_projection` (LayerNorm + Linear from feature_projection_input_dim
 * = 160 mel-filterbank features), masked_spec_embed, and an encoder of Conformer layers with no
 * positional conv and no encoder LayerNorm. Each layer: ffn1_layer_norm + ffn1, self_attn_layer_norm
 * + self_attn (linear_q/k/v/out with bias; "relative_key", the default, adds
 * `distance_embedding` [left_max + right_max + 1, head_dim]; "relative" adds linear_pos and
 * pos_bias_u/v; rotary nothing), conv_module (layer_norm, bias-free pointwise_conv1 [2h, h, 1],
 * depthwise_conv [h, 1, k] and pointwise_conv2, and a `depthwise_layer_norm` instead of Conformer's
 * BatchNorm), ffn2_layer_norm + ffn2, final_layer_norm. With add_adapter: an optional proj +
 * proj_layer_norm to output_hidden_size, then num_adapter_layers adapter layers (residual and
 * self-attention LayerNorms, two biased strided Conv1d [2o, o, k], an attention without position
 * terms, ffn_layer_norm + ffn of width intermediate_size), and `intermediate_ffn` before them with
 * use_intermediate_ffn_before_adapter. Heads as wav2vec2's (classifier_proj_size defaults to 768);
 * there is no pre-training head.
 */

function attention(p: string, h: number, layers: readonly number[] | undefined): TensorTemplate[] {
  const at = layers ? layers : undefined;
  return [
    ...linear(`${p}.linear_q`, h, h, true, "attention", at),
    ...linear(`${p}.linear_k`, h, h, true, "attention", at),
    ...linear(`${p}.linear_v`, h, h, true, "attention", at),
    ...linear(`${p}.linear_out`, h, h, true, "attention", at),
  ];
}

function feedForward(p: string, h: number, ff: number, layers?: readonly number[]): TensorTemplate[] {
  return [...linear(`${p}.intermediate_dense`, ff, h, true, "mlp", layers), ...linear(`${p}.output_dense`, h, ff, true, "mlp", layers)];
}

function adapter(prefix: string, r: ConfigReader, h: number, ff: number): TensorTemplate[] {
  if (!r.bool("add_adapter", false).value) return [];
  const o = r.int("output_hidden_size", h, "width").value ?? h;
  const k = r.int("adapter_kernel_size", 3, "width").value ?? 3;
  const n = r.int("num_adapter_layers", 1, "count").value ?? 1;
  const out: TensorTemplate[] = [];
  if (r.bool("use_intermediate_ffn_before_adapter", false).value) out.push(...feedForward(`${prefix}intermediate_ffn`, h, ff));
  if (o !== h) out.push(...linear(`${prefix}adapter.proj`, o, h, true, "projector"), ...norm(`${prefix}adapter.proj_layer_norm`, o, true, undefined, "projector"));
  for (let j = 0; j < n; j++) {
    const p = `${prefix}adapter.layers.${j}`;
    out.push(
      ...norm(`${p}.residual_layer_norm`, o, true, undefined, "projector"),
      { name: `${p}.residual_conv.weight`, shape: [2 * o, o, k], role: "projector" },
      { name: `${p}.residual_conv.bias`, shape: [2 * o], role: "projector" },
      ...norm(`${p}.self_attn_layer_norm`, o, true, undefined, "projector"),
      { name: `${p}.self_attn_conv.weight`, shape: [2 * o, o, k], role: "projector" },
      { name: `${p}.self_attn_conv.bias`, shape: [2 * o], role: "projector" },
      ...attention(`${p}.self_attn`, o, undefined).map((t) => ({ ...t, role: "projector" as const })),
      ...norm(`${p}.ffn_layer_norm`, o, true, undefined, "projector"),
      ...feedForward(`${p}.ffn`, o, ff).map((t) => ({ ...t, role: "projector" as const })),
    );
  }
  return out;
}

function w2vBertInventory(d: RequiredDims): Inventory {
  const r = d.model.root;
  const head = d.model.head;
  const prefix = head === "base" ? "" : "wav2vec2_bert.";
  const h = d.hiddenSize;
  const ff = d.intermediateSize;
  const layers = range(d.numLayers);
  const l = `${prefix}encoder.layers.{i}`;
  const inputDim = r.int("feature_projection_input_dim", 160, "width").value ?? 160;
  const kernel = r.int("conv_depthwise_kernel_size", 31, "width").value ?? 31;
  const positions = r.has("position_embeddings_type") ? r.string("position_embeddings_type").value : "relative_key";
  const headDim = Math.floor(h / d.numHeads);
  const positional: TensorTemplate[] = [];
  if (positions === "relative_key") {
    const left = r.int("left_max_position_embeddings", 64, "positions").value ?? 64;
    const right = r.int("right_max_position_embeddings", 8, "positions").value ?? 8;
    positional.push({ name: `${l}.self_attn.distance_embedding.weight`, shape: [left + right + 1, headDim], role: "attention", layers });
  } else if (positions === "relative") {
    positional.push(
      ...linear(`${l}.self_attn.linear_pos`, h, h, false, "attention", layers),
      { name: `${l}.self_attn.pos_bias_u`, shape: [d.numHeads, headDim], role: "attention", layers },
      { name: `${l}.self_attn.pos_bias_v`, shape: [d.numHeads, headDim], role: "attention", layers },
    );
  }
  const tensors: TensorTemplate[] = [
    ...norm(`${prefix}feature_projection.layer_norm`, inputDim, true, undefined, "audio"),
    ...linear(`${prefix}feature_projection.projection`, h, inputDim, true, "audio"),
    ...maskedSpecEmbed(prefix, r, h),
    ...norm(`${l}.ffn1_layer_norm`, h, true, layers),
    ...feedForward(`${l}.ffn1`, h, ff, layers),
    ...norm(`${l}.self_attn_layer_norm`, h, true, layers),
    ...attention(`${l}.self_attn`, h, layers),
    ...positional,
    ...norm(`${l}.conv_module.layer_norm`, h, true, layers),
    { name: `${l}.conv_module.pointwise_conv1.weight`, shape: [2 * h, h, 1], role: "mlp", layers },
    { name: `${l}.conv_module.depthwise_conv.weight`, shape: [h, 1, kernel], role: "mlp", layers },
    ...norm(`${l}.conv_module.depthwise_layer_norm`, h, true, layers),
    { name: `${l}.conv_module.pointwise_conv2.weight`, shape: [h, h, 1], role: "mlp", layers },
    ...norm(`${l}.ffn2_layer_norm`, h, true, layers),
    ...feedForward(`${l}.ffn2`, h, ff, layers),
    ...norm(`${l}.final_layer_norm`, h, true, layers),
    ...adapter(prefix, r, h, ff),
  ];
  const outHidden = r.bool("add_adapter", false).value ? (r.int("output_hidden_size", h, "width").value ?? h) : h;
  tensors.push(...speechHead(d, outHidden, 768));
  return inventoryOf({ tensors }, d);
}

export const wav2vec2BertSpecs: ModelTypeSpec[] = [
  {
    modelType: "wav2vec2-bert",
    family: "wav2vec2-bert",
    kind: "audio",
    modelingFile: "models/wav2vec2_bert/modeling_wav2vec2_bert.py",
    requires: ["hiddenSize", "numLayers", "numHeads", "intermediateSize"],
    classPrefixes: ["Wav2Vec2Bert"],
    heads: [...SPEECH_HEADS],
    defaultHead: "base",
    // configuration_wav2vec2_bert.py: w2v-bert-2.0's shape; vocab_size defaults to None (the CTC head needs one).
    defaults: { vocabSize: null, hiddenSize: 1024, numLayers: 24, numHeads: 16, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 4096 },
    tieWordEmbeddingsDefault: false,
    inventory: w2vBertInventory,
  },
];
