import type { ConfigReader } from "../normalize/config-reader.js";
import { linear, norm, range, type TensorTemplate } from "./inventory.js";
import { qwenSlidingWindow } from "./llama.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { languageModel, wrapperInventory, wrapperLmHead, type Part } from "./multimodal.js";

/**
 * Qwen2-VL (modeling_qwen2_vl.py, configuration_qwen2_vl.py) and Qwen2.5-VL (modeling_qwen2_5_vl.py,
 * configuration_qwen2_5_vl.py): a ViT of their own (`visual`) whose 3-D patch convolution takes
 * `temporal_patch_size` frames, a PatchMerger that folds 2×2 patches into one token of the language
 * model's width, and a Qwen2 language model (q/k/v with bias, o_proj without).
 *
 * The text keys sit at the root of the configs Qwen published (Qwen2VLConfig passes the root to
 * Qwen2VLTextConfig when there is no text_config) or under `text_config` in configs a newer
 * transformers saved; normalization reads whichever holds `hidden_size`.
 *
 * Names are those a current transformers (4.52 and later) writes for
 * Qwen2VLForConditionalGeneration: `model.visual.*`, `model.language_model.*` and `lm_head`;
 * Qwen's own checkpoints use `visual.*` and `model.*` (the class's `_checkpoint_conversion_mapping`
 * renames them on load). The counts are the same. The vision rotary `inv_freq` is a buffer.
 */

export const VISION = "visionTower";
export const PROJECTOR = "projector";

/** Read an integer of a vision config with its class's default. */
export function visionInt(v: ConfigReader | null, key: string, fallback: number, kind: "width" | "count" | "positions" = "width"): number {
  return v?.int(key, fallback, kind).value ?? fallback;
}

export function asVision(tensors: TensorTemplate[], component = VISION): TensorTemplate[] {
  return tensors.map((t) => ({ ...t, role: component === VISION ? "vision" : "projector", component }));
}

/** The 3-D patch convolution: weight [embed, in_channels, temporal, patch, patch]. */
export function patchEmbed3d(p: string, v: ConfigReader | null, embed: number, bias: boolean, defaultPatch: number): TensorTemplate[] {
  const channels = visionInt(v, "in_channels", 3, "count");
  const temporal = visionInt(v, "temporal_patch_size", 2, "count");
  const patch = visionInt(v, "patch_size", defaultPatch, "positions");
  const tensors: TensorTemplate[] = [{ name: `${p}patch_embed.proj.weight`, shape: [embed, channels, temporal, patch, patch], role: "vision" }];
  if (bias) tensors.push({ name: `${p}patch_embed.proj.bias`, shape: [embed], role: "vision" });
  return tensors;
}

/**
 * The patch merger: a norm (LayerNorm in Qwen2-VL, RMSNorm in Qwen2.5-VL) over the vision width,
 * then mlp.0 [w·m², w·m²] and mlp.2 [out, w·m²], both with bias (m = spatial_merge_size).
 */
function patchMerger(p: string, width: number, merge: number, out: number, layerNorm: boolean): TensorTemplate[] {
  const merged = width * merge * merge;
  return asVision([...norm(`${p}merger.ln_q`, width, layerNorm), ...linear(`${p}merger.mlp.0`, merged, merged, true, "projector"), ...linear(`${p}merger.mlp.2`, out, merged, true, "projector")], PROJECTOR);
}

/** Qwen2VisionTransformerPretrainedModel (Qwen2VLVisionConfig defaults: depth 32, embed 1280, mlp_ratio 4, merger out 3584). */
function qwen2VisionTower(root: ConfigReader, prefix: string): Part {
  const v = root.child("vision_config");
  const p = `${prefix}visual.`;
  const embed = visionInt(v, "embed_dim", 1280);
  const depth = visionInt(v, "depth", 32, "count");
  const ratio = v?.number("mlp_ratio", 4).value ?? 4;
  const mlp = Math.trunc(embed * ratio);
  const out = visionInt(v, "hidden_size", 3584);
  const merge = visionInt(v, "spatial_merge_size", 2, "count");
  const layers = range(depth);
  const b = `${p}blocks.{i}`;
  const tower = asVision([
    ...patchEmbed3d(p, v, embed, false, 14),
    ...norm(`${b}.norm1`, embed, true, layers),
    ...norm(`${b}.norm2`, embed, true, layers),
    ...linear(`${b}.attn.qkv`, 3 * embed, embed, true, "vision", layers),
    ...linear(`${b}.attn.proj`, embed, embed, true, "vision", layers),
    ...linear(`${b}.mlp.fc1`, mlp, embed, true, "vision", layers),
    ...linear(`${b}.mlp.fc2`, embed, mlp, true, "vision", layers),
  ]);
  return { tensors: [...tower, ...patchMerger(p, embed, merge, out, true)], tied: [], notes: [], estimated: false };
}

/**
 * Qwen2_5_VisionTransformerPretrainedModel (Qwen2_5_VLVisionConfig defaults: depth 32, hidden 3584,
 * intermediate 3420, out 3584): RMSNorms and a gated MLP with biases; windowed attention
 * (`window_size`, `fullatt_block_indexes`) adds no parameters.
 */
function qwen25VisionTower(root: ConfigReader, prefix: string): Part {
  const v = root.child("vision_config");
  const p = `${prefix}visual.`;
  const width = visionInt(v, "hidden_size", 3584);
  const depth = visionInt(v, "depth", 32, "count");
  const ff = visionInt(v, "intermediate_size", 3420);
  const out = visionInt(v, "out_hidden_size", 3584);
  const merge = visionInt(v, "spatial_merge_size", 2, "count");
  const layers = range(depth);
  const b = `${p}blocks.{i}`;
  const tower = asVision([
    ...patchEmbed3d(p, v, width, false, 14),
    ...norm(`${b}.norm1`, width, false, layers),
    ...norm(`${b}.norm2`, width, false, layers),
    ...linear(`${b}.attn.qkv`, 3 * width, width, true, "vision", layers),
    ...linear(`${b}.attn.proj`, width, width, true, "vision", layers),
    ...linear(`${b}.mlp.gate_proj`, ff, width, true, "vision", layers),
    ...linear(`${b}.mlp.up_proj`, ff, width, true, "vision", layers),
    ...linear(`${b}.mlp.down_proj`, width, ff, true, "vision", layers),
  ]);
  return { tensors: [...tower, ...patchMerger(p, width, merge, out, false)], tied: [], notes: [], estimated: false };
}

function qwenVlInventory(tower: (root: ConfigReader, prefix: string) => Part) {
  return (d: RequiredDims) => {
    const withHead = d.model.head !== "base";
    const prefix = withHead ? "model." : "";
    const lmPrefix = `${prefix}language_model.`;
    // Qwen2VLTextModel is Qwen2Model's layout: q/k/v biased, o_proj not, two RMSNorms per layer.
    const lm = languageModel(d, "qwen2", lmPrefix);
    const head = withHead ? wrapperLmHead(d, `${lmPrefix}embed_tokens.weight`) : { tensors: [], tied: [] };
    return wrapperInventory(d, [tower(d.model.root, prefix), lm], head);
  };
}

/** Qwen2VLTextConfig / Qwen2_5_VLTextConfig defaults (a 72B shape). */
const TEXT_DEFAULTS = { vocabSize: 152064, hiddenSize: 8192, intermediateSize: 29568, numLayers: 80, numHeads: 64, numKvHeads: 8, maxPositions: 32768 };

export const qwen2VlSpecs: ModelTypeSpec[] = [
  {
    modelType: "qwen2_vl",
    family: "qwen2-vl",
    kind: "vision-language",
    modelingFile: "models/qwen2_vl/modeling_qwen2_vl.py",
    classPrefixes: ["Qwen2VL"],
    heads: ["conditional-generation", "base"],
    defaultHead: "conditional-generation",
    defaults: TEXT_DEFAULTS,
    tieWordEmbeddingsDefault: false,
    slidingWindow: qwenSlidingWindow,
    inventory: qwenVlInventory(qwen2VisionTower),
  },
  {
    modelType: "qwen2_5_vl",
    family: "qwen2-vl",
    kind: "vision-language",
    modelingFile: "models/qwen2_5_vl/modeling_qwen2_5_vl.py",
    classPrefixes: ["Qwen2_5_VL"],
    heads: ["conditional-generation", "base"],
    defaultHead: "conditional-generation",
    defaults: TEXT_DEFAULTS,
    tieWordEmbeddingsDefault: false,
    slidingWindow: qwenSlidingWindow,
    inventory: qwenVlInventory(qwen25VisionTower),
  },
];
