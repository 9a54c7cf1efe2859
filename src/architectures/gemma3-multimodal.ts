import { norm, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { languageModel, visionDefaults, visionTower, wrapperInventory, wrapperLmHead } from "./multimodal.js";

/**
 * Gemma 3 with vision (modeling_gemma3.py Gemma3ForConditionalGeneration / Gemma3Model,
 * configuration_gemma3.py Gemma3Config): a SigLIP vision tower, Gemma3MultiModalProjector and a
 * Gemma3TextModel. Gemma3Config always builds its text config as Gemma3TextConfig, so every key
 * text_config leaves out takes gemma3_text's default (gemma-3-4b's text_config names only hidden,
 * intermediate and layer counts). The LM head is tied by default.
 *
 * Names are those a current transformers (4.52 and later) writes: `model.vision_tower.*`,
 * `model.multi_modal_projector.*`, `model.language_model.*`, `lm_head`. The checkpoints Google
 * uploaded at release use `vision_tower.*`, `multi_modal_projector.*` and `language_model.model.*`.
 */

/**
 * Gemma3MultiModalProjector: a bare [vision hidden, text hidden] matrix (applied as x @ W, hence
 * not nn.Linear's [out, in]) and a Gemma RMSNorm over the vision width. Its average pooling has no
 * parameters.
 */
function projector(prefix: string, visionHidden: number, textHidden: number): TensorTemplate[] {
  const p = `${prefix}multi_modal_projector`;
  return [{ name: `${p}.mm_input_projection_weight`, shape: [visionHidden, textHidden], role: "projector" as const }, ...norm(`${p}.mm_soft_emb_norm`, visionHidden, false, undefined, "projector")].map(
    (t) => ({ ...t, component: "projector" }),
  );
}

function gemma3Inventory(d: RequiredDims) {
  const withHead = d.model.head !== "base";
  const prefix = withHead ? "model." : "";
  const lmPrefix = `${prefix}language_model.`;
  // Gemma3Config: a missing vision_config is SiglipVisionConfig() with its own defaults.
  const vision = visionTower(d.model.root, `${prefix}vision_tower.`, "siglip_vision_model", visionDefaults("siglip_vision_model"));
  const lm = languageModel(d, "gemma3_text", lmPrefix);
  const head = withHead ? wrapperLmHead(d, `${lmPrefix}embed_tokens.weight`) : { tensors: [], tied: [] };
  const projectorPart = { tensors: projector(prefix, vision.dims.hidden, d.hiddenSize), tied: [], notes: [], estimated: false };
  return wrapperInventory(d, [vision, projectorPart, lm], head);
}

export const gemma3MultimodalSpecs: ModelTypeSpec[] = [
  {
    modelType: "gemma3",
    family: "gemma3-multimodal",
    kind: "vision-language",
    modelingFile: "models/gemma3/modeling_gemma3.py",
    // Shared with gemma3_text (Gemma3ForCausalLM); the config's model_type decides between them.
    classPrefixes: ["Gemma3"],
    heads: ["conditional-generation", "base"],
    defaultHead: "conditional-generation",
    defaults: {},
    tieWordEmbeddingsDefault: true,
    textModelType: () => "gemma3_text",
    inventory: gemma3Inventory,
  },
];
