import type { ConfigReader } from "../normalize/config-reader.js";
import { inventoryOf } from "./decoder.js";
import { linear, norm, range, type Inventory, type Role, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { withComponent } from "./multimodal.js";

/**
 * SAM (modeling_sam.py, configuration_sam.py), SamModel:
 *
 * - `vision_encoder.*` (SamVisionEncoder, a windowed ViT): `patch_embed.projection` Conv2d with
 *   bias; `pos_embed` [1, image/patch, image/patch, h] when use_abs_pos; per layer `layer_norm1`,
 *   `attn.qkv` [3h, h] (bias with qkv_bias), `attn.proj`, and with use_rel_pos the parameters
 *   `attn.rel_pos_h` / `attn.rel_pos_w` [2·size − 1, head_dim], size being window_size for windowed
 *   layers and image/patch for the `global_attn_indexes` layers; `layer_norm2`, `mlp.lin1/lin2`
 *   (mlp_dim, else hidden · mlp_ratio). The `neck`: bias-free 1x1 and 3x3 convolutions to
 *   output_channels, each followed by a channels-first LayerNorm (weight and bias).
 * - `prompt_encoder.*`: `mask_embed` (conv1 1 → mask_input_channels/4, k2; conv2 → mask_input_channels,
 *   k2; conv3 1x1 → hidden, all biased; two LayerNorms), `no_mask_embed`, `point_embed.{0..n-1}`
 *   (num_point_embeddings) and `not_a_point_embed`, each an Embedding(1, hidden). Its
 *   `shared_embedding` is SamModel's `shared_image_embedding`, whose random-Fourier matrix
 *   `positional_embedding` is a buffer (stored in checkpoints, not a parameter).
 * - `mask_decoder.*`: `iou_token` [1, h], `mask_tokens` [num_multimask_outputs + 1, h], the
 *   two-way transformer (per layer self_attn at full width, cross_attn_token_to_image and
 *   cross_attn_image_to_token at h / attention_downsample_rate, an MLP of mlp_dim, four
 *   LayerNorms; then final_attn_token_to_image and layer_norm_final_attn), `upscale_conv1` /
 *   `upscale_conv2` (ConvTranspose2d, weights stored [in, out, 2, 2]) with `upscale_layer_norm`,
 *   one hypernetwork MLP (h → h → h → h/8) per mask token, and the IoU head (iou_head_depth layers
 *   of iou_head_hidden_dim, out to the mask tokens).
 */

interface SamVision {
  hidden: number;
  layers: number;
  heads: number;
  channels: number;
  imageSize: number;
  patchSize: number;
  outputChannels: number;
  mlpDim: number;
  qkvBias: boolean;
  absPos: boolean;
  relPos: boolean;
  window: number;
  globalLayers: number[];
}

function readVision(v: ConfigReader | null): SamVision {
  const int = (key: string, fallback: number, kind: "width" | "count" | "positions" = "width") => v?.int(key, fallback, kind).value ?? fallback;
  const hidden = int("hidden_size", 768);
  const ratio = v?.number("mlp_ratio", 4).value ?? 4;
  const global = v?.has("global_attn_indexes") ? v.intList("global_attn_indexes").value : [2, 5, 8, 11];
  return {
    hidden,
    layers: int("num_hidden_layers", 12, "count"),
    heads: int("num_attention_heads", 12, "count"),
    channels: int("num_channels", 3, "count"),
    imageSize: int("image_size", 1024, "positions"),
    patchSize: int("patch_size", 16, "positions"),
    outputChannels: int("output_channels", 256),
    mlpDim: int("mlp_dim", Math.floor(hidden * ratio)),
    qkvBias: v?.bool("qkv_bias", true).value ?? true,
    absPos: v?.bool("use_abs_pos", true).value ?? true,
    relPos: v?.bool("use_rel_pos", true).value ?? true,
    window: int("window_size", 14, "positions"),
    globalLayers: global,
  };
}

function conv(name: string, out: number, inC: number, k: number, bias: boolean, role: Role): TensorTemplate[] {
  const w: TensorTemplate = { name: `${name}.weight`, shape: [out, inC, k, k], role };
  return bias ? [w, { name: `${name}.bias`, shape: [out], role }] : [w];
}

function visionEncoder(p: string, v: SamVision): TensorTemplate[] {
  const h = v.hidden;
  const grid = Math.floor(v.imageSize / v.patchSize);
  const headDim = Math.floor(h / v.heads);
  const all = range(v.layers);
  const global = all.filter((i) => v.globalLayers.includes(i));
  const windowed = all.filter((i) => !v.globalLayers.includes(i));
  const l = `${p}layers.{i}`;
  const role: Role = "vision";
  const tensors: TensorTemplate[] = [...conv(`${p}patch_embed.projection`, h, v.channels, v.patchSize, true, role)];
  if (v.absPos) tensors.push({ name: `${p}pos_embed`, shape: [1, grid, grid, h], role });
  tensors.push(
    ...norm(`${l}.layer_norm1`, h, true, all, role),
    ...linear(`${l}.attn.qkv`, 3 * h, h, v.qkvBias, role, all),
    ...linear(`${l}.attn.proj`, h, h, true, role, all),
  );
  if (v.relPos) {
    for (const [layers, size] of [
      [windowed, v.window],
      [global, grid],
    ] as const) {
      if (layers.length === 0) continue;
      tensors.push({ name: `${l}.attn.rel_pos_h`, shape: [2 * size - 1, headDim], role, layers }, { name: `${l}.attn.rel_pos_w`, shape: [2 * size - 1, headDim], role, layers });
    }
  }
  tensors.push(
    ...norm(`${l}.layer_norm2`, h, true, all, role),
    ...linear(`${l}.mlp.lin1`, v.mlpDim, h, true, role, all),
    ...linear(`${l}.mlp.lin2`, h, v.mlpDim, true, role, all),
    ...conv(`${p}neck.conv1`, v.outputChannels, h, 1, false, role),
    ...norm(`${p}neck.layer_norm1`, v.outputChannels, true, undefined, role),
    ...conv(`${p}neck.conv2`, v.outputChannels, v.outputChannels, 3, false, role),
    ...norm(`${p}neck.layer_norm2`, v.outputChannels, true, undefined, role),
  );
  return withComponent(tensors, "visionEncoder");
}

function promptEncoder(p: string, c: ConfigReader | null): TensorTemplate[] {
  const hidden = c?.int("hidden_size", 256, "width").value ?? 256;
  const maskChannels = c?.int("mask_input_channels", 16, "width").value ?? 16;
  const points = c?.int("num_point_embeddings", 4, "count").value ?? 4;
  const quarter = Math.floor(maskChannels / 4);
  const m = `${p}mask_embed`;
  const tensors: TensorTemplate[] = [
    ...conv(`${m}.conv1`, quarter, 1, 2, true, "embedding"),
    ...conv(`${m}.conv2`, maskChannels, quarter, 2, true, "embedding"),
    ...conv(`${m}.conv3`, hidden, maskChannels, 1, true, "embedding"),
    ...norm(`${m}.layer_norm1`, quarter, true),
    ...norm(`${m}.layer_norm2`, maskChannels, true),
    { name: `${p}no_mask_embed.weight`, shape: [1, hidden], role: "embedding" },
    ...Array.from({ length: points }, (_, k): TensorTemplate => ({ name: `${p}point_embed.${k}.weight`, shape: [1, hidden], role: "embedding" })),
    { name: `${p}not_a_point_embed.weight`, shape: [1, hidden], role: "embedding" },
  ];
  return withComponent(tensors, "promptEncoder");
}

/** SamAttention at internal width h / downsample: q/k/v [internal, h] and out_proj [h, internal], all biased. */
function samAttention(p: string, h: number, downsample: number, layers?: readonly number[]): TensorTemplate[] {
  const inner = Math.floor(h / downsample);
  return [
    ...linear(`${p}.q_proj`, inner, h, true, "attention", layers),
    ...linear(`${p}.k_proj`, inner, h, true, "attention", layers),
    ...linear(`${p}.v_proj`, inner, h, true, "attention", layers),
    ...linear(`${p}.out_proj`, h, inner, true, "attention", layers),
  ];
}

/** SamFeedForward: proj_in, num_layers − 2 hidden layers, proj_out. */
function feedForward(p: string, input: number, hidden: number, output: number, numLayers: number): TensorTemplate[] {
  return [
    ...linear(`${p}.proj_in`, hidden, input, true, "other"),
    ...Array.from({ length: Math.max(0, numLayers - 2) }, (_, j) => linear(`${p}.layers.${j}`, hidden, hidden, true, "other")).flat(),
    ...linear(`${p}.proj_out`, output, hidden, true, "other"),
  ];
}

function maskDecoder(p: string, c: ConfigReader | null): TensorTemplate[] {
  const int = (key: string, fallback: number, kind: "width" | "count" = "width") => c?.int(key, fallback, kind).value ?? fallback;
  const h = int("hidden_size", 256);
  const layers = range(int("num_hidden_layers", 2, "count"));
  const mlp = int("mlp_dim", 2048);
  const down = int("attention_downsample_rate", 2, "count");
  const maskTokens = int("num_multimask_outputs", 3, "count") + 1;
  const iouDepth = int("iou_head_depth", 3, "count");
  const iouHidden = int("iou_head_hidden_dim", 256);
  const t = `${p}transformer`;
  const l = `${t}.layers.{i}`;
  const tensors: TensorTemplate[] = [
    { name: `${p}iou_token.weight`, shape: [1, h], role: "embedding" },
    { name: `${p}mask_tokens.weight`, shape: [maskTokens, h], role: "embedding" },
    ...samAttention(`${l}.self_attn`, h, 1, layers),
    ...norm(`${l}.layer_norm1`, h, true, layers),
    ...samAttention(`${l}.cross_attn_token_to_image`, h, down, layers),
    ...norm(`${l}.layer_norm2`, h, true, layers),
    ...linear(`${l}.mlp.lin1`, mlp, h, true, "mlp", layers),
    ...linear(`${l}.mlp.lin2`, h, mlp, true, "mlp", layers),
    ...norm(`${l}.layer_norm3`, h, true, layers),
    ...norm(`${l}.layer_norm4`, h, true, layers),
    ...samAttention(`${l}.cross_attn_image_to_token`, h, down, layers),
    ...samAttention(`${t}.final_attn_token_to_image`, h, down),
    ...norm(`${t}.layer_norm_final_attn`, h, true),
    // ConvTranspose2d stores its weight as [in, out, k, k].
    { name: `${p}upscale_conv1.weight`, shape: [h, Math.floor(h / 4), 2, 2], role: "other" },
    { name: `${p}upscale_conv1.bias`, shape: [Math.floor(h / 4)], role: "other" },
    { name: `${p}upscale_conv2.weight`, shape: [Math.floor(h / 4), Math.floor(h / 8), 2, 2], role: "other" },
    { name: `${p}upscale_conv2.bias`, shape: [Math.floor(h / 8)], role: "other" },
    ...norm(`${p}upscale_layer_norm`, Math.floor(h / 4), true),
    ...Array.from({ length: maskTokens }, (_, k) => feedForward(`${p}output_hypernetworks_mlps.${k}`, h, h, Math.floor(h / 8), 3)).flat(),
    ...feedForward(`${p}iou_prediction_head`, h, iouHidden, maskTokens, iouDepth),
  ];
  return withComponent(tensors, "maskDecoder");
}

function samInventory(d: RequiredDims): Inventory {
  const r = d.model.root;
  const tensors = [...visionEncoder("vision_encoder.", readVision(r.child("vision_config"))), ...promptEncoder("prompt_encoder.", r.child("prompt_encoder_config")), ...maskDecoder("mask_decoder.", r.child("mask_decoder_config"))];
  return inventoryOf({ tensors, notes: ["shared_image_embedding.positional_embedding is a buffer: checkpoints store it, the count leaves it out"] }, d);
}

export const samSpecs: ModelTypeSpec[] = [
  {
    modelType: "sam",
    family: "sam",
    kind: "vision",
    modelingFile: "models/sam/modeling_sam.py",
    // Three parts of different widths: the inventory reads vision_config, prompt_encoder_config and mask_decoder_config itself.
    requires: [],
    classPrefixes: ["Sam"],
    heads: ["base"],
    defaultHead: "base",
    defaults: {},
    tieWordEmbeddingsDefault: false,
    inventory: samInventory,
  },
];
