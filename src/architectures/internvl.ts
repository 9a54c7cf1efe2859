import type { ConfigReader } from "../normalize/config-reader.js";
import { linear, norm, range, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { languageModel, textModelTypeOf, wrapperInventory, wrapperLmHead, type Part } from "./multimodal.js";

/**
 * InternVL, the transformers-native "-hf" checkpoints (modeling_internvl.py,
 * configuration_internvl.py): InternViT (InternVLVisionModel), a projector and the language model
 * of `text_config` (Qwen2 unless it names another type: InternVL3-1B/2B/8B are Qwen2.5, InternVL3.5
 * Qwen3).
 *
 * InternVLVisionModel: `embeddings.cls_token` [1, 1, w], an optional `mask_token`, a biased patch
 * convolution `embeddings.patch_embeddings.projection`, absolute `position_embeddings`
 * [1, patches + 1, w]; layers `encoder.layer.{i}` with q/k/v (bias per `attention_bias`), a biased
 * `projection_layer`, optional full-width q_norm/k_norm RMSNorms (`use_qk_norm`, InternViT-6B), a
 * GELU MLP fc1/fc2, `layernorm_before`/`layernorm_after` (LayerNorm, or RMSNorm for
 * norm_type rms_norm) and the layer-scale vectors `lambda_1`/`lambda_2` [w]; a final `layernorm`
 * only without mean pooling.
 * InternVLMultiModalProjector (the remote code's `mlp1`): LayerNorm over w·(1/downsample_ratio)²,
 * linear_1 to the text width and linear_2 text → text, both biased.
 *
 * Names are those a current transformers writes for InternVLForConditionalGeneration:
 * `model.vision_tower.*`, `model.multi_modal_projector.*`, `model.language_model.*`, `lm_head`.
 * The remote-code InternVLChatModel checkpoints (OpenGVLab/InternVL3-8B without "-hf") use other
 * names (`vision_model.*`, fused `attn.qkv`, `mlp1.*`, `language_model.model.*`) and are not this
 * model type.
 */

const VISION = "visionTower";

function visionPair(v: ConfigReader | null, key: string, fallback: number): number {
  const raw = v?.value(key);
  if (Array.isArray(raw) && typeof raw[0] === "number") return raw[0];
  return v?.int(key, fallback, "positions").value ?? fallback;
}

/** InternVLVisionModel with InternVLVisionConfig's defaults (InternViT-300M: width 1024, 24 layers, 448 px, patch 14). */
function visionTower(root: ConfigReader, prefix: string): Part & { width: number } {
  const v = root.child("vision_config");
  const int = (key: string, fallback: number, kind: "width" | "count" = "width") => v?.int(key, fallback, kind).value ?? fallback;
  const bool = (key: string, fallback: boolean) => v?.bool(key, fallback).value ?? fallback;
  const w = int("hidden_size", 1024);
  const ff = int("intermediate_size", 4096);
  const layersN = int("num_hidden_layers", 24, "count");
  const channels = int("num_channels", 3, "count");
  const image = visionPair(v, "image_size", 448);
  const patch = visionPair(v, "patch_size", 14);
  const bias = bool("attention_bias", false);
  const qkNorm = bool("use_qk_norm", false);
  const layerNorm = (v?.string("norm_type").value ?? "layer_norm") !== "rms_norm";
  const p = `${prefix}vision_tower.`;
  const layers = range(layersN);
  const l = `${p}encoder.layer.{i}`;
  const tensors: TensorTemplate[] = [{ name: `${p}embeddings.cls_token`, shape: [1, 1, w], role: "vision" }];
  if (bool("use_mask_token", false)) tensors.push({ name: `${p}embeddings.mask_token`, shape: [1, 1, w], role: "vision" });
  tensors.push(
    { name: `${p}embeddings.patch_embeddings.projection.weight`, shape: [w, channels, patch, patch], role: "vision" },
    { name: `${p}embeddings.patch_embeddings.projection.bias`, shape: [w], role: "vision" },
  );
  if (bool("use_absolute_position_embeddings", true)) tensors.push({ name: `${p}embeddings.position_embeddings`, shape: [1, Math.floor(image / patch) ** 2 + 1, w], role: "vision" });
  tensors.push(
    ...linear(`${l}.attention.q_proj`, w, w, bias, "vision", layers),
    ...linear(`${l}.attention.k_proj`, w, w, bias, "vision", layers),
    ...linear(`${l}.attention.v_proj`, w, w, bias, "vision", layers),
    ...linear(`${l}.attention.projection_layer`, w, w, true, "vision", layers),
  );
  if (qkNorm) tensors.push(...norm(`${l}.attention.q_norm`, w, false, layers, "vision"), ...norm(`${l}.attention.k_norm`, w, false, layers, "vision"));
  tensors.push(
    ...linear(`${l}.mlp.fc1`, ff, w, true, "vision", layers),
    ...linear(`${l}.mlp.fc2`, w, ff, true, "vision", layers),
    ...norm(`${l}.layernorm_before`, w, layerNorm, layers, "vision"),
    ...norm(`${l}.layernorm_after`, w, layerNorm, layers, "vision"),
    { name: `${l}.lambda_1`, shape: [w], role: "vision", layers },
    { name: `${l}.lambda_2`, shape: [w], role: "vision", layers },
  );
  if (!bool("use_mean_pooling", true)) tensors.push(...norm(`${p}layernorm`, w, true, undefined, "vision"));
  return { tensors: tensors.map((t) => ({ ...t, component: VISION })), tied: [], notes: [], estimated: false, width: w };
}

function projector(d: RequiredDims, prefix: string, visionWidth: number): Part {
  const ratio = d.model.root.number("downsample_ratio", 0.5).value ?? 0.5;
  const merged = visionWidth * Math.trunc(1 / ratio) ** 2;
  const p = `${prefix}multi_modal_projector`;
  const tensors = [...norm(`${p}.layer_norm`, merged, true, undefined, "projector"), ...linear(`${p}.linear_1`, d.hiddenSize, merged, true, "projector"), ...linear(`${p}.linear_2`, d.hiddenSize, d.hiddenSize, true, "projector")];
  return { tensors: tensors.map((t) => ({ ...t, component: "projector" })), tied: [], notes: [], estimated: false };
}

function internvlInventory(d: RequiredDims) {
  const withHead = d.model.head !== "base";
  const prefix = withHead ? "model." : "";
  const lmPrefix = `${prefix}language_model.`;
  const vision = visionTower(d.model.root, prefix);
  const lm = languageModel(d, textModelTypeOf(d.model.root.child("text_config"), "qwen2"), lmPrefix);
  const head = withHead ? wrapperLmHead(d, `${lmPrefix}embed_tokens.weight`) : { tensors: [], tied: [] };
  return wrapperInventory(d, [vision, projector(d, prefix, vision.width), lm], head);
}

export const internvlSpecs: ModelTypeSpec[] = [
  {
    modelType: "internvl",
    family: "internvl",
    kind: "vision-language",
    modelingFile: "models/internvl/modeling_internvl.py",
    classPrefixes: ["InternVL"],
    heads: ["conditional-generation", "base"],
    defaultHead: "conditional-generation",
    // The language model's defaults come from its own model type (textModelType).
    defaults: {},
    // Tying follows the text config (Qwen2Config: tie_word_embeddings=False).
    tieWordEmbeddingsDefault: false,
    textModelType: (textConfig) => textModelTypeOf(textConfig, "qwen2"),
    inventory: internvlInventory,
  },
];
