import { conv1dAttention, conv1dMlp, gptInventory } from "./gpt2.js";
import { norm, range, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * The original GPT (modeling_openai.py): GPT-2's Conv1D blocks with the LayerNorms after attention
 * and MLP (post-norm), no final LayerNorm, learned positions, and an LM head tied to the token
 * embeddings. Checkpoints name tensors without the `transformer.` prefix, as GPT-2's do.
 */
export const openaiGptSpecs: ModelTypeSpec[] = [
  {
    modelType: "openai-gpt",
    family: "gpt2",
    modelingFile: "models/openai/modeling_openai.py",
    classPrefixes: ["OpenAIGPT"],
    heads: ["causal-lm", "base", "sequence-classification"],
    defaultHead: "causal-lm",
    // configuration_openai.py: vocab 40478, n_positions 512, n_embd 768, n_layer 12, n_head 12; the MLP is 4 × n_embd.
    defaults: { vocabSize: 40478, hiddenSize: 768, numLayers: 12, numHeads: 12, maxPositions: 512, intermediateSize: (m) => (m.hiddenSize ? 4 * m.hiddenSize : null) },
    tieWordEmbeddingsDefault: true,
    aliases: { numKvHeads: ["n_head"] },
    inventory: (d) => {
      const layers = range(d.numLayers);
      const h = d.hiddenSize;
      const tensors: TensorTemplate[] = [
        { name: "tokens_embed.weight", shape: [d.vocabSize, h], role: "embedding" },
        { name: "positions_embed.weight", shape: [d.maxPositions ?? 512, h], role: "embedding" },
        ...conv1dAttention(h, layers),
        ...norm("h.{i}.ln_1", h, true, layers),
        ...conv1dMlp(h, d.intermediateSize, layers),
        ...norm("h.{i}.ln_2", h, true, layers),
      ];
      return gptInventory(d, tensors, "tokens_embed.weight");
    },
  },
];
