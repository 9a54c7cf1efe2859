import { basePrefix, decoderBackbone, decoderHead, inventoryOf } from "./decoder.js";
import { linear, norm, range, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * The BigCode code models.
 *
 * GPTBigCode (SantaCoder, StarCoder; modeling_gpt_bigcode.py): GPT-2's layout with nn.Linear
 * ([out, in], not Conv1D) and multi-query attention, so `c_attn` projects to hidden + 2 × head_dim
 * when `multi_query` (the default) and to 3 × hidden otherwise. Learned positions `wpe`, tied head.
 *
 * StarCoder2 (modeling_starcoder2.py): Llama's attention and embedding names with `use_bias` on
 * every projection, LayerNorms with bias, a plain GELU MLP `c_fc`/`c_proj`; tied by default.
 */

const HEADS = ["causal-lm", "base", "sequence-classification"] as const;

export const gptBigCodeSpecs: ModelTypeSpec[] = [
  {
    modelType: "gpt_bigcode",
    family: "gpt_bigcode",
    modelingFile: "models/gpt_bigcode/modeling_gpt_bigcode.py",
    classPrefixes: ["GPTBigCode"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: {
      vocabSize: 50257,
      hiddenSize: 768,
      numLayers: 12,
      numHeads: 12,
      // GPTBigCodeConfig: one shared K/V head when multi_query (default true).
      numKvHeads: (m, config) => (config.value("multi_query") === false ? (m.numHeads ?? null) : 1),
      maxPositions: 1024,
      intermediateSize: (m) => (m.hiddenSize ? 4 * m.hiddenSize : null),
    },
    tieWordEmbeddingsDefault: true,
    inventory: (d) => {
      const prefix = basePrefix(d.model.head, "transformer.");
      const layers = range(d.numLayers);
      const h = d.hiddenSize;
      const kv = d.numKvHeads * d.headDim;
      const p = `${prefix}h.{i}`;
      const tensors: TensorTemplate[] = [
        { name: `${prefix}wte.weight`, shape: [d.vocabSize, h], role: "embedding" },
        { name: `${prefix}wpe.weight`, shape: [d.maxPositions ?? 1024, h], role: "embedding" },
        ...norm(`${p}.ln_1`, h, true, layers),
        ...linear(`${p}.attn.c_attn`, h + 2 * kv, h, true, "attention", layers),
        ...linear(`${p}.attn.c_proj`, h, h, true, "attention", layers),
        ...norm(`${p}.ln_2`, h, true, layers),
        ...linear(`${p}.mlp.c_fc`, d.intermediateSize, h, true, "mlp", layers),
        ...linear(`${p}.mlp.c_proj`, h, d.intermediateSize, true, "mlp", layers),
        ...norm(`${prefix}ln_f`, h, true),
      ];
      const head = decoderHead(d, `${prefix}wte.weight`);
      const notes = d.model.text.bool("add_cross_attention", false).value ? ["add_cross_attention: the cross-attention blocks are not counted"] : [];
      return inventoryOf({ tensors: [...tensors, ...head.tensors], tied: head.tied, notes }, d);
    },
  },
  {
    modelType: "starcoder2",
    family: "gpt_bigcode",
    modelingFile: "models/starcoder2/modeling_starcoder2.py",
    classPrefixes: ["Starcoder2"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 49152, hiddenSize: 3072, intermediateSize: 12288, numLayers: 30, numHeads: 24, numKvHeads: 2, maxPositions: 4096 },
    tieWordEmbeddingsDefault: true,
    inventory: (d) => {
      const prefix = basePrefix(d.model.head);
      const layers = range(d.numLayers);
      const bias = d.model.text.bool("use_bias", true).value;
      const backbone = decoderBackbone(d, { attention: { qkvBias: bias, oBias: bias }, layerNorms: ["input_layernorm", "post_attention_layernorm"], normBias: true }, prefix);
      const mlp = [
        ...linear(`${prefix}layers.{i}.mlp.c_fc`, d.intermediateSize, d.hiddenSize, bias, "mlp", layers),
        ...linear(`${prefix}layers.{i}.mlp.c_proj`, d.hiddenSize, d.intermediateSize, bias, "mlp", layers),
      ];
      const head = decoderHead(d, `${prefix}embed_tokens.weight`);
      return inventoryOf({ tensors: [...backbone, ...mlp, ...head.tensors], tied: head.tied }, d);
    },
  },
];
