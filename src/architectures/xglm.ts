import { basePrefix, decoderHead, inventoryOf } from "./decoder.js";
import { linear, norm, range, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * XGLM (modeling_xglm.py, configuration_xglm.py): a BART-style pre-norm decoder. The sinusoidal
 * positions `embed_positions.weights` are a non-persistent buffer (register_buffer(...,
 * persistent=False)): not a parameter and not in checkpoints. Per layer q/k/v/out projections with
 * bias, `self_attn_layer_norm`, `fc1`/`fc2` with bias and `final_layer_norm`; a final
 * `layer_norm`. With `add_cross_attention` each layer also holds `encoder_attn` and
 * `encoder_attn_layer_norm`. The LM head is tied to `embed_tokens` by default.
 */
export const xglmSpecs: ModelTypeSpec[] = [
  {
    modelType: "xglm",
    family: "xglm",
    classPrefixes: ["XGLM"],
    kind: "decoder",
    modelingFile: "models/xglm/modeling_xglm.py",
    heads: ["causal-lm", "base"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 256008, hiddenSize: 1024, intermediateSize: 4096, numLayers: 24, numHeads: 16, numKvHeads: (m) => m.numHeads ?? null, maxPositions: 2048 },
    tieWordEmbeddingsDefault: true,
    aliases: { numHeads: ["attention_heads"], numKvHeads: ["attention_heads"] },
    inventory: (d) => {
      const prefix = basePrefix(d.model.head);
      const layers = range(d.numLayers);
      const h = d.hiddenSize;
      const p = `${prefix}layers.{i}`;
      const attention = (name: string) => ["q_proj", "k_proj", "v_proj", "out_proj"].flatMap((proj) => linear(`${p}.${name}.${proj}`, h, h, true, "attention", layers));
      const tensors: TensorTemplate[] = [{ name: `${prefix}embed_tokens.weight`, shape: [d.vocabSize, h], role: "embedding" }, ...attention("self_attn"), ...norm(`${p}.self_attn_layer_norm`, h, true, layers)];
      if (d.model.text.bool("add_cross_attention", false).value) tensors.push(...attention("encoder_attn"), ...norm(`${p}.encoder_attn_layer_norm`, h, true, layers));
      tensors.push(
        ...linear(`${p}.fc1`, d.intermediateSize, h, true, "mlp", layers),
        ...linear(`${p}.fc2`, h, d.intermediateSize, true, "mlp", layers),
        ...norm(`${p}.final_layer_norm`, h, true, layers),
        ...norm(`${prefix}layer_norm`, h, true),
      );
      const head = decoderHead(d, `${prefix}embed_tokens.weight`);
      return inventoryOf({ tensors: [...tensors, ...head.tensors], tied: head.tied, notes: ["sinusoidal positions are a non-persistent buffer, not parameters"] }, d);
    },
  },
];
