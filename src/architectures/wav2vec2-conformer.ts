import { inventoryOf } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { convAdapter, featureEncoder, featureProjection, maskedSpecEmbed, outputHidden, positionalConv, readConvStack, SPEECH_HEADS, SPEECH_REQUIRES, speechHead, gumbelQuantizer } from "./wav2vec2.js";

/**
 * Wav2Vec2-Conformer (modeling_wav2vec2_conformer.py, configuration_wav2vec2_conformer.py):
 * wav2vec2's feature encoder, feature projection, masked_spec_embed, weight-normed positional conv,
 * adapter and heads (wav2vec2.ts), under `wav2vec2_conformer.`, with Conformer blocks:
 * ffn1_layer_norm + ffn1 (intermediate_dense / output_dense), self_attn_layer_norm + self_attn
 * (linear_q/k/v/out with bias; with position_embeddings_type "relative" also linear_pos without
 * bias and pos_bias_u / pos_bias_v [heads, head_dim]), conv_module (layer_norm, pointwise_conv1
 * [2h, h, 1], depthwise_conv [h, 1, conv_depthwise_kernel_size], batch_norm weight + bias (its
 * running stats are buffers), pointwise_conv2 [h, h, 1], all convs bias-free), ffn2_layer_norm +
 * ffn2, final_layer_norm; the encoder's layer_norm at the end. Rotary and relative position
 * tables are buffers or plain tensors, not parameters.
 */

function conformerInventory(d: RequiredDims): Inventory {
  const r = d.model.root;
  const head = d.model.head;
  const prefix = head === "base" ? "" : "wav2vec2_conformer.";
  const h = d.hiddenSize;
  const ff = d.intermediateSize;
  const conv = readConvStack(r);
  const layers = range(d.numLayers);
  const enc = `${prefix}encoder`;
  const l = `${enc}.layers.{i}`;
  const kernel = r.int("conv_depthwise_kernel_size", 31, "width").value ?? 31;
  const relative = (r.string("position_embeddings_type").value ?? "relative") === "relative";
  const headDim = Math.floor(h / d.numHeads);
  const ffn = (name: string) => [...norm(`${l}.${name}_layer_norm`, h, true, layers), ...linear(`${l}.${name}.intermediate_dense`, ff, h, true, "mlp", layers), ...linear(`${l}.${name}.output_dense`, h, ff, true, "mlp", layers)];
  const tensors: TensorTemplate[] = [
    ...featureEncoder(`${prefix}feature_extractor`, conv),
    ...featureProjection(`${prefix}feature_projection`, conv.dims.at(-1)!, h),
    ...maskedSpecEmbed(prefix, r, h),
    ...positionalConv(enc, r, h),
    ...norm(`${enc}.layer_norm`, h, true),
    ...ffn("ffn1"),
    ...norm(`${l}.self_attn_layer_norm`, h, true, layers),
    ...linear(`${l}.self_attn.linear_q`, h, h, true, "attention", layers),
    ...linear(`${l}.self_attn.linear_k`, h, h, true, "attention", layers),
    ...linear(`${l}.self_attn.linear_v`, h, h, true, "attention", layers),
    ...linear(`${l}.self_attn.linear_out`, h, h, true, "attention", layers),
    ...(relative
      ? [
          ...linear(`${l}.self_attn.linear_pos`, h, h, false, "attention", layers),
          { name: `${l}.self_attn.pos_bias_u`, shape: [d.numHeads, headDim], role: "attention" as const, layers },
          { name: `${l}.self_attn.pos_bias_v`, shape: [d.numHeads, headDim], role: "attention" as const, layers },
        ]
      : []),
    ...norm(`${l}.conv_module.layer_norm`, h, true, layers),
    { name: `${l}.conv_module.pointwise_conv1.weight`, shape: [2 * h, h, 1], role: "mlp", layers },
    { name: `${l}.conv_module.depthwise_conv.weight`, shape: [h, 1, kernel], role: "mlp", layers },
    ...norm(`${l}.conv_module.batch_norm`, h, true, layers),
    { name: `${l}.conv_module.pointwise_conv2.weight`, shape: [h, h, 1], role: "mlp", layers },
    ...ffn("ffn2"),
    ...norm(`${l}.final_layer_norm`, h, true, layers),
    ...convAdapter(prefix, r, h),
  ];
  if (head === "pretraining") {
    const dim = r.int("codevector_dim", 256, "width").value ?? 256;
    const proj = r.int("proj_codevector_dim", 256, "width").value ?? 256;
    tensors.push(...gumbelQuantizer(r, conv.dims.at(-1)!), ...linear("project_hid", proj, h, true, "other"), ...linear("project_q", proj, dim, true, "other"));
  } else tensors.push(...speechHead(d, outputHidden(r, h, true)));
  return inventoryOf({ tensors }, d);
}

export const wav2vec2ConformerSpecs: ModelTypeSpec[] = [
  {
    modelType: "wav2vec2-conformer",
    family: "wav2vec2-conformer",
    kind: "audio",
    modelingFile: "models/wav2vec2_conformer/modeling_wav2vec2_conformer.py",
    requires: SPEECH_REQUIRES,
    classPrefixes: ["Wav2Vec2Conformer"],
    heads: [...SPEECH_HEADS, "pretraining"],
    defaultHead: "base",
    // configuration_wav2vec2_conformer.py: the same base shape as wav2vec2.
    defaults: { vocabSize: 32, hiddenSize: 768, numLayers: 12, numHeads: 12, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 3072 },
    tieWordEmbeddingsDefault: false,
    inventory: conformerInventory,
  },
];
