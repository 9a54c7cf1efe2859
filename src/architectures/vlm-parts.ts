import { cohere2Specs } from "./cohere2.js";
import { norm, range, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { languageModel, type Part, type VisionDims } from "./multimodal.js";
import { conv2d, vitEncoderLayers, type VitLayerNames } from "./vit-encoder.js";

/**
 * Parts the vision-language families of idefics.ts, paligemma.ts, mistral3.ts, aya-vision.ts and
 * llava.ts share beyond multimodal.ts: a language model of a family multimodal.ts's list lacks
 * (Cohere 2), one component tag for a list of tensors, and the SigLIP-style encoder that Idefics 2/3
 * and SmolVLM build themselves (not through SiglipVisionModel, so without its `vision_model.` level).
 */

/** Text families a wrapper of this file's users may hold besides those multimodal.ts knows. Imported directly, never through the registry. */
const EXTRA_TEXT_SPECS = new Map<string, ModelTypeSpec>([...cohere2Specs].map((s) => [s.modelType, s]));

export function tagged(tensors: TensorTemplate[], component: string): TensorTemplate[] {
  return tensors.map((t) => ({ ...t, component }));
}

/**
 * The language model as its own family builds its base model, under `prefix`. Cohere 2 (Aya Vision)
 * is built here; every other type goes to multimodal.ts's languageModel (Llama's layout, marked
 * estimated, for a type it does not know).
 */
export function textModel(d: RequiredDims, textModelType: string, prefix: string): Part {
  if (textModelType !== "cohere2") return languageModel(d, textModelType, prefix);
  const spec = EXTRA_TEXT_SPECS.get(textModelType)!;
  const base = spec.inventory({ ...d, model: { ...d.model, head: "base" } });
  return {
    tensors: base.tensors.map((t) => ({ ...t, name: `${prefix}${t.name}`, component: "languageModel" })),
    tied: base.tied.map((t) => ({ name: `${prefix}${t.name}`, tiedTo: `${prefix}${t.tiedTo}` })),
    notes: [],
    estimated: false,
    expertsPerToken: base.expertsPerToken,
  };
}

/** Dims of the SigLIP-style towers of Idefics 2, Idefics 3 and SmolVLM: a vision config read as CLIP and SigLIP read theirs. */
export type SiglipLikeDims = VisionDims;

const SIGLIP_LAYER_NAMES: VitLayerNames = {
  norms: ["layer_norm1", "layer_norm2"],
  query: "self_attn.q_proj",
  key: "self_attn.k_proj",
  value: "self_attn.v_proj",
  out: "self_attn.out_proj",
  fc1: "mlp.fc1",
  fc2: "mlp.fc2",
};

/**
 * Idefics2VisionTransformer (and its copies Idefics3VisionTransformer, SmolVLMVisionTransformer):
 * a biased patch convolution, one learned position per patch of the largest image
 * ((image_size / patch_size)², no class token), pre-norm encoder layers with biased q/k/v/out and a
 * biased fc1/fc2 MLP, LayerNorms with bias, and `post_layernorm`. No pooling head.
 */
export function siglipLikeTower(prefix: string, v: SiglipLikeDims): TensorTemplate[] {
  const patches = Math.floor(v.imageSize / v.patchSize) ** 2;
  return tagged(
    [
      ...conv2d(`${prefix}embeddings.patch_embedding`, v.hidden, v.channels, v.patchSize, true, "vision"),
      { name: `${prefix}embeddings.position_embedding.weight`, shape: [patches, v.hidden], role: "vision" },
      ...vitEncoderLayers(`${prefix}encoder.layers.{i}`, { hidden: v.hidden, intermediate: v.intermediate, qkvBias: true }, range(v.layers), { names: SIGLIP_LAYER_NAMES, role: "vision" }),
      ...norm(`${prefix}post_layernorm`, v.hidden, true, undefined, "vision"),
    ],
    "visionTower",
  );
}

/** A projector part from its tensors. */
export function projectorPart(tensors: TensorTemplate[]): Part {
  return { tensors: tagged(tensors, "projector"), tied: [], notes: [], estimated: false };
}
