import { basePrefix, decoderBackbone, decoderHead, gatedMlp, inventoryOf, type DecoderLayout } from "./decoder.js";
import { range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * Decoders with Llama's module names and gated MLP that differ in their norms:
 * - OLMo-1 (modeling_olmo.py): OlmoLayerNorm has no weight and no bias, so no norm parameters;
 * - Cohere / Command-R / Aya (modeling_cohere.py): weight-only LayerNorms, one `input_layernorm`
 *   per block feeding attention and MLP in parallel, optional q/k norms shaped [heads, head_dim];
 * - StableLM (modeling_stablelm.py): LayerNorms with bias, `use_qkv_bias` on q/k/v only, one norm
 *   per block with `use_parallel_residual`, and with `qk_layernorm` one bias-free LayerNorm per head
 *   (`q_layernorm.norms.{h}`);
 * - Granite (modeling_granite.py): exactly Llama's layout; its multipliers are scalars in the
 *   config, not parameters.
 * Defaults are copied from each configuration_<type>.py.
 */

const HEADS = ["causal-lm", "base", "sequence-classification"] as const;
const TWO_NORMS = ["input_layernorm", "post_attention_layernorm"];

/** Backbone + gated MLP + head, with family-specific extra tensors. */
function gatedDecoder(layout: (d: RequiredDims) => DecoderLayout, options: { mlpBias?: (d: RequiredDims) => boolean; extra?: (d: RequiredDims, prefix: string) => TensorTemplate[] } = {}) {
  return (d: RequiredDims): Inventory => {
    const prefix = basePrefix(d.model.head);
    const head = decoderHead(d, `${prefix}embed_tokens.weight`);
    const mlp = gatedMlp(`${prefix}layers.{i}.mlp`, d.hiddenSize, d.intermediateSize, options.mlpBias?.(d) ?? false, range(d.numLayers));
    return inventoryOf({ tensors: [...decoderBackbone(d, layout(d), prefix), ...(options.extra?.(d, prefix) ?? []), ...mlp, ...head.tensors], tied: head.tied }, d);
  };
}

const attentionBias = (d: RequiredDims) => d.model.text.bool("attention_bias", false).value;

/** StableLmLayerNormPerHead: a ModuleList of bias-free LayerNorms over head_dim, one per head. */
function stableLmQkNorms(d: RequiredDims, prefix: string): TensorTemplate[] {
  if (!d.model.text.bool("qk_layernorm", false).value) return [];
  const layers = range(d.numLayers);
  const perHead = (which: string, heads: number) => range(heads).map((h): TensorTemplate => ({ name: `${prefix}layers.{i}.self_attn.${which}.norms.${h}.weight`, shape: [d.headDim], role: "norm", layers }));
  return [...perHead("q_layernorm", d.numHeads), ...perHead("k_layernorm", d.numKvHeads)];
}

export const olmoSpecs: ModelTypeSpec[] = [
  {
    modelType: "olmo",
    family: "olmo",
    modelingFile: "models/olmo/modeling_olmo.py",
    classPrefixes: ["Olmo"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 50304, hiddenSize: 4096, intermediateSize: 11008, numLayers: 32, numHeads: 32, numKvHeads: (m) => m.numHeads ?? null, maxPositions: 2048 },
    tieWordEmbeddingsDefault: false,
    inventory: gatedDecoder((d) => ({ attention: { qkvBias: attentionBias(d), oBias: attentionBias(d) }, layerNorms: TWO_NORMS, nonParametricNorms: true })),
  },
  {
    modelType: "cohere",
    family: "olmo",
    modelingFile: "models/cohere/modeling_cohere.py",
    classPrefixes: ["Cohere"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 256000, hiddenSize: 8192, intermediateSize: 22528, numLayers: 40, numHeads: 64, numKvHeads: (m) => m.numHeads ?? null, maxPositions: 8192 },
    tieWordEmbeddingsDefault: true,
    inventory: gatedDecoder((d) => ({
      attention: { qkvBias: attentionBias(d), oBias: attentionBias(d), ...(d.model.text.bool("use_qk_norm", false).value ? { qkNorm: "grid" as const } : {}) },
      layerNorms: ["input_layernorm"],
      normBias: false,
    })),
  },
  {
    modelType: "stablelm",
    family: "olmo",
    modelingFile: "models/stablelm/modeling_stablelm.py",
    classPrefixes: ["StableLm"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 50304, intermediateSize: 6912, hiddenSize: 2560, numLayers: 32, numHeads: 32, numKvHeads: 32, maxPositions: 4096 },
    tieWordEmbeddingsDefault: false,
    inventory: gatedDecoder(
      (d) => ({
        attention: { qkvBias: d.model.text.bool("use_qkv_bias", false).value, oBias: false },
        layerNorms: d.model.text.bool("use_parallel_residual", false).value ? ["input_layernorm"] : TWO_NORMS,
        normBias: true,
      }),
      { extra: stableLmQkNorms },
    ),
  },
  {
    modelType: "granite",
    family: "olmo",
    modelingFile: "models/granite/modeling_granite.py",
    classPrefixes: ["Granite"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 32000, hiddenSize: 4096, intermediateSize: 11008, numLayers: 32, numHeads: 32, numKvHeads: (m) => m.numHeads ?? null, maxPositions: 2048 },
    tieWordEmbeddingsDefault: false,
    inventory: gatedDecoder((d) => ({ attention: { qkvBias: attentionBias(d), oBias: attentionBias(d) }, layerNorms: TWO_NORMS }), { mlpBias: (d) => d.model.text.bool("mlp_bias", false).value }),
  },
];
