import { inventoryOf } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * T5 (modeling_t5.py: T5ForConditionalGeneration, T5Model, T5EncoderModel; configuration_t5.py).
 * One `shared` embedding serves the encoder and the decoder (their `embed_tokens` are that module)
 * and, when tie_word_embeddings holds (T5Config's default; T5 v1.1 and Flan-T5 set it false), the
 * LM head. Attention projections are bias-free and num_heads × d_kv wide, which need not equal
 * d_model (t5-11b). Only block 0 of each stack owns a relative_attention_bias
 * [relative_attention_num_buckets, num_heads]. Layer norms are T5LayerNorm: a weight, no bias.
 * `feed_forward_proj` "gated-*" (T5 v1.1, Flan-T5) splits wi into wi_0 and wi_1.
 */

type Stack = "encoder" | "decoder";

function t5Stack(d: RequiredDims, stack: Stack, layerCount: number, prefix: string): TensorTemplate[] {
  const t = d.model.text;
  const h = d.hiddenSize;
  const inner = d.numHeads * d.headDim;
  const ff = d.intermediateSize;
  const buckets = t.int("relative_attention_num_buckets", 32, "count").value ?? 32;
  // T5Config: act_info = feed_forward_proj.split("-"); is_gated_act = act_info[0] == "gated".
  const proj = t.string("feed_forward_proj").value ?? "relu";
  const gated = proj.split("-")[0] === "gated";
  const layers = range(layerCount);
  const block = `${prefix}${stack}.block.{i}.layer`;
  const attention = (path: string) => ["q", "k", "v"].flatMap((n) => linear(`${path}.${n}`, inner, h, false, "attention", layers)).concat(linear(`${path}.o`, h, inner, false, "attention", layers));
  const ffIndex = stack === "decoder" ? 2 : 1;
  const dense = `${block}.${ffIndex}.DenseReluDense`;
  const tensors: TensorTemplate[] = [...attention(`${block}.0.SelfAttention`), ...norm(`${block}.0.layer_norm`, h, false, layers)];
  if (layerCount > 0) tensors.push({ name: `${prefix}${stack}.block.0.layer.0.SelfAttention.relative_attention_bias.weight`, shape: [buckets, d.numHeads], role: "attention" });
  if (stack === "decoder") tensors.push(...attention(`${block}.1.EncDecAttention`), ...norm(`${block}.1.layer_norm`, h, false, layers));
  if (gated) tensors.push(...linear(`${dense}.wi_0`, ff, h, false, "mlp", layers), ...linear(`${dense}.wi_1`, ff, h, false, "mlp", layers));
  else tensors.push(...linear(`${dense}.wi`, ff, h, false, "mlp", layers));
  tensors.push(...linear(`${dense}.wo`, h, ff, false, "mlp", layers), ...norm(`${block}.${ffIndex}.layer_norm`, h, false, layers), ...norm(`${prefix}${stack}.final_layer_norm`, h, false));
  return tensors;
}

function t5Inventory(d: RequiredDims): Inventory {
  const encoderLayers = d.numLayers;
  // T5Config: num_decoder_layers defaults to num_layers ("symmetry").
  const decoderLayers = d.model.text.int("num_decoder_layers", encoderLayers, "count").value ?? encoderLayers;
  const encoderOnly = d.model.architecture?.endsWith("EncoderModel") ?? false;
  const tensors: TensorTemplate[] = [{ name: "shared.weight", shape: [d.vocabSize, d.hiddenSize], role: "embedding" }, ...t5Stack(d, "encoder", encoderLayers, "")];
  const tied: Inventory["tied"] = [{ name: "encoder.embed_tokens.weight", tiedTo: "shared.weight" }];
  if (encoderOnly) return { ...inventoryOf({ tensors, tied }, d), encoderLayers };
  tensors.push(...t5Stack(d, "decoder", decoderLayers, ""));
  tied.push({ name: "decoder.embed_tokens.weight", tiedTo: "shared.weight" });
  if (d.model.head === "conditional-generation") {
    if (d.tied) tied.push({ name: "lm_head.weight", tiedTo: "shared.weight" });
    else tensors.push(...linear("lm_head", d.vocabSize, d.hiddenSize, false, "lmHead"));
  }
  return { ...inventoryOf({ tensors, tied }, d), encoderLayers, decoderLayers };
}

export const t5Specs: ModelTypeSpec[] = [
  {
    modelType: "t5",
    family: "t5",
    // T5EncoderModel splits as prefix "T5Encoder" + "Model".
    classPrefixes: ["T5", "T5Encoder"],
    heads: ["conditional-generation", "base"],
    defaultHead: "conditional-generation",
    defaults: { vocabSize: 32128, hiddenSize: 512, headDim: 64, intermediateSize: 2048, numLayers: 6, numHeads: 8, numKvHeads: (m) => m.numHeads ?? null, maxPositions: null },
    tieWordEmbeddingsDefault: true,
    aliases: { headDim: ["d_kv"] },
    inventory: t5Inventory,
  },
];
