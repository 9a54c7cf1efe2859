import { field } from "../normalize/config-reader.js";
import type { NormalizedModel } from "../normalize/normalized-model.js";
import { basePrefix, decoderBackbone, decoderHead, gatedMlp, inventoryOf, type DecoderLayout } from "./decoder.js";
import { range, type Inventory } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * Llama-layout decoders: modeling_llama.py, modeling_mistral.py, modeling_qwen2.py,
 * modeling_qwen3.py, modeling_smollm3.py, modeling_olmo2.py. Defaults are copied from each
 * configuration_<type>.py.
 */

const HEADS = ["causal-lm", "base", "sequence-classification"] as const;
const TWO_NORMS = ["input_layernorm", "post_attention_layernorm"];

function llamaLike(layout: (d: RequiredDims) => DecoderLayout, mlpBias: (d: RequiredDims) => boolean = () => false) {
  return (d: RequiredDims): Inventory => {
    const prefix = basePrefix(d.model.head);
    const head = decoderHead(d, `${prefix}embed_tokens.weight`);
    return inventoryOf(
      {
        tensors: [...decoderBackbone(d, layout(d), prefix), ...gatedMlp(`${prefix}layers.{i}.mlp`, d.hiddenSize, d.intermediateSize, mlpBias(d), range(d.numLayers)), ...head.tensors],
        tied: head.tied,
      },
      d,
    );
  };
}

const attentionBias = (d: RequiredDims) => d.model.text.bool("attention_bias", false).value;
const mlpBias = (d: RequiredDims) => d.model.text.bool("mlp_bias", false).value;

/** Qwen2, Qwen3 and their MoE variants only slide when `use_sliding_window` is true. */
export function qwenSlidingWindow(m: NormalizedModel) {
  const use = m.text.bool("use_sliding_window", false);
  if (!use.value) return field<number | null>(null, use.pointer, use.origin);
  return m.text.int("sliding_window", 4096, "positions", true);
}

/**
 * A window that takes the configuration class's default when the key is absent, while an explicit
 * null means no window (MistralConfig, Gemma2Config: `sliding_window: int | None = 4096`;
 * Mistral-7B-v0.3 writes `"sliding_window": null`).
 */
export function defaultedSlidingWindow(fallback: number) {
  return (m: NormalizedModel) => {
    if (Object.hasOwn(m.text.raw, "sliding_window") && m.text.raw.sliding_window === null) return field<number | null>(null, m.text.pointerOf("sliding_window"), "config");
    return m.text.int("sliding_window", fallback, "positions");
  };
}

export const llamaSpecs: ModelTypeSpec[] = [
  {
    modelType: "llama",
    family: "llama",
    modelingFile: "models/llama/modeling_llama.py",
    classPrefixes: ["Llama"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 32000, hiddenSize: 4096, intermediateSize: 11008, numLayers: 32, numHeads: 32, numKvHeads: (m) => m.numHeads ?? null, maxPositions: 2048 },
    tieWordEmbeddingsDefault: false,
    inventory: llamaLike((d) => ({ attention: { qkvBias: attentionBias(d), oBias: attentionBias(d) }, layerNorms: TWO_NORMS }), mlpBias),
  },
  {
    modelType: "mistral",
    family: "llama",
    modelingFile: "models/mistral/modeling_mistral.py",
    classPrefixes: ["Mistral"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 32000, hiddenSize: 4096, intermediateSize: 14336, numLayers: 32, numHeads: 32, numKvHeads: 8, maxPositions: 4096 * 32 },
    tieWordEmbeddingsDefault: false,
    slidingWindow: defaultedSlidingWindow(4096),
    inventory: llamaLike(() => ({ attention: { qkvBias: false, oBias: false }, layerNorms: TWO_NORMS })),
  },
  {
    modelType: "qwen2",
    family: "llama",
    modelingFile: "models/qwen2/modeling_qwen2.py",
    classPrefixes: ["Qwen2"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 151936, hiddenSize: 4096, intermediateSize: 22016, numLayers: 32, numHeads: 32, numKvHeads: (m) => m.numHeads ?? null, maxPositions: 32768 },
    tieWordEmbeddingsDefault: false,
    slidingWindow: qwenSlidingWindow,
    // Qwen2Attention: q/k/v carry a bias, o_proj does not.
    inventory: llamaLike(() => ({ attention: { qkvBias: true, oBias: false }, layerNorms: TWO_NORMS })),
  },
  {
    modelType: "qwen3",
    family: "llama",
    modelingFile: "models/qwen3/modeling_qwen3.py",
    classPrefixes: ["Qwen3"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 151936, hiddenSize: 4096, intermediateSize: 22016, numLayers: 32, numHeads: 32, numKvHeads: 32, headDim: 128, maxPositions: 32768 },
    tieWordEmbeddingsDefault: false,
    slidingWindow: qwenSlidingWindow,
    inventory: llamaLike((d) => ({ attention: { qkvBias: attentionBias(d), oBias: attentionBias(d), qkNorm: "head" }, layerNorms: TWO_NORMS })),
  },
  {
    modelType: "smollm3",
    family: "llama",
    modelingFile: "models/smollm3/modeling_smollm3.py",
    classPrefixes: ["SmolLM3"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 128256, hiddenSize: 2048, intermediateSize: 11008, numLayers: 36, numHeads: 16, numKvHeads: 4, maxPositions: 32768 },
    tieWordEmbeddingsDefault: true,
    inventory: llamaLike((d) => ({ attention: { qkvBias: attentionBias(d), oBias: attentionBias(d) }, layerNorms: TWO_NORMS }), mlpBias),
  },
  {
    // OLMo-2 moves the norms after attention and MLP and normalizes q and k over their full width.
    modelType: "olmo2",
    family: "llama",
    modelingFile: "models/olmo2/modeling_olmo2.py",
    classPrefixes: ["Olmo2"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 50304, hiddenSize: 4096, intermediateSize: 11008, numLayers: 32, numHeads: 32, numKvHeads: (m) => m.numHeads ?? null, maxPositions: 2048 },
    tieWordEmbeddingsDefault: false,
    inventory: llamaLike((d) => ({ attention: { qkvBias: attentionBias(d), oBias: attentionBias(d), qkNorm: "full" }, layerNorms: ["post_attention_layernorm", "post_feedforward_layernorm"] })),
  },
];
