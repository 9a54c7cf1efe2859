import { basePrefix, inventoryOf, numLabels } from "./decoder.js";
import { linear, norm, range, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * BioGPT (modeling_biogpt.py, configuration_biogpt.py): learned positions with OPT's offset of 2
 * (`embed_positions` [max_position_embeddings + 2, h]); per layer q/k/v/out projections with bias,
 * `self_attn_layer_norm`, `fc1`/`fc2` with bias, `final_layer_norm`; a final `layer_norm`. The
 * base-model prefix is `biogpt.`. BioGptForCausalLM's head is `output_projection`, tied to
 * `embed_tokens` by default; BioGptForSequenceClassification adds `score` without bias,
 * BioGptForTokenClassification `classifier` with bias.
 */
export const biogptSpecs: ModelTypeSpec[] = [
  {
    modelType: "biogpt",
    family: "biogpt",
    classPrefixes: ["BioGpt"],
    kind: "decoder",
    modelingFile: "models/biogpt/modeling_biogpt.py",
    heads: ["causal-lm", "base", "sequence-classification", "token-classification"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 42384, hiddenSize: 1024, intermediateSize: 4096, numLayers: 24, numHeads: 16, numKvHeads: (m) => m.numHeads ?? null, maxPositions: 1024 },
    tieWordEmbeddingsDefault: true,
    inventory: (d) => {
      const head = d.model.head;
      const prefix = head === "base" ? "" : "biogpt.";
      const layers = range(d.numLayers);
      const h = d.hiddenSize;
      const p = `${prefix}layers.{i}`;
      const embed = `${prefix}embed_tokens.weight`;
      const tensors: TensorTemplate[] = [
        { name: embed, shape: [d.vocabSize, h], role: "embedding" },
        { name: `${prefix}embed_positions.weight`, shape: [(d.maxPositions ?? 1024) + 2, h], role: "embedding" },
        ...["k_proj", "v_proj", "q_proj", "out_proj"].flatMap((proj) => linear(`${p}.self_attn.${proj}`, h, h, true, "attention", layers)),
        ...norm(`${p}.self_attn_layer_norm`, h, true, layers),
        ...linear(`${p}.fc1`, d.intermediateSize, h, true, "mlp", layers),
        ...linear(`${p}.fc2`, h, d.intermediateSize, true, "mlp", layers),
        ...norm(`${p}.final_layer_norm`, h, true, layers),
        ...norm(`${prefix}layer_norm`, h, true),
      ];
      const tied = [];
      if (head === "causal-lm") {
        if (d.tied) tied.push({ name: "output_projection.weight", tiedTo: embed });
        else tensors.push(...linear("output_projection", d.vocabSize, h, false, "lmHead"));
      }
      if (head === "sequence-classification") tensors.push(...linear("score", numLabels(d), h, false, "other"));
      if (head === "token-classification") tensors.push(...linear("classifier", numLabels(d), h, true, "other"));
      return inventoryOf({ tensors, tied }, d);
    },
  },
];
