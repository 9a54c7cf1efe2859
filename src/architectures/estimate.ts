import { guessModelKind } from "./model-kind.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { RequiredDims } from "./model-type-spec.js";

/**
 * The labelled estimate for configs whose class modelcheck does not model. It reads the config's own
 * hints and says what it assumed:
 * - the kind (model-kind.ts): `is_encoder_decoder`, the class suffix (ForMaskedLM → an encoder with
 *   an MLM head and no LM head; ForCausalLM → a decoder), a vision tower beside a language model;
 * - `hidden_act` / `activation_function`: a gated MLP (SiLU, SwiGLU, GeGLU) has three matrices;
 * - `num_local_experts`-style keys: routed experts in every layer, with a router;
 * - `tie_word_embeddings`: the head shares the embedding.
 * Encoders follow BERT's layout (biased projections, LayerNorms, learned positions), decoders
 * Llama's (bias-free, RMSNorm), encoder–decoders T5/BART's (cross-attention in the decoder).
 * Its error on the known types, measured with their inventories switched off, is in
 * test/architectures/estimate.test.ts.
 */
export function estimateInventory(d: RequiredDims): Inventory {
  const kind = guessModelKind(d.model);
  const act = String(d.model.text.value("hidden_act") ?? d.model.text.value("activation_function") ?? d.model.text.value("feed_forward_proj") ?? "");
  // A gated MLP says so in its activation, or shows it in its width: plain MLPs are 4 × d wide.
  const gated = /silu|swiglu|geglu|swish|gated/i.test(act) || (d.intermediateSize !== 4 * d.hiddenSize && !/relu/i.test(act));
  const experts = d.model.numExperts.value ?? 0;
  const c = d.model.text;
  const int = (keys: string[]) => c.int(keys, null, "width").value;
  const layout: Layout = {
    gated,
    experts,
    encoder: kind === "encoder",
    expertWidth: int(["moe_intermediate_size", "expert_intermediate_size"]) ?? d.intermediateSize,
    sharedWidth: int(["shared_expert_intermediate_size"]) ?? (int(["n_shared_experts", "num_shared_experts"]) ?? 0) * (int(["moe_intermediate_size"]) ?? 0),
    denseLayers: experts > 1 ? Math.min(d.numLayers, c.int("first_k_dense_replace", 0, "count", true).value ?? 0) : 0,
  };
  const parts = kind === "encoder" ? encoderParts(d, layout) : kind === "encoder-decoder" ? encoderDecoderParts(d, layout) : decoderParts(d, layout);
  const vision = kind === "vision-language" ? visionTowerEstimate(d) : null;
  if (vision) parts.tensors.push(...vision.tensors);
  const mlp = `${gated ? "gated " : ""}${experts > 1 ? `mixture of ${experts} experts (${d.model.expertsPerToken.value ?? 2} per token)` : "MLP"}`;
  const tower = vision ? `, plus a ViT vision tower of ${vision.layers} layers × ${vision.hidden} and a two-layer projector` : "";
  const shape = kind === "encoder" ? `an encoder in BERT's layout (${mlp}, ${parts.head})` : kind === "encoder-decoder" ? `an encoder–decoder in T5/BART's layout (${mlp}, ${parts.head})` : `a decoder in Llama's layout (${mlp}, ${parts.head})`;
  return {
    tensors: parts.tensors,
    tied: parts.tied,
    expertsPerToken: experts > 1 ? (d.model.expertsPerToken.value ?? 2) : null,
    estimated: true,
    notes: [`estimated as ${shape}${tower}, from the config's common keys`],
    ...(kind === "encoder-decoder" ? { encoderLayers: d.numLayers, decoderLayers: decoderLayerCount(d) } : {}),
  };
}

interface Layout {
  gated: boolean;
  experts: number;
  encoder: boolean;
  /** A routed expert's MLP width (moe_intermediate_size when the config has one). */
  expertWidth: number;
  /** Always-on shared experts beside the routed ones, as one MLP this wide; 0 without. */
  sharedWidth: number;
  /** Leading dense layers of a mixture (DeepSeek's first_k_dense_replace). */
  denseLayers: number;
}

interface Parts {
  tensors: TensorTemplate[];
  tied: Inventory["tied"];
  /** What the head was taken to be, for the note. */
  head: string;
}

function block(prefix: string, d: RequiredDims, layers: readonly number[], layout: Layout, crossAttention = false): TensorTemplate[] {
  const h = d.hiddenSize;
  const q = d.numHeads * d.headDim;
  const kv = d.numKvHeads * d.headDim;
  const bias = layout.encoder;
  const attention = (name: string) => [
    ...linear(`${prefix}.${name}.q`, q, h, bias, "attention", layers),
    ...linear(`${prefix}.${name}.kv`, 2 * kv, h, bias, "attention", layers),
    ...linear(`${prefix}.${name}.o`, h, q, bias, "attention", layers),
  ];
  const shapes = (ff: number) => (layout.gated ? [[ff, h], [ff, h], [h, ff]] : [[ff, h], [h, ff]]);
  const dense = (name: string, ff: number, at: readonly number[]) => shapes(ff).map((shape, k) => ({ name: `${prefix}.${name}.${k}.weight`, shape, role: "mlp" as const, layers: at }));
  const moeLayers = layout.experts > 1 ? layers.filter((i) => i >= layout.denseLayers) : [];
  const denseLayers = layout.experts > 1 ? layers.filter((i) => i < layout.denseLayers) : layers;
  const mlp: TensorTemplate[] = [...(denseLayers.length ? dense("mlp", d.intermediateSize, denseLayers) : [])];
  if (moeLayers.length) {
    mlp.push(...linear(`${prefix}.router`, layout.experts, h, false, "router", moeLayers));
    mlp.push(...shapes(layout.expertWidth).map((shape, k) => ({ name: `${prefix}.experts.{e}.${k}.weight`, shape, role: "mlp" as const, layers: moeLayers, experts: layout.experts })));
    if (layout.sharedWidth) mlp.push(...dense("shared_expert", layout.sharedWidth, moeLayers));
  }
  const norms = crossAttention ? 3 : 2;
  return [...attention("attention"), ...(crossAttention ? attention("cross_attention") : []), ...mlp, { name: `${prefix}.norms.weight`, shape: [norms * h * (bias ? 2 : 1)], role: "norm", layers }];
}

function lmHead(d: RequiredDims, embed: string): Pick<Parts, "tensors" | "tied"> {
  if (d.tied) return { tensors: [], tied: [{ name: "lm_head.weight", tiedTo: embed }] };
  return { tensors: [{ name: "lm_head.weight", shape: [d.vocabSize, d.hiddenSize], role: "lmHead" }], tied: [] };
}

function decoderParts(d: RequiredDims, layout: Layout): Parts {
  const head = d.model.head === "base" ? null : d.model.head === "sequence-classification" ? "score" : lmHead(d, "embed_tokens.weight");
  const tensors: TensorTemplate[] = [{ name: "embed_tokens.weight", shape: [d.vocabSize, d.hiddenSize], role: "embedding" }, ...block("layers.{i}", d, range(d.numLayers), layout), ...norm("norm", d.hiddenSize, false)];
  if (head === "score") tensors.push({ name: "score.weight", shape: [2, d.hiddenSize], role: "other" });
  else if (head) tensors.push(...head.tensors);
  const headText = head === null ? "no head" : head === "score" ? "a classification head" : d.tied ? "a tied LM head" : "an untied LM head";
  return { tensors, tied: head && head !== "score" ? head.tied : [], head: headText };
}

/** ALBERT-style sharing: `num_hidden_groups` groups of `inner_group_num` layers, whatever the depth. */
function distinctLayers(d: RequiredDims): number {
  const groups = d.model.text.int("num_hidden_groups", null, "count").value;
  if (groups === null) return d.numLayers;
  return groups * (d.model.text.int("inner_group_num", 1, "count").value ?? 1);
}

function encoderParts(d: RequiredDims, layout: Layout): Parts {
  const h = d.hiddenSize;
  const typeVocab = d.model.text.int("type_vocab_size", 2, "vocab").value ?? 2;
  const tensors: TensorTemplate[] = [
    { name: "embeddings.word_embeddings.weight", shape: [d.vocabSize, h], role: "embedding" },
    { name: "embeddings.position_embeddings.weight", shape: [d.maxPositions ?? 512, h], role: "embedding" },
    { name: "embeddings.token_type_embeddings.weight", shape: [typeVocab, h], role: "embedding" },
    ...norm("embeddings.LayerNorm", h, true),
    ...block("encoder.layer.{i}", d, range(distinctLayers(d)), layout),
  ];
  const tied: Inventory["tied"] = [];
  let head = "no head";
  if (d.model.head === "masked-lm") {
    // An MLM head: a transform (dense + LayerNorm) and a decoder tied to the word embeddings, with its own bias.
    tensors.push(...linear("lm_head.dense", h, h, true, "lmHead"), ...norm("lm_head.layer_norm", h, true, undefined, "lmHead"), { name: "lm_head.bias", shape: [d.vocabSize], role: "lmHead" });
    tied.push({ name: "lm_head.decoder.weight", tiedTo: "embeddings.word_embeddings.weight" });
    head = "an MLM head tied to the embeddings";
  } else if (d.model.head !== "base") {
    tensors.push(...linear("pooler.dense", h, h, true, "other"), ...linear("classifier", 2, h, true, "other"));
    head = "a pooler and a 2-label classifier";
  } else {
    tensors.push(...linear("pooler.dense", h, h, true, "other"));
    head = "a pooler";
  }
  return { tensors, tied, head };
}

function decoderLayerCount(d: RequiredDims): number {
  return d.model.text.int(["decoder_layers", "num_decoder_layers"], d.numLayers, "count").value ?? d.numLayers;
}

function encoderDecoderParts(d: RequiredDims, layout: Layout): Parts {
  const shared = "shared.weight";
  const tensors: TensorTemplate[] = [
    { name: shared, shape: [d.vocabSize, d.hiddenSize], role: "embedding" },
    ...block("encoder.layers.{i}", d, range(d.numLayers), layout),
    ...block("decoder.layers.{i}", d, range(decoderLayerCount(d)), layout, true),
    ...norm("encoder.norm", d.hiddenSize, false),
    ...norm("decoder.norm", d.hiddenSize, false),
  ];
  const head = d.model.head === "base" ? { tensors: [], tied: [] } : lmHead(d, shared);
  tensors.push(...head.tensors);
  return { tensors, tied: head.tied, head: d.model.head === "base" ? "no head" : d.tied ? "a tied LM head" : "an untied LM head" };
}

/**
 * A vision-language model's tower, from its `vision_config`: a ViT (patch convolution, one position
 * per patch and a class token, pre-norm layers with biased projections) and LLaVA's two-layer projector.
 */
function visionTowerEstimate(d: RequiredDims): { tensors: TensorTemplate[]; layers: number; hidden: number } | null {
  const v = d.model.root.child("vision_config");
  if (!v) return null;
  const h = v.int(["hidden_size", "embed_dim", "width"], null).value;
  const depth = v.int(["num_hidden_layers", "depth", "num_layers"], null, "count").value;
  if (!h || !depth) return null;
  const ff = v.int(["intermediate_size", "mlp_dim"], 4 * h).value ?? 4 * h;
  const patch = v.int("patch_size", 14, "positions").value ?? 14;
  const image = v.int("image_size", 224, "positions").value ?? 224;
  const layers = range(depth);
  const tensors: TensorTemplate[] = [
    { name: "vision.patch_embedding.weight", shape: [h, 3, patch, patch], role: "vision" },
    { name: "vision.position_embedding.weight", shape: [Math.floor(image / patch) ** 2 + 1, h], role: "vision" },
    ...linear("vision.layers.{i}.attention.qkv", 3 * h, h, true, "vision", layers),
    ...linear("vision.layers.{i}.attention.o", h, h, true, "vision", layers),
    ...linear("vision.layers.{i}.mlp.fc1", ff, h, true, "vision", layers),
    ...linear("vision.layers.{i}.mlp.fc2", h, ff, true, "vision", layers),
    { name: "vision.layers.{i}.norms.weight", shape: [4 * h], role: "vision", layers },
    ...norm("vision.post_layernorm", h, true, undefined, "vision"),
    ...linear("projector.linear_1", d.hiddenSize, h, true, "projector"),
    ...linear("projector.linear_2", d.hiddenSize, d.hiddenSize, true, "projector"),
  ];
  return { tensors, layers: depth, hidden: h };
}
