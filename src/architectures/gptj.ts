import { basePrefix, decoderHead, inventoryOf } from "./decoder.js";
import { linear, norm, range, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * GPT-J (modeling_gptj.py, configuration_gptj.py). One LayerNorm per block feeds attention and MLP
 * in parallel; q/k/v/out projections have no bias, the MLP has; the untied `lm_head` carries a bias.
 * The sinusoidal rotary table `embed_positions` is a plain tensor attribute, not a parameter.
 */
export const gptjSpecs: ModelTypeSpec[] = [
  {
    modelType: "gptj",
    family: "gptj",
    modelingFile: "models/gptj/modeling_gptj.py",
    classPrefixes: ["GPTJ"],
    heads: ["causal-lm", "base", "sequence-classification"],
    defaultHead: "causal-lm",
    defaults: {
      vocabSize: 50400,
      hiddenSize: 4096,
      numLayers: 28,
      numHeads: 16,
      numKvHeads: (m) => m.numHeads ?? null,
      maxPositions: 2048,
      // GPTJBlock: n_inner, else 4 × n_embd.
      intermediateSize: (m) => (m.hiddenSize ? 4 * m.hiddenSize : null),
    },
    tieWordEmbeddingsDefault: false,
    inventory: (d) => {
      const prefix = basePrefix(d.model.head, "transformer.");
      const layers = range(d.numLayers);
      const h = d.hiddenSize;
      const p = `${prefix}h.{i}`;
      const tensors: TensorTemplate[] = [
        { name: `${prefix}wte.weight`, shape: [d.vocabSize, h], role: "embedding" },
        ...norm(`${p}.ln_1`, h, true, layers),
        ...["q_proj", "k_proj", "v_proj", "out_proj"].flatMap((name) => linear(`${p}.attn.${name}`, h, h, false, "attention", layers)),
        ...linear(`${p}.mlp.fc_in`, d.intermediateSize, h, true, "mlp", layers),
        ...linear(`${p}.mlp.fc_out`, h, d.intermediateSize, true, "mlp", layers),
        ...norm(`${prefix}ln_f`, h, true),
      ];
      const head = decoderHead(d, `${prefix}wte.weight`, true);
      return inventoryOf({ tensors: [...tensors, ...head.tensors], tied: head.tied }, d);
    },
  },
];
