import { basePrefix, inventoryOf, numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * OPT (modeling_opt.py, configuration_opt.py). Everything sits under `decoder.`:
 * - `embed_positions` is learned with an offset of 2, so it has max_position_embeddings + 2 rows;
 * - the token embeddings are `word_embed_proj_dim` wide; when that differs from hidden_size
 *   (opt-350m) bias-free `project_in`/`project_out` map between the two, and the head is that wide;
 * - `enable_bias` switches every linear bias; `layer_norm_elementwise_affine` false leaves the
 *   LayerNorms without parameters;
 * - the decoder's final LayerNorm exists only with `do_layer_norm_before` and without
 *   `_remove_final_layer_norm` (opt-350m is post-norm and has none).
 */
export const optSpecs: ModelTypeSpec[] = [
  {
    modelType: "opt",
    family: "opt",
    modelingFile: "models/opt/modeling_opt.py",
    classPrefixes: ["OPT"],
    heads: ["causal-lm", "base", "sequence-classification"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 50272, hiddenSize: 768, numLayers: 12, intermediateSize: 3072, maxPositions: 2048, numHeads: 12, numKvHeads: (m) => m.numHeads ?? null },
    tieWordEmbeddingsDefault: true,
    inventory: (d) => {
      const c = d.model.text;
      const prefix = `${basePrefix(d.model.head)}decoder.`;
      const layers = range(d.numLayers);
      const h = d.hiddenSize;
      const proj = c.int("word_embed_proj_dim", h, "width").value ?? h;
      const bias = c.bool("enable_bias", true).value;
      const affine = c.bool("layer_norm_elementwise_affine", true).value;
      const layerNorm = (name: string, at?: readonly number[]) => (affine ? norm(name, h, true, at) : []);
      const p = `${prefix}layers.{i}`;
      const tensors: TensorTemplate[] = [
        { name: `${prefix}embed_tokens.weight`, shape: [d.vocabSize, proj], role: "embedding" },
        { name: `${prefix}embed_positions.weight`, shape: [(d.maxPositions ?? 2048) + 2, h], role: "embedding" },
      ];
      if (proj !== h) {
        // Both only convert between the embedding width and the hidden width: counted with the embeddings.
        tensors.push(...linear(`${prefix}project_out`, proj, h, false, "embedding"));
        tensors.push(...linear(`${prefix}project_in`, h, proj, false, "embedding"));
      }
      tensors.push(
        ...["k_proj", "v_proj", "q_proj", "out_proj"].flatMap((name) => linear(`${p}.self_attn.${name}`, h, h, bias, "attention", layers)),
        ...layerNorm(`${p}.self_attn_layer_norm`, layers),
        ...linear(`${p}.fc1`, d.intermediateSize, h, bias, "mlp", layers),
        ...linear(`${p}.fc2`, h, d.intermediateSize, bias, "mlp", layers),
        ...layerNorm(`${p}.final_layer_norm`, layers),
      );
      if (c.bool("do_layer_norm_before", true).value && !c.bool("_remove_final_layer_norm", false).value) tensors.push(...layerNorm(`${prefix}final_layer_norm`));

      // The head reads the projected width, so decoderHead (hidden-wide) does not fit.
      const tied: Inventory["tied"] = [];
      if (d.model.head === "causal-lm") {
        if (d.tied) tied.push({ name: "lm_head.weight", tiedTo: `${prefix}embed_tokens.weight` });
        else tensors.push(...linear("lm_head", d.vocabSize, proj, false, "lmHead"));
      }
      if (d.model.head === "sequence-classification") tensors.push(...linear("score", numLabels(d), proj, false, "other"));
      return inventoryOf({ tensors, tied }, d);
    },
  },
];
