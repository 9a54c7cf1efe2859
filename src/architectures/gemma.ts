import { basePrefix, decoderBackbone, decoderHead, gatedMlp, inventoryOf, type DecoderLayout } from "./decoder.js";
import { range, type Inventory } from "./inventory.js";
import { defaultedSlidingWindow } from "./llama.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * Gemma decoders: modeling_gemma.py (two norms per layer), modeling_gemma2.py (four: pre and post
 * attention and feed-forward), modeling_gemma3.py text model (four, plus per-head q/k norms).
 * Every Gemma ties its LM head to the embeddings by default.
 */

const HEADS = ["causal-lm", "base", "sequence-classification"] as const;
const FOUR_NORMS = ["input_layernorm", "post_attention_layernorm", "pre_feedforward_layernorm", "post_feedforward_layernorm"];

function gemmaLike(layout: (bias: boolean) => DecoderLayout) {
  return (d: RequiredDims): Inventory => {
    const prefix = basePrefix(d.model.head);
    const bias = d.model.text.bool("attention_bias", false).value;
    const head = decoderHead(d, `${prefix}embed_tokens.weight`);
    return inventoryOf(
      { tensors: [...decoderBackbone(d, layout(bias), prefix), ...gatedMlp(`${prefix}layers.{i}.mlp`, d.hiddenSize, d.intermediateSize, false, range(d.numLayers)), ...head.tensors], tied: head.tied },
      d,
    );
  };
}

export const gemmaSpecs: ModelTypeSpec[] = [
  {
    modelType: "gemma",
    family: "gemma",
    modelingFile: "models/gemma/modeling_gemma.py",
    classPrefixes: ["Gemma"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 256000, hiddenSize: 3072, intermediateSize: 24576, numLayers: 28, numHeads: 16, numKvHeads: 16, headDim: 256, maxPositions: 8192 },
    tieWordEmbeddingsDefault: true,
    inventory: gemmaLike((bias) => ({ attention: { qkvBias: bias, oBias: bias }, layerNorms: ["input_layernorm", "post_attention_layernorm"] })),
  },
  {
    modelType: "gemma2",
    family: "gemma",
    modelingFile: "models/gemma2/modeling_gemma2.py",
    classPrefixes: ["Gemma2"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 256000, hiddenSize: 2304, intermediateSize: 9216, numLayers: 26, numHeads: 8, numKvHeads: 4, headDim: 256, maxPositions: 8192 },
    tieWordEmbeddingsDefault: true,
    slidingWindow: defaultedSlidingWindow(4096),
    inventory: gemmaLike((bias) => ({ attention: { qkvBias: bias, oBias: bias }, layerNorms: FOUR_NORMS })),
  },
  {
    modelType: "gemma3_text",
    family: "gemma",
    modelingFile: "models/gemma3/modeling_gemma3.py",
    // Gemma3ForCausalLM, and the bare Gemma3TextModel (EmbeddingGemma's class; no LM head).
    classPrefixes: ["Gemma3", "Gemma3Text"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 262208, hiddenSize: 2304, intermediateSize: 9216, numLayers: 26, numHeads: 8, numKvHeads: 4, headDim: 256, maxPositions: 131072 },
    tieWordEmbeddingsDefault: true,
    slidingWindow: defaultedSlidingWindow(4096),
    inventory: gemmaLike((bias) => ({ attention: { qkvBias: bias, oBias: bias, qkNorm: "head" }, layerNorms: FOUR_NORMS })),
  },
];
