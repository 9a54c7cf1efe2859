import type { ConfigReader } from "../normalize/config-reader.js";
import { inventoryOf } from "./decoder.js";
import { linear, norm, range, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * ChatGLM2, ChatGLM3 and the remote-code GLM-4 (modeling_chatglm.py and configuration_chatglm.py as
 * the THUDM Hub repos ship them). `embedding.word_embeddings` [padded_vocab_size, h]; per layer
 * `input_layernorm`, `self_attention.query_key_value` [heads·kv_channels + 2·kv_channels·groups, h]
 * (groups = multi_query_group_num with multi_query_attention, else all heads) with a bias when
 * `add_qkv_bias`, `self_attention.dense` [h, heads·kv_channels], `post_attention_layernorm`, a
 * fused gated `mlp.dense_h_to_4h` [2·ffn_hidden_size, h] and `mlp.dense_4h_to_h`; these three carry
 * biases only with `add_bias_linear`. Norms are RMSNorms with `rmsnorm` (default), else LayerNorms
 * with bias; `encoder.final_layernorm` with `post_layer_norm`. ChatGLMModel itself holds the untied
 * `output_layer` [padded_vocab_size, h], so ChatGLMModel and ChatGLMForConditionalGeneration count
 * the same. `rotary_pos_emb.inv_freq` [kv_channels / 4] is a (persistent) buffer: the checkpoints
 * store it, but it is not a parameter. The P-tuning `prefix_encoder` (pre_seq_len) is not modelled.
 */

function groups(_m: unknown, c: ConfigReader): number | null {
  const heads = c.int("num_attention_heads", 32, "count").value;
  if (!c.bool("multi_query_attention", false).value) return heads;
  return c.int("multi_query_group_num", 1, "count").value;
}

export const chatglmSpecs: ModelTypeSpec[] = [
  {
    modelType: "chatglm",
    family: "chatglm",
    classPrefixes: ["ChatGLM"],
    kind: "decoder",
    modelingFile: "hub:THUDM/chatglm3-6b/modeling_chatglm.py (read from github:czk1997/chatglm3-copy/modeling_chatglm.py)",
    heads: ["conditional-generation", "base"],
    defaultHead: "conditional-generation",
    defaults: { vocabSize: 65024, hiddenSize: 4096, intermediateSize: 13696, numLayers: 28, numHeads: 32, numKvHeads: groups, headDim: 128, maxPositions: 2048 },
    aliases: { vocabSize: ["padded_vocab_size"], headDim: ["kv_channels"] },
    ownAliasesOnly: ["vocabSize", "numKvHeads", "headDim"],
    tieWordEmbeddingsDefault: false,
    inventory: (d) => {
      const c = d.model.text;
      const prefix = d.model.head === "base" ? "" : "transformer.";
      const layers = range(d.numLayers);
      const h = d.hiddenSize;
      const p = `${prefix}encoder.layers.{i}`;
      const projection = d.numHeads * d.headDim;
      const linearBias = c.bool("add_bias_linear", false).value;
      const layerNorm = !c.bool("rmsnorm", true).value;
      const tensors: TensorTemplate[] = [
        { name: `${prefix}embedding.word_embeddings.weight`, shape: [d.vocabSize, h], role: "embedding" },
        ...norm(`${p}.input_layernorm`, h, layerNorm, layers),
        ...linear(`${p}.self_attention.query_key_value`, projection + 2 * d.headDim * d.numKvHeads, h, linearBias || c.bool("add_qkv_bias", false).value, "attention", layers),
        ...linear(`${p}.self_attention.dense`, h, projection, linearBias, "attention", layers),
        ...norm(`${p}.post_attention_layernorm`, h, layerNorm, layers),
        ...linear(`${p}.mlp.dense_h_to_4h`, 2 * d.intermediateSize, h, linearBias, "mlp", layers),
        ...linear(`${p}.mlp.dense_4h_to_h`, h, d.intermediateSize, linearBias, "mlp", layers),
      ];
      if (c.bool("post_layer_norm", true).value) tensors.push(...norm(`${prefix}encoder.final_layernorm`, h, layerNorm));
      tensors.push(...linear(`${prefix}output_layer`, d.vocabSize, h, false, "lmHead"));
      const notes = [`rotary_pos_emb.inv_freq [${Math.floor(d.headDim / 4)}] is a buffer the checkpoints store, not a parameter`];
      if (c.value("pre_seq_len") !== null && c.value("pre_seq_len") !== undefined) notes.push("the P-tuning prefix_encoder (pre_seq_len) is not counted");
      return inventoryOf({ tensors, tied: [], notes }, d);
    },
  },
];
