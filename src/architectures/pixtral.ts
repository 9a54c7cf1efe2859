import type { ConfigReader } from "../normalize/config-reader.js";
import { linear, norm, range, type TensorTemplate } from "./inventory.js";
import { readVisionDims, type Part, type VisionDims } from "./multimodal.js";
import { gatedMlp } from "./decoder.js";
import { tagged } from "./vlm-parts.js";
import { conv2d } from "./vit-encoder.js";

/**
 * The Pixtral vision encoder (modeling_pixtral.py PixtralVisionModel, configuration_pixtral.py
 * PixtralVisionConfig), the tower of mistral-community/pixtral-12b (a LlavaForConditionalGeneration)
 * and of Mistral 3.x (Mistral3ForConditionalGeneration): a bias-free patch convolution `patch_conv`,
 * an RMSNorm `ln_pre`, and `transformer.layers.{i}` of RMSNorm `attention_norm`, bias-free
 * q/k/v/o [hidden, hidden] under `attention`, RMSNorm `ffn_norm` and a bias-free SwiGLU
 * `feed_forward` (gate/up/down). Positions are a 2D RoPE whose `inv_freq` is a non-persistent
 * buffer: no position parameters, so the image size changes nothing.
 */

/** A Pixtral vision config; image_size only bounds the 2-D RoPE, it shapes no tensor. */
export type PixtralDims = VisionDims;

/** PixtralVisionConfig's defaults (Pixtral-12B's encoder: 1024 wide, 24 layers, 16-pixel patches, 1024-pixel images). */
export const PIXTRAL_DEFAULTS: PixtralDims = { hidden: 1024, intermediate: 4096, layers: 24, channels: 3, imageSize: 1024, patchSize: 16 };

export function readPixtralDims(v: ConfigReader | null, defaults: PixtralDims = PIXTRAL_DEFAULTS): PixtralDims {
  return readVisionDims(v, defaults);
}

/** PixtralVisionModel's tensors under `prefix` (e.g. `model.vision_tower.`), component "visionTower". */
export function pixtralVisionTower(prefix: string, v: PixtralDims): Part & { dims: PixtralDims } {
  const h = v.hidden;
  const layers = range(v.layers);
  const l = `${prefix}transformer.layers.{i}`;
  const tensors: TensorTemplate[] = [
    ...conv2d(`${prefix}patch_conv`, h, v.channels, v.patchSize, false, "vision"),
    ...norm(`${prefix}ln_pre`, h, false, undefined, "vision"),
    ...norm(`${l}.attention_norm`, h, false, layers, "vision"),
    ...linear(`${l}.attention.q_proj`, h, h, false, "vision", layers),
    ...linear(`${l}.attention.k_proj`, h, h, false, "vision", layers),
    ...linear(`${l}.attention.v_proj`, h, h, false, "vision", layers),
    ...linear(`${l}.attention.o_proj`, h, h, false, "vision", layers),
    ...norm(`${l}.ffn_norm`, h, false, layers, "vision"),
    ...gatedMlp(`${l}.feed_forward`, h, v.intermediate, false, layers, false, "vision"),
  ];
  return { tensors: tagged(tensors, "visionTower"), tied: [], notes: [], estimated: false, dims: v };
}
