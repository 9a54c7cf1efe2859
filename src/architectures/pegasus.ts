import { numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * PEGASUS (modeling_pegasus.py: PegasusForConditionalGeneration, PegasusModel, PegasusForCausalLM;
 * configuration_pegasus.py) and PEGASUS-X (modeling_pegasus_x.py: PegasusXForConditionalGeneration,
 * PegasusXModel; configuration_pegasus_x.py). Both are BART-shaped pre-norm encoder-decoders with a
 * `model.shared` embedding for both stacks and the tied LM head, a final `layer_norm` per stack and
 * no layernorm_embedding; `final_logits_bias` [1, vocab] is a buffer, not a parameter.
 *
 * Pegasus: PegasusSinusoidalPositionalEmbedding subclasses nn.Embedding and fills its weight with
 * sinusoids, requires_grad False: still a parameter, [max_position_embeddings, d] (no offset) in
 * each stack, counted here as transformers' num_parameters() counts it. Every linear is biased.
 *
 * Pegasus-X: PegasusXSinusoidalPositionalEmbedding computes its table on the fly (no parameter);
 * the encoder adds `embed_global` [num_global_tokens, d] and, per layer, a
 * global_self_attn_layer_norm; every attention projection (encoder global-local, decoder self and
 * cross) is bias-free, fc1/fc2 keep their biases.
 *
 * BigBird-Pegasus (modeling_bigbird_pegasus.py: BigBirdPegasusForConditionalGeneration,
 * BigBirdPegasusModel, BigBirdPegasusForSequenceClassification, BigBirdPegasusForQuestionAnswering,
 * BigBirdPegasusForCausalLM): learned BigBirdPegasusLearnedPositionalEmbedding
 * [max_position_embeddings, d] (no offset) per stack, the final LayerNorm named
 * `layernorm_embedding`; the encoder's attention is BigBird's `self_attn.self.{query,key,value}` +
 * `self_attn.output` (block-sparse and full attention have the same weights), the decoder's
 * k/v/q/out_proj; every attention projection has a bias only when use_bias (default False).
 */

type Stack = "encoder" | "decoder";
type Flavour = "pegasus" | "pegasus_x" | "bigbird_pegasus";

function stackDims(d: RequiredDims, stack: Stack): { count: number; ffn: number } {
  const t = d.model.text;
  const fallbackLayers = d.model.layoutType === "pegasus" ? 12 : 16;
  if (stack === "encoder") return { count: d.numLayers, ffn: d.intermediateSize };
  return { count: t.int("decoder_layers", fallbackLayers, "count").value ?? fallbackLayers, ffn: t.int("decoder_ffn_dim", 4096, "width").value ?? 4096 };
}

function pegasusStack(d: RequiredDims, flavour: Flavour, stack: Stack, prefix: string): TensorTemplate[] {
  const t = d.model.text;
  const h = d.hiddenSize;
  const { count, ffn } = stackDims(d, stack);
  const layers = range(count);
  const p = `${prefix}${stack}`;
  const l = `${p}.layers.{i}`;
  const bias = flavour === "pegasus" || (flavour === "bigbird_pegasus" && t.bool("use_bias", false).value);
  const attention = (path: string) => ["k_proj", "v_proj", "q_proj", "out_proj"].flatMap((n) => linear(`${path}.${n}`, h, h, bias, "attention", layers));
  const tensors: TensorTemplate[] = [];
  if (flavour !== "pegasus_x") tensors.push({ name: `${p}.embed_positions.weight`, shape: [d.maxPositions ?? (flavour === "pegasus" ? 1024 : 4096), h], role: "embedding" });
  if (flavour === "pegasus_x" && stack === "encoder") {
    const globals = t.int("num_global_tokens", 32, "count").value ?? 32;
    tensors.push({ name: `${p}.embed_global.weight`, shape: [globals, h], role: "embedding" });
  }
  if (flavour === "bigbird_pegasus" && stack === "encoder") {
    tensors.push(...["query", "key", "value"].flatMap((n) => linear(`${l}.self_attn.self.${n}`, h, h, bias, "attention", layers)));
    tensors.push(...linear(`${l}.self_attn.output`, h, h, bias, "attention", layers));
  } else tensors.push(...attention(`${l}.self_attn`));
  tensors.push(...norm(`${l}.self_attn_layer_norm`, h, true, layers));
  if (flavour === "pegasus_x" && stack === "encoder") tensors.push(...norm(`${l}.global_self_attn_layer_norm`, h, true, layers));
  if (stack === "decoder") tensors.push(...attention(`${l}.encoder_attn`), ...norm(`${l}.encoder_attn_layer_norm`, h, true, layers));
  tensors.push(
    ...linear(`${l}.fc1`, ffn, h, true, "mlp", layers),
    ...linear(`${l}.fc2`, h, ffn, true, "mlp", layers),
    ...norm(`${l}.final_layer_norm`, h, true, layers),
    ...norm(`${p}.${flavour === "bigbird_pegasus" ? "layernorm_embedding" : "layer_norm"}`, h, true),
  );
  return tensors;
}

function pegasusInventory(d: RequiredDims, flavour: Flavour): Inventory {
  const head = d.model.head;
  const h = d.hiddenSize;
  const estimated = d.model.estimateReason !== null;
  const decoderLayers = stackDims(d, "decoder").count;
  if (head === "causal-lm") {
    // PegasusForCausalLM wraps the decoder alone (PegasusDecoderWrapper); embed_tokens is its own.
    const embed = "model.decoder.embed_tokens.weight";
    const tensors: TensorTemplate[] = [{ name: embed, shape: [d.vocabSize, h], role: "embedding" }, ...pegasusStack(d, flavour, "decoder", "model.")];
    const tied: Inventory["tied"] = [];
    if (d.tied) tied.push({ name: "lm_head.weight", tiedTo: embed });
    else tensors.push(...linear("lm_head", d.vocabSize, h, false, "lmHead"));
    return { tensors, tied, expertsPerToken: null, estimated, notes: [], decoderLayers };
  }
  const prefix = head === "base" ? "" : "model.";
  const shared = `${prefix}shared.weight`;
  const tensors: TensorTemplate[] = [{ name: shared, shape: [d.vocabSize, h], role: "embedding" }, ...pegasusStack(d, flavour, "encoder", prefix), ...pegasusStack(d, flavour, "decoder", prefix)];
  const tied: Inventory["tied"] = [
    { name: `${prefix}encoder.embed_tokens.weight`, tiedTo: shared },
    { name: `${prefix}decoder.embed_tokens.weight`, tiedTo: shared },
  ];
  if (head === "conditional-generation") {
    if (d.tied) tied.push({ name: "lm_head.weight", tiedTo: shared });
    else tensors.push(...linear("lm_head", d.vocabSize, h, false, "lmHead"));
  }
  // BigBirdPegasusClassificationHead: dense [d, d] and out_proj [num_labels, d], both biased.
  if (head === "sequence-classification") tensors.push(...linear("classification_head.dense", h, h, true, "other"), ...linear("classification_head.out_proj", numLabels(d), h, true, "other"));
  // BigBirdPegasusForQuestionAnswering sets num_labels = 2 (start and end logits).
  if (head === "question-answering") tensors.push(...linear("qa_outputs", 2, h, true, "other"));
  const notes = flavour === "pegasus" ? ["the sinusoidal embed_positions of both stacks are frozen nn.Embedding parameters, counted"] : [];
  return { tensors, tied, expertsPerToken: null, estimated, notes, encoderLayers: d.numLayers, decoderLayers };
}

const ENCODER_KEYS = { numLayers: ["encoder_layers"], numHeads: ["encoder_attention_heads"], intermediateSize: ["encoder_ffn_dim"] };

export const pegasusSpecs: ModelTypeSpec[] = [
  {
    modelType: "pegasus",
    family: "pegasus",
    kind: "encoder-decoder",
    modelingFile: "models/pegasus/modeling_pegasus.py",
    classPrefixes: ["Pegasus"],
    heads: ["conditional-generation", "base", "causal-lm"],
    defaultHead: "conditional-generation",
    // PegasusConfig defaults.
    defaults: { vocabSize: 50265, hiddenSize: 1024, numLayers: 12, numHeads: 16, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 4096, maxPositions: 1024 },
    tieWordEmbeddingsDefault: true,
    aliases: ENCODER_KEYS,
    inventory: (d) => pegasusInventory(d, "pegasus"),
  },
  {
    modelType: "pegasus_x",
    family: "pegasus",
    kind: "encoder-decoder",
    modelingFile: "models/pegasus_x/modeling_pegasus_x.py",
    classPrefixes: ["PegasusX"],
    heads: ["conditional-generation", "base"],
    defaultHead: "conditional-generation",
    // PegasusXConfig defaults.
    defaults: { vocabSize: 96103, hiddenSize: 1024, numLayers: 16, numHeads: 16, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 4096, maxPositions: 16384 },
    tieWordEmbeddingsDefault: true,
    aliases: ENCODER_KEYS,
    inventory: (d) => pegasusInventory(d, "pegasus_x"),
  },
  {
    modelType: "bigbird_pegasus",
    family: "pegasus",
    kind: "encoder-decoder",
    modelingFile: "models/bigbird_pegasus/modeling_bigbird_pegasus.py",
    classPrefixes: ["BigBirdPegasus"],
    heads: ["conditional-generation", "base", "causal-lm", "sequence-classification", "question-answering"],
    defaultHead: "conditional-generation",
    // BigBirdPegasusConfig defaults.
    defaults: { vocabSize: 96103, hiddenSize: 1024, numLayers: 16, numHeads: 16, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 4096, maxPositions: 4096 },
    tieWordEmbeddingsDefault: true,
    aliases: ENCODER_KEYS,
    inventory: (d) => pegasusInventory(d, "bigbird_pegasus"),
  },
];
