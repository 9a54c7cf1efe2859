import { inventoryOf, numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { resnetSpecs } from "./resnet.js";
import { conv2d } from "./vit-encoder.js";

/**
 * DETR (modeling_detr.py). The backbone is a timm ResNet (`use_timm_backbone`, `backbone`
 * "resnet50") created with features_only, whose BatchNorms are replaced by DetrFrozenBatchNorm2d:
 * weight, bias, running_mean and running_var are all buffers there, so the backbone's parameters are
 * its convolution weights only (the checkpoint stores the frozen statistics as well). Then
 * input_projection (a biased 1×1 conv from the last stage's width to d_model), query_position_embeddings
 * [num_queries, d_model], sine positions (no parameters; "learned" adds row and column embeddings
 * [50, d_model / 2]), encoder layers (self-attention q/k/v/out biased, fc1/fc2, two LayerNorms),
 * decoder layers (plus encoder_attn and its LayerNorm) and the decoder's final layernorm.
 * DetrForObjectDetection adds class_labels_classifier [num_labels + 1, d_model] and a 3-layer box MLP.
 * Without use_timm_backbone, a ResNet backbone_config builds transformers' ResNetBackbone (its convs
 * counted the same way, BatchNorms frozen); other backbones are counted as resnet50 and marked estimated.
 * Names follow the Hub checkpoints (model.backbone.conv_encoder.model.…, out_proj, fc1), which
 * transformers 5 renames on load; counts are the same.
 */

/** timm ResNet depths and block type by name. */
const TIMM_RESNETS: Record<string, { depths: number[]; bottleneck: boolean }> = {
  resnet18: { depths: [2, 2, 2, 2], bottleneck: false },
  resnet34: { depths: [3, 4, 6, 3], bottleneck: false },
  resnet50: { depths: [3, 4, 6, 3], bottleneck: true },
  resnet101: { depths: [3, 4, 23, 3], bottleneck: true },
  resnet152: { depths: [3, 8, 36, 3], bottleneck: true },
};

/** The conv weights of a timm ResNet (conv1, layer1–4 with downsample.0); BatchNorms are frozen buffers here. Returns the last width. */
function timmResnetConvs(prefix: string, channels: number, arch: { depths: number[]; bottleneck: boolean }, out: TensorTemplate[]): number {
  out.push(...conv2d(`${prefix}conv1`, 64, channels, 7, false, "vision"));
  let inChannels = 64;
  const expansion = arch.bottleneck ? 4 : 1;
  arch.depths.forEach((depth, s) => {
    const planes = 64 * 2 ** s;
    const width = planes * expansion;
    for (let j = 0; j < depth; j++) {
      const b = `${prefix}layer${s + 1}.${j}`;
      const cin = j === 0 ? inChannels : width;
      if (arch.bottleneck) {
        out.push(...conv2d(`${b}.conv1`, planes, cin, 1, false, "vision"), ...conv2d(`${b}.conv2`, planes, planes, 3, false, "vision"), ...conv2d(`${b}.conv3`, width, planes, 1, false, "vision"));
      } else {
        out.push(...conv2d(`${b}.conv1`, planes, cin, 3, false, "vision"), ...conv2d(`${b}.conv2`, planes, planes, 3, false, "vision"));
      }
      const stride = j === 0 && s > 0 ? 2 : 1;
      if (j === 0 && (stride !== 1 || cin !== width)) out.push(...conv2d(`${b}.downsample.0`, width, cin, 1, false, "vision"));
    }
    inChannels = width;
  });
  return inChannels;
}

function attention(path: string, d: number, layers: readonly number[]): TensorTemplate[] {
  return [
    ...linear(`${path}.k_proj`, d, d, true, "attention", layers),
    ...linear(`${path}.v_proj`, d, d, true, "attention", layers),
    ...linear(`${path}.q_proj`, d, d, true, "attention", layers),
    ...linear(`${path}.out_proj`, d, d, true, "attention", layers),
  ];
}

function detrInventory(dims: RequiredDims): Inventory {
  const r = dims.model.root;
  const head = dims.model.head;
  const p = head === "base" ? "" : "model.";
  const d = r.int("d_model", 256).value ?? 256;
  const encLayers = r.int("encoder_layers", 6, "count").value ?? 6;
  const decLayers = r.int("decoder_layers", 6, "count").value ?? 6;
  const encFf = r.int("encoder_ffn_dim", 2048).value ?? 2048;
  const decFf = r.int("decoder_ffn_dim", 2048).value ?? 2048;
  const queries = r.int("num_queries", 100, "count").value ?? 100;
  const channels = r.int("num_channels", 3, "count").value ?? 3;
  const backbone = r.string("backbone").value ?? "resnet50";
  const timm = r.bool("use_timm_backbone", true).value;
  const arch = TIMM_RESNETS[backbone] ?? TIMM_RESNETS.resnet50!;
  const notes: string[] = ["frozen BatchNorm statistics and affine terms are buffers, not parameters"];
  const tensors: TensorTemplate[] = [];
  const backboneConfig = r.child("backbone_config");
  const hfResnet = !timm && backboneConfig?.string("model_type").value === "resnet";
  let estimated = false;
  let last: number;
  if (hfResnet) {
    // load_backbone(config): a ResNetBackbone from backbone_config, its BatchNorms frozen (buffers).
    const inner = resnetSpecs[0]!.inventory({ ...dims, model: { ...dims.model, root: backboneConfig!, head: "backbone" } });
    for (const t of inner.tensors) if (!t.name.includes(".normalization.")) tensors.push({ ...t, name: `${p}backbone.conv_encoder.model.${t.name}`, role: "vision" });
    const widths = backboneConfig!.intList("hidden_sizes").value;
    last = widths.at(-1) ?? 2048;
  } else {
    if (!timm || !TIMM_RESNETS[backbone]) {
      estimated = true;
      notes.push(`backbone ${timm ? `"${backbone}"` : "from backbone_config"} is not one modelcheck knows; counted as timm resnet50's convolutions`);
    }
    last = timmResnetConvs(`${p}backbone.conv_encoder.model.`, channels, arch, tensors);
  }
  if ((r.string("position_embedding_type").value ?? "sine") === "learned") {
    tensors.push(
      { name: `${p}backbone.position_embedding.row_embeddings.weight`, shape: [50, Math.floor(d / 2)], role: "embedding" },
      { name: `${p}backbone.position_embedding.column_embeddings.weight`, shape: [50, Math.floor(d / 2)], role: "embedding" },
    );
  }
  tensors.push(...conv2d(`${p}input_projection`, d, last, 1, true, "projector"), { name: `${p}query_position_embeddings.weight`, shape: [queries, d], role: "embedding" });
  const enc = range(encLayers);
  const e = `${p}encoder.layers.{i}`;
  tensors.push(
    ...attention(`${e}.self_attn`, d, enc),
    ...norm(`${e}.self_attn_layer_norm`, d, true, enc),
    ...linear(`${e}.fc1`, encFf, d, true, "mlp", enc),
    ...linear(`${e}.fc2`, d, encFf, true, "mlp", enc),
    ...norm(`${e}.final_layer_norm`, d, true, enc),
  );
  const dec = range(decLayers);
  const l = `${p}decoder.layers.{i}`;
  tensors.push(
    ...attention(`${l}.self_attn`, d, dec),
    ...norm(`${l}.self_attn_layer_norm`, d, true, dec),
    ...attention(`${l}.encoder_attn`, d, dec),
    ...norm(`${l}.encoder_attn_layer_norm`, d, true, dec),
    ...linear(`${l}.fc1`, decFf, d, true, "mlp", dec),
    ...linear(`${l}.fc2`, d, decFf, true, "mlp", dec),
    ...norm(`${l}.final_layer_norm`, d, true, dec),
    ...norm(`${p}decoder.layernorm`, d, true),
  );
  if (head === "object-detection") {
    tensors.push(
      ...linear("class_labels_classifier", numLabels(dims) + 1, d, true, "other"),
      ...linear("bbox_predictor.layers.0", d, d, true, "other"),
      ...linear("bbox_predictor.layers.1", d, d, true, "other"),
      ...linear("bbox_predictor.layers.2", 4, d, true, "other"),
    );
  }
  const inventory = inventoryOf({ tensors, notes }, dims);
  if (estimated) inventory.estimated = true;
  return { ...inventory, encoderLayers: encLayers, decoderLayers: decLayers };
}

export const detrSpecs: ModelTypeSpec[] = [
  {
    modelType: "detr",
    family: "detr",
    kind: "vision",
    modelingFile: "models/detr/modeling_detr.py",
    requires: [],
    classPrefixes: ["Detr"],
    heads: ["base", "object-detection"],
    defaultHead: "base",
    defaults: {},
    tieWordEmbeddingsDefault: false,
    inventory: detrInventory,
  },
];
