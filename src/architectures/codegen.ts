import { basePrefix, decoderHead, inventoryOf } from "./decoder.js";
import { linear, norm, range, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * CodeGen (modeling_codegen.py, configuration_codegen.py): GPT-J's parallel block with one fused
 * `attn.qkv_proj` [3h, h] and `attn.out_proj` [h, h], both without bias; the MLP `fc_in`/`fc_out`
 * with bias; LayerNorms with bias. The sinusoidal rotary table `embed_positions` is a plain tensor
 * attribute, not a parameter. CodeGenForCausalLM's `lm_head` carries a bias and is untied by
 * default (tie_word_embeddings false); tying would share only the weight.
 */
export const codegenSpecs: ModelTypeSpec[] = [
  {
    modelType: "codegen",
    family: "codegen",
    classPrefixes: ["CodeGen"],
    kind: "decoder",
    modelingFile: "models/codegen/modeling_codegen.py",
    heads: ["causal-lm", "base"],
    defaultHead: "causal-lm",
    defaults: {
      vocabSize: 50400,
      hiddenSize: 4096,
      numLayers: 28,
      numHeads: 16,
      numKvHeads: (m) => m.numHeads ?? null,
      maxPositions: 2048,
      // CodeGenBlock: n_inner, else 4 × n_embd.
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
        ...linear(`${p}.attn.qkv_proj`, 3 * h, h, false, "attention", layers),
        ...linear(`${p}.attn.out_proj`, h, h, false, "attention", layers),
        ...linear(`${p}.mlp.fc_in`, d.intermediateSize, h, true, "mlp", layers),
        ...linear(`${p}.mlp.fc_out`, h, d.intermediateSize, true, "mlp", layers),
        ...norm(`${prefix}ln_f`, h, true),
      ];
      const head = decoderHead(d, `${prefix}wte.weight`, true);
      return inventoryOf({ tensors: [...tensors, ...head.tensors], tied: head.tied }, d);
    },
  },
];
