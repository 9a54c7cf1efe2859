import type { ConfigReader } from "../normalize/config-reader.js";
import { gemmaSpecs } from "./gemma.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import { llamaSpecs } from "./llama.js";
import { mixtralSpecs } from "./mixtral.js";
import type { RequiredDims } from "./model-type-spec.js";
import { phi3Specs } from "./phi3.js";

/**
 * Parts shared by the vision-language wrappers (llava.ts, gemma3-multimodal.ts): the language model
 * built by its own family's inventory under a prefix, and the CLIP and SigLIP vision towers of
 * modeling_clip.py (CLIPVisionModel) and modeling_siglip.py (SiglipVisionModel), which the wrappers
 * create with `AutoModel.from_config(config.vision_config)`.
 */

/**
 * Language models a wrapper can hold. Imported directly, not looked up in the registry, so that this
 * module does not import the registry that imports it.
 */
const TEXT_SPECS = new Map([...llamaSpecs, ...gemmaSpecs, ...mixtralSpecs, ...phi3Specs].map((s) => [s.modelType, s]));

export interface Part {
  tensors: TensorTemplate[];
  tied: Inventory["tied"];
  notes: string[];
  /** True when the part's layout was guessed. */
  estimated: boolean;
  expertsPerToken?: number | null;
}

/** Tag tensors with a component (and prefix their names). */
export function withComponent(tensors: TensorTemplate[], component: string, prefix = ""): TensorTemplate[] {
  return tensors.map((t) => ({ ...t, name: `${prefix}${t.name}`, component }));
}

/**
 * The language model as its own family builds its base model (`LlamaModel`, `Gemma3TextModel`), its
 * names under `prefix`. An unknown text model type is counted with Llama's layout and marked estimated.
 */
export function languageModel(d: RequiredDims, textModelType: string, prefix: string): Part {
  const spec = TEXT_SPECS.get(textModelType);
  const fallback = TEXT_SPECS.get("llama")!;
  const base = (spec ?? fallback).inventory({ ...d, model: { ...d.model, head: "base" } });
  return {
    tensors: withComponent(base.tensors, "languageModel", prefix),
    tied: base.tied.map((t) => ({ name: `${prefix}${t.name}`, tiedTo: `${prefix}${t.tiedTo}` })),
    notes: spec ? [] : [`text model type "${textModelType}" is not known to modelcheck; its language model is counted with Llama's layout`],
    estimated: !spec,
    expertsPerToken: base.expertsPerToken,
  };
}

/** The LM head of a wrapper class: tied to the language model's embeddings, or its own [vocab, hidden]. */
export function wrapperLmHead(d: RequiredDims, embedName: string): Pick<Part, "tensors" | "tied"> {
  if (d.tied) return { tensors: [], tied: [{ name: "lm_head.weight", tiedTo: embedName }] };
  return { tensors: withComponent(linear("lm_head", d.vocabSize, d.hiddenSize, false, "lmHead"), "languageModel"), tied: [] };
}

/** Dimensions of a CLIP or SigLIP vision tower; `fallback` holds the values a wrapper uses when its config has none. */
export interface VisionDims {
  hidden: number;
  intermediate: number;
  layers: number;
  channels: number;
  imageSize: number;
  patchSize: number;
}

const CLIP_VISION_DEFAULTS: VisionDims = { hidden: 768, intermediate: 3072, layers: 12, channels: 3, imageSize: 224, patchSize: 32 };
const SIGLIP_VISION_DEFAULTS: VisionDims = { hidden: 768, intermediate: 3072, layers: 12, channels: 3, imageSize: 224, patchSize: 16 };

/** Read a vision config with its class's defaults (configuration_clip.py CLIPVisionConfig, configuration_siglip.py SiglipVisionConfig). */
export function readVisionDims(v: ConfigReader | null, defaults: VisionDims): VisionDims {
  if (!v) return defaults;
  const int = (key: string, fallback: number, kind: "width" | "count" | "positions" = "width") => v.int(key, fallback, kind).value ?? fallback;
  return {
    hidden: int("hidden_size", defaults.hidden),
    intermediate: int("intermediate_size", defaults.intermediate),
    layers: int("num_hidden_layers", defaults.layers, "count"),
    channels: int("num_channels", defaults.channels, "count"),
    imageSize: int("image_size", defaults.imageSize, "positions"),
    patchSize: int("patch_size", defaults.patchSize, "positions"),
  };
}

export type VisionTowerType = "clip_vision_model" | "siglip_vision_model";

export function visionDefaults(type: VisionTowerType): VisionDims {
  return type === "clip_vision_model" ? CLIP_VISION_DEFAULTS : SIGLIP_VISION_DEFAULTS;
}

/** The encoder both towers share: pre-norm layers with biased q/k/v/out, LayerNorms and a GELU MLP. */
function visionEncoder(p: string, v: VisionDims): TensorTemplate[] {
  const layers = range(v.layers);
  const l = `${p}encoder.layers.{i}`;
  const h = v.hidden;
  return [
    ...linear(`${l}.self_attn.k_proj`, h, h, true, "vision", layers),
    ...linear(`${l}.self_attn.v_proj`, h, h, true, "vision", layers),
    ...linear(`${l}.self_attn.q_proj`, h, h, true, "vision", layers),
    ...linear(`${l}.self_attn.out_proj`, h, h, true, "vision", layers),
    ...norm(`${l}.layer_norm1`, h, true, layers, "vision"),
    ...linear(`${l}.mlp.fc1`, v.intermediate, h, true, "vision", layers),
    ...linear(`${l}.mlp.fc2`, h, v.intermediate, true, "vision", layers),
    ...norm(`${l}.layer_norm2`, h, true, layers, "vision"),
  ];
}

/**
 * CLIPVisionModel: a class embedding, a bias-free patch convolution, one position per patch plus the
 * class token, `pre_layrnorm` (sic), every encoder layer (all are built, whichever one
 * `vision_feature_layer` reads) and `post_layernorm`. The `position_ids` buffer is not persistent.
 */
function clipVisionTower(prefix: string, v: VisionDims): TensorTemplate[] {
  return clipVisionTransformer(`${prefix}vision_model.`, v, "visionTower");
}

/**
 * CLIPVisionTransformer (modeling_clip.py) under `p` (e.g. "vision_model."), every tensor tagged
 * `component`: `embeddings.class_embedding` [h], a bias-free `embeddings.patch_embedding`
 * [h, channels, patch, patch], `embeddings.position_embedding` [(image/patch)² + 1, h],
 * `pre_layrnorm` (CLIP's spelling; OWL-ViT's `pre_layernorm` via `preNorm`), the encoder layers and
 * `post_layernorm`. Reused by clip.ts, owlvit.ts and the vision-language wrappers.
 */
export function clipVisionTransformer(p: string, v: VisionDims, component: string, options: { preNorm?: string } = {}): TensorTemplate[] {
  const h = v.hidden;
  const patches = Math.floor(v.imageSize / v.patchSize) ** 2;
  return withComponent(
    [
      { name: `${p}embeddings.class_embedding`, shape: [h], role: "vision" },
      { name: `${p}embeddings.patch_embedding.weight`, shape: [h, v.channels, v.patchSize, v.patchSize], role: "vision" },
      { name: `${p}embeddings.position_embedding.weight`, shape: [patches + 1, h], role: "vision" },
      ...norm(`${p}${options.preNorm ?? "pre_layrnorm"}`, h, true, undefined, "vision"),
      ...visionEncoder(p, v),
      ...norm(`${p}post_layernorm`, h, true, undefined, "vision"),
    ],
    component,
  );
}

/**
 * SiglipVisionModel: a patch convolution with bias, one position per patch (no class token), the
 * encoder, `post_layernorm`, and the attention-pooling head unless `vision_use_head` is false
 * (SiglipMultiheadAttentionPoolingHead: a probe, nn.MultiheadAttention's packed in_proj, a LayerNorm
 * and an MLP).
 */
function siglipVisionTower(prefix: string, v: VisionDims, useHead: boolean): TensorTemplate[] {
  return siglipVisionTransformer(`${prefix}vision_model.`, v, "visionTower", { useHead });
}

/**
 * SiglipVisionTransformer (modeling_siglip.py) under `p`, tagged `component`. With `naflexPatches`
 * it is Siglip2VisionTransformer (modeling_siglip2.py): the patch embedding is an nn.Linear over
 * flattened patches [h, channels·patch²] and the position table has `num_patches` rows (a grid
 * resized to each image at run time), independent of any image size.
 */
export function siglipVisionTransformer(p: string, v: VisionDims, component: string, options: { useHead: boolean; naflexPatches?: number }): TensorTemplate[] {
  const h = v.hidden;
  const patches = options.naflexPatches ?? Math.floor(v.imageSize / v.patchSize) ** 2;
  const patchEmbedding: TensorTemplate[] =
    options.naflexPatches === undefined
      ? [
          { name: `${p}embeddings.patch_embedding.weight`, shape: [h, v.channels, v.patchSize, v.patchSize], role: "vision" },
          { name: `${p}embeddings.patch_embedding.bias`, shape: [h], role: "vision" },
        ]
      : linear(`${p}embeddings.patch_embedding`, h, v.channels * v.patchSize * v.patchSize, true, "vision");
  const tensors: TensorTemplate[] = [
    ...patchEmbedding,
    { name: `${p}embeddings.position_embedding.weight`, shape: [patches, h], role: "vision" },
    ...visionEncoder(p, v),
    ...norm(`${p}post_layernorm`, h, true, undefined, "vision"),
  ];
  if (options.useHead) {
    tensors.push(
      { name: `${p}head.probe`, shape: [1, 1, h], role: "vision" },
      { name: `${p}head.attention.in_proj_weight`, shape: [3 * h, h], role: "vision" },
      { name: `${p}head.attention.in_proj_bias`, shape: [3 * h], role: "vision" },
      ...linear(`${p}head.attention.out_proj`, h, h, true, "vision"),
      ...norm(`${p}head.layernorm`, h, true, undefined, "vision"),
      ...linear(`${p}head.mlp.fc1`, v.intermediate, h, true, "vision"),
      ...linear(`${p}head.mlp.fc2`, h, v.intermediate, true, "vision"),
    );
  }
  return withComponent(tensors, component);
}

/**
 * The config a dual-tower class reads for one tower: `text_config` / `vision_config` of the full
 * config, else the root itself when the config is that tower alone (its model_type is `ownType`),
 * else null (the class defaults).
 */
export function towerConfig(root: ConfigReader, key: "text_config" | "vision_config", ownType: string): ConfigReader | null {
  const child = root.child(key);
  if (child) return child;
  return root.string("model_type").value === ownType ? root : null;
}

/** Dimensions of a CLIP-style text tower (CLIPTextConfig, SiglipTextConfig, OwlViTTextConfig). */
export interface TextTowerDims {
  vocab: number;
  hidden: number;
  intermediate: number;
  layers: number;
  maxPositions: number;
  /** SigLIP's pooled-output head width (`projection_size`, hidden_size when absent); CLIP has no head. */
  projectionSize: number;
}

/** CLIPTextConfig's defaults (configuration_clip.py). */
export const CLIP_TEXT_DEFAULTS: TextTowerDims = { vocab: 49408, hidden: 512, intermediate: 2048, layers: 12, maxPositions: 77, projectionSize: 512 };
/** SiglipTextConfig's defaults (configuration_siglip.py); Siglip2TextConfig has the same. */
export const SIGLIP_TEXT_DEFAULTS: TextTowerDims = { vocab: 32000, hidden: 768, intermediate: 3072, layers: 12, maxPositions: 64, projectionSize: 768 };

/** Read a text config with its class's defaults; `projection_size` defaults to the hidden size read. */
export function readTextTowerDims(t: ConfigReader | null, defaults: TextTowerDims): TextTowerDims {
  if (!t) return defaults;
  const int = (key: string, fallback: number, kind: "width" | "count" | "positions" | "vocab" = "width") => t.int(key, fallback, kind).value ?? fallback;
  const hidden = int("hidden_size", defaults.hidden);
  return {
    vocab: int("vocab_size", defaults.vocab, "vocab"),
    hidden,
    intermediate: int("intermediate_size", defaults.intermediate),
    layers: int("num_hidden_layers", defaults.layers, "count"),
    maxPositions: int("max_position_embeddings", defaults.maxPositions, "positions"),
    projectionSize: int("projection_size", hidden),
  };
}

/**
 * CLIPTextTransformer (modeling_clip.py) under `p` (e.g. "text_model."), tagged `component`:
 * `embeddings.token_embedding` [vocab, h], `embeddings.position_embedding` [max positions, h] (the
 * `position_ids` buffer is not a parameter), the same pre-norm encoder layers as the vision tower
 * and `final_layer_norm`. With `siglipHead` it is SiglipTextTransformer: a biased `head`
 * [projection_size, h] on the pooled (last) token.
 */
export function clipTextTransformer(p: string, t: TextTowerDims, component: string, options: { siglipHead?: boolean } = {}): TensorTemplate[] {
  const h = t.hidden;
  const layers = range(t.layers);
  const l = `${p}encoder.layers.{i}`;
  const tensors: TensorTemplate[] = [
    { name: `${p}embeddings.token_embedding.weight`, shape: [t.vocab, h], role: "embedding" },
    { name: `${p}embeddings.position_embedding.weight`, shape: [t.maxPositions, h], role: "embedding" },
    ...linear(`${l}.self_attn.k_proj`, h, h, true, "attention", layers),
    ...linear(`${l}.self_attn.v_proj`, h, h, true, "attention", layers),
    ...linear(`${l}.self_attn.q_proj`, h, h, true, "attention", layers),
    ...linear(`${l}.self_attn.out_proj`, h, h, true, "attention", layers),
    ...norm(`${l}.layer_norm1`, h, true, layers),
    ...linear(`${l}.mlp.fc1`, t.intermediate, h, true, "mlp", layers),
    ...linear(`${l}.mlp.fc2`, h, t.intermediate, true, "mlp", layers),
    ...norm(`${l}.layer_norm2`, h, true, layers),
    ...norm(`${p}final_layer_norm`, h, true),
  ];
  if (options.siglipHead) tensors.push(...linear(`${p}head`, t.projectionSize, h, true, "projector"));
  return withComponent(tensors, component);
}

/**
 * The vision tower a wrapper's `vision_config` asks for. `defaultType` and `fallback` are what the
 * wrapper's configuration class uses when the config names no type or has no vision_config at all.
 */
export function visionTower(root: ConfigReader, prefix: string, defaultType: VisionTowerType, fallback: VisionDims): Part & { dims: VisionDims } {
  const v = root.child("vision_config");
  const named = v?.string("model_type").value ?? defaultType;
  const known = named === "clip_vision_model" || named === "siglip_vision_model";
  const type: VisionTowerType = known ? named : defaultType;
  const dims = v ? readVisionDims(v, visionDefaults(type)) : fallback;
  const useHead = type === "siglip_vision_model" && (v?.bool("vision_use_head", true).value ?? true);
  const tensors = type === "clip_vision_model" ? clipVisionTower(prefix, dims) : siglipVisionTower(prefix, dims, useHead);
  return {
    tensors,
    tied: [],
    notes: known ? [] : [`vision tower type "${named}" is not known to modelcheck; counted with the ${type} layout`],
    estimated: !known,
    dims,
  };
}

/** Combine the parts of a wrapper into one inventory. */
export function wrapperInventory(d: RequiredDims, parts: Part[], extra: Pick<Part, "tensors" | "tied">): Inventory {
  return {
    tensors: [...parts.flatMap((p) => p.tensors), ...extra.tensors],
    tied: [...parts.flatMap((p) => p.tied), ...extra.tied],
    expertsPerToken: parts.find((p) => p.expertsPerToken)?.expertsPerToken ?? null,
    estimated: d.model.estimateReason !== null || parts.some((p) => p.estimated),
    notes: parts.flatMap((p) => p.notes),
  };
}

/** The text model type of a wrapper's config: its `text_config.model_type`, or the class's default. */
export function textModelTypeOf(textConfig: ConfigReader | null, fallback: string): string {
  return textConfig?.string("model_type").value ?? fallback;
}
