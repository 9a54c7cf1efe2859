import { numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * BART (modeling_bart.py: BartForConditionalGeneration, BartModel, BartForSequenceClassification,
 * BartForQuestionAnswering, BartForCausalLM; configuration_bart.py). `model.shared` is the token
 * embedding of both stacks (their `embed_tokens` share its weight) and of the tied LM head.
 * BartLearnedPositionalEmbedding keeps 2 rows beyond max_position_embeddings (its offset). Every
 * linear and LayerNorm has a bias. `final_logits_bias` [1, vocab] is a buffer, not a parameter,
 * though checkpoints store it.
 */

type Stack = "encoder" | "decoder";

function attention(path: string, h: number, layers: readonly number[]): TensorTemplate[] {
  return ["k_proj", "v_proj", "q_proj", "out_proj"].flatMap((n) => linear(`${path}.${n}`, h, h, true, "attention", layers));
}

function bartStack(d: RequiredDims, stack: Stack, prefix: string): TensorTemplate[] {
  const t = d.model.text;
  const h = d.hiddenSize;
  const count = stack === "encoder" ? d.numLayers : (t.int("decoder_layers", 12, "count").value ?? 12);
  const ffn = stack === "encoder" ? d.intermediateSize : (t.int("decoder_ffn_dim", 4096, "width").value ?? 4096);
  const layers = range(count);
  const p = `${prefix}${stack}`;
  const l = `${p}.layers.{i}`;
  const tensors: TensorTemplate[] = [
    { name: `${p}.embed_positions.weight`, shape: [(d.maxPositions ?? 1024) + 2, h], role: "embedding" },
    ...attention(`${l}.self_attn`, h, layers),
    ...norm(`${l}.self_attn_layer_norm`, h, true, layers),
  ];
  if (stack === "decoder") tensors.push(...attention(`${l}.encoder_attn`, h, layers), ...norm(`${l}.encoder_attn_layer_norm`, h, true, layers));
  tensors.push(
    ...linear(`${l}.fc1`, ffn, h, true, "mlp", layers),
    ...linear(`${l}.fc2`, h, ffn, true, "mlp", layers),
    ...norm(`${l}.final_layer_norm`, h, true, layers),
    ...norm(`${p}.layernorm_embedding`, h, true),
  );
  return tensors;
}

function bartInventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const decoderLayers = d.model.text.int("decoder_layers", 12, "count").value ?? 12;
  const h = d.hiddenSize;
  if (head === "causal-lm") {
    // BartForCausalLM wraps the decoder alone (BartDecoderWrapper) and its embed_tokens is its own.
    const embed = "model.decoder.embed_tokens.weight";
    const tensors: TensorTemplate[] = [{ name: embed, shape: [d.vocabSize, h], role: "embedding" }, ...bartStack(d, "decoder", "model.")];
    const tied: Inventory["tied"] = [];
    if (d.tied) tied.push({ name: "lm_head.weight", tiedTo: embed });
    else tensors.push(...linear("lm_head", d.vocabSize, h, false, "lmHead"));
    return { tensors, tied, expertsPerToken: null, estimated: d.model.estimateReason !== null, notes: [], decoderLayers };
  }
  const prefix = head === "base" ? "" : "model.";
  const shared = `${prefix}shared.weight`;
  const tensors: TensorTemplate[] = [{ name: shared, shape: [d.vocabSize, h], role: "embedding" }, ...bartStack(d, "encoder", prefix), ...bartStack(d, "decoder", prefix)];
  const tied: Inventory["tied"] = [
    { name: `${prefix}encoder.embed_tokens.weight`, tiedTo: shared },
    { name: `${prefix}decoder.embed_tokens.weight`, tiedTo: shared },
  ];
  if (head === "conditional-generation") {
    if (d.tied) tied.push({ name: "lm_head.weight", tiedTo: shared });
    else tensors.push(...linear("lm_head", d.vocabSize, h, false, "lmHead"));
  }
  // BartClassificationHead: dense [d, d] and out_proj [num_labels, d], both biased.
  if (head === "sequence-classification") tensors.push(...linear("classification_head.dense", h, h, true, "other"), ...linear("classification_head.out_proj", numLabels(d), h, true, "other"));
  // BartForQuestionAnswering sets num_labels = 2 (start and end logits).
  if (head === "question-answering") tensors.push(...linear("qa_outputs", 2, h, true, "other"));
  return { tensors, tied, expertsPerToken: null, estimated: d.model.estimateReason !== null, notes: [], encoderLayers: d.numLayers, decoderLayers };
}

export const bartSpecs: ModelTypeSpec[] = [
  {
    modelType: "bart",
    family: "bart",
    classPrefixes: ["Bart"],
    heads: ["conditional-generation", "base", "sequence-classification", "question-answering", "causal-lm"],
    defaultHead: "conditional-generation",
    defaults: { vocabSize: 50265, hiddenSize: 1024, numLayers: 12, numHeads: 16, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 4096, maxPositions: 1024 },
    tieWordEmbeddingsDefault: true,
    // The encoder's keys stand for the model's; the decoder's are read by the inventory.
    aliases: { numLayers: ["encoder_layers"], numHeads: ["encoder_attention_heads"], intermediateSize: ["encoder_ffn_dim"] },
    inventory: bartInventory,
  },
];
