import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * ProphetNet (modeling_prophetnet.py: ProphetNetForConditionalGeneration, ProphetNetModel,
 * ProphetNetForCausalLM; configuration_prophetnet.py) and XLM-ProphetNet (modeling_xlm_prophetnet.py,
 * the same modules under XLMProphetNet names). `prophetnet.word_embeddings` is the token embedding
 * of both stacks (their word_embeddings are that module) and of the tied lm_head. Each stack has
 * learned ProphetNetPositionalEmbeddings [max_position_embeddings, d] (no offset) and an
 * embeddings_layer_norm; the decoder adds ngram_embeddings [ngram, d]. Post-norm layers: attention
 * key/value/query/out_proj (all biased), self_attn_layer_norm, feed_forward.intermediate/output
 * (biased), feed_forward_layer_norm. The decoder's ProphetNetNgramSelfAttention adds
 * relative_pos_embeddings, a biased Linear [num_buckets × decoder heads, d]; its cross_attn and
 * cross_attn_layer_norm exist when add_cross_attention (ProphetNetConfig's default True).
 */

type Stack = "encoder" | "decoder";

function attention(path: string, h: number, layers: readonly number[]): TensorTemplate[] {
  return ["key_proj", "value_proj", "query_proj", "out_proj"].flatMap((n) => linear(`${path}.${n}`, h, h, true, "attention", layers));
}

function prophetStack(d: RequiredDims, stack: Stack, prefix: string): TensorTemplate[] {
  const t = d.model.text;
  const h = d.hiddenSize;
  const count = stack === "encoder" ? d.numLayers : (t.int("num_decoder_layers", 12, "count").value ?? 12);
  const ffn = stack === "encoder" ? d.intermediateSize : (t.int("decoder_ffn_dim", 4096, "width").value ?? 4096);
  const layers = range(count);
  const p = `${prefix}${stack}`;
  const l = `${p}.layers.{i}`;
  const tensors: TensorTemplate[] = [{ name: `${p}.position_embeddings.weight`, shape: [d.maxPositions ?? 512, h], role: "embedding" }];
  if (stack === "decoder") {
    const ngram = t.int("ngram", 2, "count").value ?? 2;
    const buckets = t.int("num_buckets", 32, "count").value ?? 32;
    const heads = t.int("num_decoder_attention_heads", 16, "count").value ?? 16;
    tensors.push({ name: `${p}.ngram_embeddings.weight`, shape: [ngram, h], role: "embedding" });
    tensors.push(...attention(`${l}.self_attn`, h, layers), ...linear(`${l}.self_attn.relative_pos_embeddings`, buckets * heads, h, true, "attention", layers));
  } else tensors.push(...attention(`${l}.self_attn`, h, layers));
  tensors.push(...norm(`${l}.self_attn_layer_norm`, h, true, layers));
  if (stack === "decoder" && t.bool("add_cross_attention", true).value) tensors.push(...attention(`${l}.cross_attn`, h, layers), ...norm(`${l}.cross_attn_layer_norm`, h, true, layers));
  tensors.push(
    ...linear(`${l}.feed_forward.intermediate`, ffn, h, true, "mlp", layers),
    ...linear(`${l}.feed_forward.output`, h, ffn, true, "mlp", layers),
    ...norm(`${l}.feed_forward_layer_norm`, h, true, layers),
    ...norm(`${p}.embeddings_layer_norm`, h, true),
  );
  return tensors;
}

function prophetnetInventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const h = d.hiddenSize;
  const prefix = head === "base" ? "" : "prophetnet.";
  const embed = `${prefix}word_embeddings.weight`;
  const decoderLayers = d.model.text.int("num_decoder_layers", 12, "count").value ?? 12;
  const causal = head === "causal-lm";
  // ProphetNetForCausalLM holds ProphetNetDecoderWrapper: word_embeddings and the decoder alone.
  const tensors: TensorTemplate[] = [{ name: embed, shape: [d.vocabSize, h], role: "embedding" }, ...(causal ? [] : prophetStack(d, "encoder", prefix)), ...prophetStack(d, "decoder", prefix)];
  const tied: Inventory["tied"] = [...(causal ? [] : [{ name: `${prefix}encoder.word_embeddings.weight`, tiedTo: embed }]), { name: `${prefix}decoder.word_embeddings.weight`, tiedTo: embed }];
  if (head === "conditional-generation" || causal) {
    if (d.tied) tied.push({ name: "lm_head.weight", tiedTo: embed });
    else tensors.push(...linear("lm_head", d.vocabSize, h, false, "lmHead"));
  }
  return { tensors, tied, expertsPerToken: null, estimated: d.model.estimateReason !== null, notes: [], ...(causal ? {} : { encoderLayers: d.numLayers }), decoderLayers };
}

// ProphetNetConfig / XLMProphetNetConfig defaults; the encoder's keys stand for the model's.
const DEFAULTS: ModelTypeSpec["defaults"] = { vocabSize: 30522, hiddenSize: 1024, numLayers: 12, numHeads: 16, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 4096, maxPositions: 512 };
const ALIASES: ModelTypeSpec["aliases"] = { numLayers: ["num_encoder_layers"], numHeads: ["num_encoder_attention_heads"], intermediateSize: ["encoder_ffn_dim"] };

export const prophetnetSpecs: ModelTypeSpec[] = [
  {
    modelType: "prophetnet",
    family: "prophetnet",
    kind: "encoder-decoder",
    modelingFile: "models/prophetnet/modeling_prophetnet.py",
    classPrefixes: ["ProphetNet"],
    heads: ["conditional-generation", "base", "causal-lm"],
    defaultHead: "conditional-generation",
    defaults: DEFAULTS,
    tieWordEmbeddingsDefault: true,
    aliases: ALIASES,
    inventory: prophetnetInventory,
  },
  {
    modelType: "xlm-prophetnet",
    family: "prophetnet",
    kind: "encoder-decoder",
    modelingFile: "models/deprecated/xlm_prophetnet/modeling_xlm_prophetnet.py",
    classPrefixes: ["XLMProphetNet"],
    heads: ["conditional-generation", "base", "causal-lm"],
    defaultHead: "conditional-generation",
    defaults: DEFAULTS,
    tieWordEmbeddingsDefault: true,
    aliases: ALIASES,
    inventory: prophetnetInventory,
  },
];
