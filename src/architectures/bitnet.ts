import { basePrefix, decoderBackbone, decoderHead, gatedMlp, inventoryOf } from "./decoder.js";
import { norm, range } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * BitNet b1.58 (modeling_bitnet.py): Llama's layout (attention biased with `attention_bias`, two
 * RMSNorms per layer) plus two sub-norms: `self_attn.attn_sub_norm` [hidden] before o_proj and
 * `mlp.ffn_sub_norm` [intermediate] before down_proj; Gemma's gated MLP without bias. Counted as
 * the module builds it in full precision (the -bf16 checkpoint); the packed 1.58-bit checkpoint
 * stores its ternary weights four to a uint8 and so shows fewer "parameters" on the Hub.
 * Defaults from BitNetConfig.
 */
export const bitnetSpecs: ModelTypeSpec[] = [
  {
    modelType: "bitnet",
    family: "bitnet",
    kind: "decoder",
    modelingFile: "models/bitnet/modeling_bitnet.py",
    classPrefixes: ["BitNet"],
    heads: ["causal-lm", "base"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 128256, hiddenSize: 2560, intermediateSize: 6912, numLayers: 30, numHeads: 20, numKvHeads: 5, maxPositions: 2048 },
    tieWordEmbeddingsDefault: false,
    inventory: (d) => {
      const prefix = basePrefix(d.model.head);
      const layers = range(d.numLayers);
      const bias = d.model.text.bool("attention_bias", false).value;
      const head = decoderHead(d, `${prefix}embed_tokens.weight`);
      const backbone = decoderBackbone(d, { attention: { qkvBias: bias, oBias: bias }, layerNorms: ["input_layernorm", "post_attention_layernorm"] }, prefix);
      const subNorms = [...norm(`${prefix}layers.{i}.self_attn.attn_sub_norm`, d.hiddenSize, false, layers), ...norm(`${prefix}layers.{i}.mlp.ffn_sub_norm`, d.intermediateSize, false, layers)];
      const mlp = gatedMlp(`${prefix}layers.{i}.mlp`, d.hiddenSize, d.intermediateSize, false, layers);
      return inventoryOf({ tensors: [...backbone, ...subNorms, ...mlp, ...head.tensors], tied: head.tied }, d);
    },
  },
];
