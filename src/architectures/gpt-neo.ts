import { basePrefix, decoderHead, inventoryOf } from "./decoder.js";
import { linear, norm, range, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * GPT-Neo (modeling_gpt_neo.py, configuration_gpt_neo.py). Learned positions `wpe`
 * [max_position_embeddings, h]; each block's attention sits one module deeper
 * (`attn.attention.q_proj`): q/k/v without bias, `out_proj` with bias; LayerNorms with bias; the
 * MLP `c_fc`/`c_proj` are nn.Linear ([out, in]), not GPT-2's Conv1D. Local and global layers
 * (`attention_types`) differ only in their causal-mask buffer `attn.attention.bias` (and the scalar
 * `masked_bias`), which are buffers, not parameters. The LM head is tied to `wte` by default.
 */
export const gptNeoSpecs: ModelTypeSpec[] = [
  {
    modelType: "gpt_neo",
    family: "gpt_neo",
    classPrefixes: ["GPTNeo"],
    kind: "decoder",
    modelingFile: "models/gpt_neo/modeling_gpt_neo.py",
    heads: ["causal-lm", "base", "sequence-classification"],
    defaultHead: "causal-lm",
    defaults: {
      vocabSize: 50257,
      hiddenSize: 2048,
      numLayers: 24,
      numHeads: 16,
      numKvHeads: (m) => m.numHeads ?? null,
      maxPositions: 2048,
      // GPTNeoBlock: intermediate_size, else 4 × hidden_size.
      intermediateSize: (m) => (m.hiddenSize ? 4 * m.hiddenSize : null),
    },
    tieWordEmbeddingsDefault: true,
    // GPTNeoConfig: intermediate_size None (the released configs write null) means 4 × hidden_size.
    nullMeansDerived: ["intermediate_size"],
    inventory: (d) => {
      const prefix = basePrefix(d.model.head, "transformer.");
      const layers = range(d.numLayers);
      const h = d.hiddenSize;
      const p = `${prefix}h.{i}`;
      const tensors: TensorTemplate[] = [
        { name: `${prefix}wte.weight`, shape: [d.vocabSize, h], role: "embedding" },
        { name: `${prefix}wpe.weight`, shape: [d.maxPositions ?? 2048, h], role: "embedding" },
        ...norm(`${p}.ln_1`, h, true, layers),
        ...["k_proj", "v_proj", "q_proj"].flatMap((name) => linear(`${p}.attn.attention.${name}`, h, h, false, "attention", layers)),
        ...linear(`${p}.attn.attention.out_proj`, h, h, true, "attention", layers),
        ...norm(`${p}.ln_2`, h, true, layers),
        ...linear(`${p}.mlp.c_fc`, d.intermediateSize, h, true, "mlp", layers),
        ...linear(`${p}.mlp.c_proj`, h, d.intermediateSize, true, "mlp", layers),
        ...norm(`${prefix}ln_f`, h, true),
      ];
      const head = decoderHead(d, `${prefix}wte.weight`);
      return inventoryOf(
        {
          tensors: [...tensors, ...head.tensors],
          tied: head.tied,
          notes: ["local and global attention layers hold the same parameters; their causal masks are buffers"],
        },
        d,
      );
    },
  },
];
