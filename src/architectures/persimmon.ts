import { basePrefix, decoderHead, inventoryOf } from "./decoder.js";
import { linear, norm, range, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * Persimmon (modeling_persimmon.py, configuration_persimmon.py): a fused `query_key_value`
 * [3h, h] and `dense` [h, h], both with bias; with `qk_layernorm` (default true) a LayerNorm with
 * weight and bias over head_dim for q and k (`q_layernorm`, `k_layernorm`); a non-gated MLP
 * (`dense_h_to_4h`/`dense_4h_to_h` with bias, relu² activation); LayerNorms with bias
 * (`input_layernorm`, `post_attention_layernorm`, final `final_layernorm`). Partial rotary adds no
 * parameters. The LM head is untied by default.
 */
export const persimmonSpecs: ModelTypeSpec[] = [
  {
    modelType: "persimmon",
    family: "persimmon",
    classPrefixes: ["Persimmon"],
    kind: "decoder",
    modelingFile: "models/persimmon/modeling_persimmon.py",
    heads: ["causal-lm", "base", "sequence-classification"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 262144, hiddenSize: 4096, intermediateSize: 16384, numLayers: 36, numHeads: 64, numKvHeads: (m) => m.numHeads ?? null, maxPositions: 16384 },
    tieWordEmbeddingsDefault: false,
    inventory: (d) => {
      const prefix = basePrefix(d.model.head);
      const layers = range(d.numLayers);
      const h = d.hiddenSize;
      const p = `${prefix}layers.{i}`;
      // PersimmonAttention: head_dim is hidden_size // num_attention_heads.
      const headDim = Math.floor(h / d.numHeads);
      const tensors: TensorTemplate[] = [
        { name: `${prefix}embed_tokens.weight`, shape: [d.vocabSize, h], role: "embedding" },
        ...linear(`${p}.self_attn.query_key_value`, 3 * h, h, true, "attention", layers),
        ...linear(`${p}.self_attn.dense`, h, h, true, "attention", layers),
      ];
      if (d.model.text.bool("qk_layernorm", true).value) tensors.push(...norm(`${p}.self_attn.q_layernorm`, headDim, true, layers), ...norm(`${p}.self_attn.k_layernorm`, headDim, true, layers));
      tensors.push(
        ...linear(`${p}.mlp.dense_h_to_4h`, d.intermediateSize, h, true, "mlp", layers),
        ...linear(`${p}.mlp.dense_4h_to_h`, h, d.intermediateSize, true, "mlp", layers),
        ...norm(`${p}.input_layernorm`, h, true, layers),
        ...norm(`${p}.post_attention_layernorm`, h, true, layers),
        ...norm(`${prefix}final_layernorm`, h, true),
      );
      const head = decoderHead(d, `${prefix}embed_tokens.weight`);
      return inventoryOf({ tensors: [...tensors, ...head.tensors], tied: head.tied }, d);
    },
  },
];
