/**
 * Other spellings of a stored tensor name that may denote the same inventory tensor. Inventories use
 * the names `save_pretrained` writes for the class in `architectures[0]`; checkpoints saved from a
 * base class (LlamaModel: `layers.0...`) or a head class (LlamaForCausalLM: `model.layers.0...`),
 * older GPT-2 saves (no `transformer.` prefix) and multimodal checkpoints from before transformers
 * 4.52 (`language_model.model.*`, `vision_tower.*`) name the same tensors differently.
 */

/** Prefixes of a base model inside a head class, across the families modelled. */
const BASE_PREFIXES = ["model.", "transformer.", "gpt_neox.", "bert.", "roberta.", "distilbert.", "backbone.", "model.decoder.", "decoder."];

/** Legacy multimodal layouts (LlavaForConditionalGeneration before 4.52) and their current names. */
const LEGACY_MULTIMODAL: readonly [string, string][] = [
  ["language_model.model.", "model.language_model."],
  ["language_model.lm_head.", "lm_head."],
  ["vision_tower.", "model.vision_tower."],
  ["multi_modal_projector.", "model.multi_modal_projector."],
];

/** Candidate names for a stored name, most specific first; the name itself is not included. */
export function nameCandidates(name: string): string[] {
  // TensorFlow-era LayerNorm names (BERT's original checkpoints), renamed by transformers on load.
  if (name.endsWith(".gamma")) return withRenamed(`${name.slice(0, -".gamma".length)}.weight`);
  if (name.endsWith(".beta")) return withRenamed(`${name.slice(0, -".beta".length)}.bias`);
  return prefixCandidates(name);
}

function withRenamed(renamed: string): string[] {
  return [renamed, ...prefixCandidates(renamed)];
}

function prefixCandidates(name: string): string[] {
  const out: string[] = [];
  for (const [legacy, current] of LEGACY_MULTIMODAL) if (name.startsWith(legacy)) out.push(current + name.slice(legacy.length));
  for (const prefix of BASE_PREFIXES) {
    if (name.startsWith(prefix)) {
      const rest = name.slice(prefix.length);
      out.push(rest);
      for (const other of BASE_PREFIXES) if (other !== prefix) out.push(other + rest);
    }
  }
  if (out.length === 0) for (const prefix of BASE_PREFIXES) out.push(prefix + name);
  return out;
}
