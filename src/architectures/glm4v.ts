import type { ConfigReader } from "../normalize/config-reader.js";
import { decoderBackbone, gatedMlp } from "./decoder.js";
import { linear, norm, range, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { wrapperInventory, wrapperLmHead, type Part } from "./multimodal.js";

/**
 * GLM-4.1V (modeling_glm4v.py, configuration_glm4v.py), e.g. zai-org/GLM-4.1V-9B-Thinking.
 *
 * Vision (Glm4vVisionModel, an AIMv2-style ViT): a biased 3-D patch convolution
 * [hidden, channels, temporal, patch, patch]; `embeddings.position_embedding`
 * nn.Embedding((image_size / patch)², hidden), interpolated to the image grid; `post_conv_layernorm`;
 * blocks with RMSNorms, `attn.qkv` (bias per `attention_bias`), a bias-free `attn.proj` and a
 * bias-free gated MLP whose width is `out_hidden_size` (Glm4VisionMlp); `post_layernorm`; a biased
 * Conv2d `downsample` [out_hidden, hidden, merge, merge]; and the merger (Glm4vVisionPatchMerger):
 * `proj` [out, out], a LayerNorm `post_projection_norm`, and a bias-free gated MLP of width
 * `intermediate_size`. The vision rotary `inv_freq` and `position_ids` are buffers.
 * Text (Glm4vTextModel): GLM-4-0414's layout: q/k/v always biased, o_proj not, `mlp.gate_up_proj`
 * fused, four RMSNorms per layer (input, post_self_attn, post_attention, post_mlp).
 *
 * Names follow current transformers: `model.visual.*`, `model.language_model.*`, `lm_head`.
 */

const VISION = "visionTower";

function visionTower(root: ConfigReader, prefix: string): Part {
  const v = root.child("vision_config");
  const int = (key: string, fallback: number, kind: "width" | "count" | "positions" = "width") => v?.int(key, fallback, kind).value ?? fallback;
  const width = int("hidden_size", 1536);
  const depth = int("depth", 24, "count");
  const out = int("out_hidden_size", 4096);
  const ff = int("intermediate_size", 13696);
  const channels = int("in_channels", 3, "count");
  const temporal = int("temporal_patch_size", 2, "count");
  const patch = int("patch_size", 14, "positions");
  const imageSize = int("image_size", 336, "positions");
  const merge = int("spatial_merge_size", 2, "count");
  const qkvBias = v?.bool("attention_bias", false).value ?? false;
  const p = `${prefix}visual.`;
  const layers = range(depth);
  const b = `${p}blocks.{i}`;
  const tower: TensorTemplate[] = [
    { name: `${p}embeddings.position_embedding.weight`, shape: [Math.floor(imageSize / patch) ** 2, width], role: "vision" },
    { name: `${p}patch_embed.proj.weight`, shape: [width, channels, temporal, patch, patch], role: "vision" },
    { name: `${p}patch_embed.proj.bias`, shape: [width], role: "vision" },
    ...norm(`${b}.norm1`, width, false, layers, "vision"),
    ...norm(`${b}.norm2`, width, false, layers, "vision"),
    ...linear(`${b}.attn.qkv`, 3 * width, width, qkvBias, "vision", layers),
    ...linear(`${b}.attn.proj`, width, width, false, "vision", layers),
    ...gatedMlp(`${b}.mlp`, width, out, false, layers, false, "vision"),
    ...norm(`${p}post_conv_layernorm`, width, false, undefined, "vision"),
    ...norm(`${p}post_layernorm`, width, false, undefined, "vision"),
  ];
  const projector: TensorTemplate[] = [
    { name: `${p}downsample.weight`, shape: [out, width, merge, merge], role: "projector" },
    { name: `${p}downsample.bias`, shape: [out], role: "projector" },
    ...linear(`${p}merger.proj`, out, out, false, "projector"),
    ...norm(`${p}merger.post_projection_norm`, out, true, undefined, "projector"),
    ...gatedMlp(`${p}merger`, out, ff, false, undefined, false, "projector"),
  ];
  return {
    tensors: [...tower.map((t) => ({ ...t, component: VISION })), ...projector.map((t) => ({ ...t, component: "projector" }))],
    tied: [],
    notes: [],
    estimated: false,
  };
}

function textModel(d: RequiredDims, p: string): Part {
  const tensors = [
    ...decoderBackbone(d, { attention: { qkvBias: true, oBias: false }, layerNorms: ["input_layernorm", "post_self_attn_layernorm", "post_attention_layernorm", "post_mlp_layernorm"] }, p),
    ...gatedMlp(`${p}layers.{i}.mlp`, d.hiddenSize, d.intermediateSize, false, range(d.numLayers), true),
  ];
  return { tensors: tensors.map((t) => ({ ...t, component: "languageModel" })), tied: [], notes: [], estimated: false };
}

function glm4vInventory(d: RequiredDims) {
  const withHead = d.model.head !== "base";
  const prefix = withHead ? "model." : "";
  const lmPrefix = `${prefix}language_model.`;
  const head = withHead ? wrapperLmHead(d, `${lmPrefix}embed_tokens.weight`) : { tensors: [], tied: [] };
  return wrapperInventory(d, [visionTower(d.model.root, prefix), textModel(d, lmPrefix)], head);
}

export const glm4vSpecs: ModelTypeSpec[] = [
  {
    modelType: "glm4v",
    family: "glm4v",
    kind: "vision-language",
    modelingFile: "models/glm4v/modeling_glm4v.py",
    classPrefixes: ["Glm4v"],
    heads: ["conditional-generation", "base"],
    defaultHead: "conditional-generation",
    // Glm4vTextConfig; head_dim is hidden / heads.
    defaults: { vocabSize: 151552, hiddenSize: 4096, intermediateSize: 13696, numLayers: 40, numHeads: 32, numKvHeads: 2, maxPositions: 32768 },
    tieWordEmbeddingsDefault: false,
    inventory: glm4vInventory,
  },
];
