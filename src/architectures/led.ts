import { numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * LED, the Longformer Encoder-Decoder (modeling_led.py: LEDForConditionalGeneration, LEDModel,
 * LEDForSequenceClassification, LEDForQuestionAnswering; configuration_led.py). BART's post-norm
 * layout under the `led.` prefix: `led.shared` feeds both stacks and the tied LM head, each stack has
 * a learned LEDLearnedPositionalEmbedding without BART's offset (max_encoder_position_embeddings
 * and max_decoder_position_embeddings rows) and a layernorm_embedding. The encoder's attention is
 * Longformer's: `self_attn.longformer_self_attn.{query,key,value}` plus the global
 * `{query,key,value}_global`, all [d, d] with bias, and `self_attn.output` [d, d] with bias. The
 * decoder's attention is BART's (k/v/q/out_proj, biased). `final_logits_bias` is a buffer.
 */

type Stack = "encoder" | "decoder";

function ledStack(d: RequiredDims, stack: Stack, prefix: string): TensorTemplate[] {
  const t = d.model.text;
  const h = d.hiddenSize;
  const count = stack === "encoder" ? d.numLayers : (t.int("decoder_layers", 12, "count").value ?? 12);
  const ffn = stack === "encoder" ? d.intermediateSize : (t.int("decoder_ffn_dim", 4096, "width").value ?? 4096);
  const positions = stack === "encoder" ? (t.int("max_encoder_position_embeddings", 16384, "positions").value ?? 16384) : (t.int("max_decoder_position_embeddings", 1024, "positions").value ?? 1024);
  const layers = range(count);
  const p = `${prefix}${stack}`;
  const l = `${p}.layers.{i}`;
  const tensors: TensorTemplate[] = [{ name: `${p}.embed_positions.weight`, shape: [positions, h], role: "embedding" }];
  if (stack === "encoder") {
    const a = `${l}.self_attn.longformer_self_attn`;
    tensors.push(...["query", "key", "value", "query_global", "key_global", "value_global"].flatMap((n) => linear(`${a}.${n}`, h, h, true, "attention", layers)));
    tensors.push(...linear(`${l}.self_attn.output`, h, h, true, "attention", layers));
  } else {
    tensors.push(...["k_proj", "v_proj", "q_proj", "out_proj"].flatMap((n) => linear(`${l}.self_attn.${n}`, h, h, true, "attention", layers)));
  }
  tensors.push(...norm(`${l}.self_attn_layer_norm`, h, true, layers));
  if (stack === "decoder") {
    tensors.push(...["k_proj", "v_proj", "q_proj", "out_proj"].flatMap((n) => linear(`${l}.encoder_attn.${n}`, h, h, true, "attention", layers)));
    tensors.push(...norm(`${l}.encoder_attn_layer_norm`, h, true, layers));
  }
  tensors.push(
    ...linear(`${l}.fc1`, ffn, h, true, "mlp", layers),
    ...linear(`${l}.fc2`, h, ffn, true, "mlp", layers),
    ...norm(`${l}.final_layer_norm`, h, true, layers),
    ...norm(`${p}.layernorm_embedding`, h, true),
  );
  return tensors;
}

function ledInventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const h = d.hiddenSize;
  const prefix = head === "base" ? "" : "led.";
  const shared = `${prefix}shared.weight`;
  const tensors: TensorTemplate[] = [{ name: shared, shape: [d.vocabSize, h], role: "embedding" }, ...ledStack(d, "encoder", prefix), ...ledStack(d, "decoder", prefix)];
  const tied: Inventory["tied"] = [
    { name: `${prefix}encoder.embed_tokens.weight`, tiedTo: shared },
    { name: `${prefix}decoder.embed_tokens.weight`, tiedTo: shared },
  ];
  if (head === "conditional-generation") {
    if (d.tied) tied.push({ name: "lm_head.weight", tiedTo: shared });
    else tensors.push(...linear("lm_head", d.vocabSize, h, false, "lmHead"));
  }
  // LEDClassificationHead: dense [d, d] and out_proj [num_labels, d], both biased.
  if (head === "sequence-classification") tensors.push(...linear("classification_head.dense", h, h, true, "other"), ...linear("classification_head.out_proj", numLabels(d), h, true, "other"));
  // LEDForQuestionAnswering sets num_labels = 2 (start and end logits).
  if (head === "question-answering") tensors.push(...linear("qa_outputs", 2, h, true, "other"));
  const decoderLayers = d.model.text.int("decoder_layers", 12, "count").value ?? 12;
  return { tensors, tied, expertsPerToken: null, estimated: d.model.estimateReason !== null, notes: [], encoderLayers: d.numLayers, decoderLayers };
}

export const ledSpecs: ModelTypeSpec[] = [
  {
    modelType: "led",
    family: "led",
    kind: "encoder-decoder",
    modelingFile: "models/led/modeling_led.py",
    classPrefixes: ["LED"],
    heads: ["conditional-generation", "base", "sequence-classification", "question-answering"],
    defaultHead: "conditional-generation",
    // LEDConfig defaults; max_position_embeddings is not a key of LEDConfig (the encoder's is read).
    defaults: { vocabSize: 50265, hiddenSize: 1024, numLayers: 12, numHeads: 16, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 4096, maxPositions: 16384 },
    tieWordEmbeddingsDefault: true,
    aliases: { numLayers: ["encoder_layers"], numHeads: ["encoder_attention_heads"], intermediateSize: ["encoder_ffn_dim"], maxPositions: ["max_encoder_position_embeddings"] },
    inventory: ledInventory,
  },
];
