import { conv1d, linear, norm, range, type TensorTemplate } from "./inventory.js";
import { inventoryOf, numLabels } from "./decoder.js";
import type { Inventory } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/** GPT's Conv1D attention: fused q/k/v (`c_attn`, [h, 3h]) and the output projection. */
export function conv1dAttention(h: number, layers: readonly number[]): TensorTemplate[] {
  return [...conv1d("h.{i}.attn.c_attn", h, 3 * h, "attention", layers), ...conv1d("h.{i}.attn.c_proj", h, h, "attention", layers)];
}

/** GPT's Conv1D MLP: `c_fc` up to d_ff, `c_proj` back down. */
export function conv1dMlp(h: number, dFf: number, layers: readonly number[]): TensorTemplate[] {
  return [...conv1d("h.{i}.mlp.c_fc", h, dFf, "mlp", layers), ...conv1d("h.{i}.mlp.c_proj", dFf, h, "mlp", layers)];
}

/** The heads GPT and GPT-2 classes add: an LM head tied to `embedding` (or its own), or a classifier `score`. */
export function gptInventory(d: RequiredDims, tensors: TensorTemplate[], embedding: string): Inventory {
  const tied = [];
  if (d.model.head === "causal-lm") {
    if (d.tied) tied.push({ name: "lm_head.weight", tiedTo: embedding });
    else tensors.push(...linear("lm_head", d.vocabSize, d.hiddenSize, false, "lmHead"));
  }
  if (d.model.head === "sequence-classification") tensors.push(...linear("score", numLabels(d), d.hiddenSize, false, "other"));
  return inventoryOf({ tensors, tied }, d);
}

/**
 * GPT-2 (modeling_gpt2.py). Checkpoints name tensors without the `transformer.` prefix and store
 * Conv1D weights as [in, out]. The causal mask `attn.bias` is a buffer: not a parameter, although
 * the original checkpoints store it.
 */
export const gpt2Specs: ModelTypeSpec[] = [
  {
    modelType: "gpt2",
    family: "gpt2",
    modelingFile: "models/gpt2/modeling_gpt2.py",
    classPrefixes: ["GPT2"],
    heads: ["causal-lm", "base", "sequence-classification"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 50257, hiddenSize: 768, numLayers: 12, numHeads: 12, maxPositions: 1024, intermediateSize: (m) => (m.hiddenSize ? 4 * m.hiddenSize : null) },
    tieWordEmbeddingsDefault: true,
    // GPT-2 has no grouped attention: every head has its own K and V.
    aliases: { numKvHeads: ["n_head"] },
    inventory: (d) => {
      const layers = range(d.numLayers);
      const h = d.hiddenSize;
      const tensors: TensorTemplate[] = [
        { name: "wte.weight", shape: [d.vocabSize, h], role: "embedding" },
        { name: "wpe.weight", shape: [d.maxPositions ?? 1024, h], role: "embedding" },
        ...norm("h.{i}.ln_1", h, true, layers),
        ...conv1dAttention(h, layers),
        ...norm("h.{i}.ln_2", h, true, layers),
        ...conv1dMlp(h, d.intermediateSize, layers),
        ...norm("ln_f", h, true),
      ];
      return gptInventory(d, tensors, "wte.weight");
    },
  },
];
