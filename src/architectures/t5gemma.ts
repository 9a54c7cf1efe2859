import { numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import type { ConfigReader } from "../normalize/config-reader.js";

/**
 * T5Gemma (modeling_t5gemma.py: T5GemmaForConditionalGeneration, T5GemmaModel, T5GemmaEncoderModel,
 * T5GemmaForSequenceClassification, T5GemmaForTokenClassification; configuration_t5gemma.py).
 * Two Gemma-2 stacks read from the config's `encoder` and `decoder` sub-configs
 * (T5GemmaModuleConfig; the decoder defaults to the encoder's). Each stack owns its embed_tokens
 * [vocab, hidden] (T5Gemma does not share them; T5Gemma 2 is the one that does) and a final RMSNorm
 * `norm`; each layer has q/k/v/o projections (bias when attention_bias), a gated MLP and four
 * weight-only RMSNorms (pre/post self-attention, pre/post feed-forward). Decoder layers add
 * `cross_attn` whose k/v read cross_attention_hidden_size = the encoder's hidden_size, with
 * pre/post_cross_attn_layernorm. `lm_head.out_proj` [vocab, decoder hidden] is tied to the decoder's
 * embed_tokens when tie_word_embeddings (default True). The root `vocab_size` (default 256,000) is
 * propagated to both stacks. Rotary tables are buffers.
 */

interface StackDims {
  hidden: number;
  layers: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  ff: number;
  bias: boolean;
}

/** T5GemmaModuleConfig defaults (Gemma 2 2B's shape). */
function stackDims(c: ConfigReader): StackDims {
  const hidden = c.int("hidden_size", 2304, "width").value ?? 2304;
  const heads = c.int("num_attention_heads", 8, "count").value ?? 8;
  return {
    hidden,
    layers: c.int("num_hidden_layers", 26, "count").value ?? 26,
    heads,
    kvHeads: c.int("num_key_value_heads", 4, "count").value ?? 4,
    headDim: c.int("head_dim", 256, "width").value ?? 256,
    ff: c.int("intermediate_size", 9216, "width").value ?? 9216,
    bias: c.bool("attention_bias", false).value,
  };
}

function stack(s: StackDims, vocab: number, p: string, crossWidth: number | null): TensorTemplate[] {
  const layers = range(s.layers);
  const l = `${p}.layers.{i}`;
  const q = s.heads * s.headDim;
  const kv = s.kvHeads * s.headDim;
  const attention = (path: string, kvIn: number) => [
    ...linear(`${path}.q_proj`, q, s.hidden, s.bias, "attention", layers),
    ...linear(`${path}.k_proj`, kv, kvIn, s.bias, "attention", layers),
    ...linear(`${path}.v_proj`, kv, kvIn, s.bias, "attention", layers),
    ...linear(`${path}.o_proj`, s.hidden, q, s.bias, "attention", layers),
  ];
  const norms = ["pre_self_attn_layernorm", "post_self_attn_layernorm", "pre_feedforward_layernorm", "post_feedforward_layernorm"];
  if (crossWidth !== null) norms.push("pre_cross_attn_layernorm", "post_cross_attn_layernorm");
  return [
    { name: `${p}.embed_tokens.weight`, shape: [vocab, s.hidden], role: "embedding" },
    ...attention(`${l}.self_attn`, s.hidden),
    ...(crossWidth !== null ? attention(`${l}.cross_attn`, crossWidth) : []),
    ...linear(`${l}.mlp.gate_proj`, s.ff, s.hidden, false, "mlp", layers),
    ...linear(`${l}.mlp.up_proj`, s.ff, s.hidden, false, "mlp", layers),
    ...linear(`${l}.mlp.down_proj`, s.hidden, s.ff, false, "mlp", layers),
    ...norms.flatMap((n) => norm(`${l}.${n}`, s.hidden, false, layers)),
    ...norm(`${p}.norm`, s.hidden, false),
  ];
}

function t5gemmaInventory(d: RequiredDims): Inventory {
  const root = d.model.root;
  const encoderConfig = root.child("encoder") ?? root;
  const enc = stackDims(encoderConfig);
  const dec = stackDims(root.child("decoder") ?? encoderConfig);
  const vocab = root.int("vocab_size", 256000, "vocab").value ?? 256000;
  const head = d.model.head;
  const encoderOnlyClass = d.model.architecture?.endsWith("EncoderModel") ?? false;
  // The classification classes wrap T5GemmaModel, or T5GemmaEncoderModel when is_encoder_decoder is false.
  const classifier = head === "sequence-classification" || head === "token-classification";
  const withDecoder = !encoderOnlyClass && !(classifier && !root.bool("is_encoder_decoder", true).value);
  const prefix = head === "base" ? "" : "model.";
  const tensors: TensorTemplate[] = [...stack(enc, vocab, `${prefix}encoder`, null)];
  const tied: Inventory["tied"] = [];
  if (withDecoder) tensors.push(...stack(dec, vocab, `${prefix}decoder`, enc.hidden));
  if (head === "conditional-generation") {
    if (d.tied) tied.push({ name: "lm_head.out_proj.weight", tiedTo: "model.decoder.embed_tokens.weight" });
    else tensors.push(...linear("lm_head.out_proj", vocab, dec.hidden, false, "lmHead"));
  }
  // T5GemmaClassificationHead: score.out_proj [num_labels, hidden] with bias (the decoder's width when there is one).
  if (classifier) tensors.push(...linear("score.out_proj", numLabels(d), withDecoder ? dec.hidden : enc.hidden, true, "other"));
  return {
    tensors,
    tied,
    expertsPerToken: null,
    estimated: d.model.estimateReason !== null,
    notes: ["the encoder and decoder each keep their own embed_tokens"],
    encoderLayers: enc.layers,
    ...(withDecoder ? { decoderLayers: dec.layers } : {}),
  };
}

export const t5gemmaSpecs: ModelTypeSpec[] = [
  {
    modelType: "t5gemma",
    family: "t5gemma",
    kind: "encoder-decoder",
    modelingFile: "models/t5gemma/modeling_t5gemma.py",
    classPrefixes: ["T5Gemma", "T5GemmaEncoder"],
    heads: ["conditional-generation", "base", "sequence-classification", "token-classification"],
    defaultHead: "conditional-generation",
    // The dims live in the `encoder` and `decoder` sub-configs, which the inventory reads itself.
    requires: [],
    defaults: {},
    tieWordEmbeddingsDefault: true,
    inventory: t5gemmaInventory,
  },
];
