import { conv1d, linear, norm, range, type TensorTemplate } from "./inventory.js";
import { inventoryOf, numLabels } from "./decoder.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * GPT-2 (modeling_gpt2.py). Checkpoints name tensors without the `transformer.` prefix and store
 * Conv1D weights as [in, out]. The causal mask `attn.bias` is a buffer: not a parameter, although
 * the original checkpoints store it.
 */
export const gpt2Specs: ModelTypeSpec[] = [
  {
    modelType: "gpt2",
    family: "gpt2",
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
        ...conv1d("h.{i}.attn.c_attn", h, 3 * h, "attention", layers),
        ...conv1d("h.{i}.attn.c_proj", h, h, "attention", layers),
        ...norm("h.{i}.ln_2", h, true, layers),
        ...conv1d("h.{i}.mlp.c_fc", h, d.intermediateSize, "mlp", layers),
        ...conv1d("h.{i}.mlp.c_proj", d.intermediateSize, h, "mlp", layers),
        ...norm("ln_f", h, true),
      ];
      const tied = [];
      if (d.model.head === "causal-lm") {
        if (d.tied) tied.push({ name: "lm_head.weight", tiedTo: "wte.weight" });
        else tensors.push(...linear("lm_head", d.vocabSize, h, false, "lmHead"));
      }
      if (d.model.head === "sequence-classification") tensors.push(...linear("score", numLabels(d), h, false, "other"));
      return inventoryOf({ tensors, tied }, d);
    },
  },
];
