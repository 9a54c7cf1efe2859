import type { ConfigReader } from "../normalize/config-reader.js";
import { inventoryOf } from "./decoder.js";
import { linear, norm, range, type Inventory, type Role, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { withComponent, type VisionDims } from "./multimodal.js";

/**
 * BLIP (modeling_blip.py, modeling_blip_text.py, configuration_blip.py).
 *
 * - Vision (BlipVisionModel, `vision_model.*`): `embeddings.class_embedding` [1, 1, h] and
 *   `embeddings.position_embedding` [1, patches + 1, h] are bare parameters, the patch convolution
 *   has a bias and always 3 input channels; layers with a fused, biased `self_attn.qkv` [3h, h] and
 *   `self_attn.projection`, LayerNorms and a GELU MLP; `post_layernorm`. No pre-norm.
 * - Text (BlipTextModel, BERT-like): word and position embeddings (no token types) and a
 *   LayerNorm; each layer has self-attention (`attention.self.query/key/value`,
 *   `attention.output.dense` + LayerNorm), and when the text config `is_decoder` (the default)
 *   a `crossattention` whose key/value read `encoder_hidden_size` (the vision width), then
 *   `intermediate.dense` and `output.dense` + LayerNorm.
 * - BlipForConditionalGeneration: `vision_model.*` and `text_decoder` (BlipTextLMHeadModel:
 *   `bert.*` without pooler, `cls.predictions.transform.dense` + LayerNorm, `cls.predictions.bias`
 *   [vocab]; `cls.predictions.decoder.weight` is tied to the word embeddings while the text
 *   config's tie_word_embeddings holds, as Salesforce's configs say, and its bias is `bias`).
 * - BlipModel: `text_model.*` (with the pooler), `vision_model.*`, bias-free `visual_projection`
 *   and `text_projection` [projection_dim, width] and the scalar `logit_scale`.
 *
 * Defaults: BlipVisionConfig (768, 3,072, 12 layers, 384 px, patch 16), BlipTextConfig (vocab
 * 30,524, 768, encoder width 768, 3,072, 12 layers, 512 positions, is_decoder), projection_dim 512.
 */

const BLIP_VISION_DEFAULTS: VisionDims = { hidden: 768, intermediate: 3072, layers: 12, channels: 3, imageSize: 384, patchSize: 16 };

interface BlipTextDims {
  vocab: number;
  hidden: number;
  encoderHidden: number;
  intermediate: number;
  layers: number;
  maxPositions: number;
  crossAttention: boolean;
  tied: boolean;
}

export function readBlipVision(v: ConfigReader | null, defaults: VisionDims): VisionDims {
  const int = (key: string, fallback: number, kind: "width" | "count" | "positions" = "width") => v?.int(key, fallback, kind).value ?? fallback;
  return {
    hidden: int("hidden_size", defaults.hidden),
    intermediate: int("intermediate_size", defaults.intermediate),
    layers: int("num_hidden_layers", defaults.layers, "count"),
    // BlipVisionEmbeddings / Blip2VisionEmbeddings hard-code in_channels=3.
    channels: 3,
    imageSize: int("image_size", defaults.imageSize, "positions"),
    patchSize: int("patch_size", defaults.patchSize, "positions"),
  };
}

function readBlipText(root: ConfigReader, t: ConfigReader | null): BlipTextDims {
  const int = (key: string, fallback: number, kind: "width" | "count" | "positions" | "vocab" = "width") => t?.int(key, fallback, kind).value ?? fallback;
  return {
    vocab: int("vocab_size", 30524, "vocab"),
    hidden: int("hidden_size", 768),
    encoderHidden: int("encoder_hidden_size", 768),
    intermediate: int("intermediate_size", 3072),
    layers: int("num_hidden_layers", 12, "count"),
    maxPositions: int("max_position_embeddings", 512, "positions"),
    crossAttention: t?.bool("is_decoder", true).value ?? true,
    tied: t?.has("tie_word_embeddings") ? t.bool("tie_word_embeddings", true).value : root.bool("tie_word_embeddings", true).value,
  };
}

/**
 * BlipVisionModel under `p` (e.g. "vision_model."), tagged `component`. Also BLIP-2's
 * Blip2VisionModel: its qkv Linear has no bias of its own, and with qkv_bias it gets one [3h]
 * parameter (q_bias ⧺ zeros ⧺ v_bias), so `qkvBias` false only drops that bias.
 */
export function blipVisionModel(p: string, v: VisionDims, component: string, qkvBias = true): TensorTemplate[] {
  const h = v.hidden;
  const layers = range(v.layers);
  const l = `${p}encoder.layers.{i}`;
  const patches = Math.floor(v.imageSize / v.patchSize) ** 2;
  const role: Role = "vision";
  return withComponent(
    [
      { name: `${p}embeddings.class_embedding`, shape: [1, 1, h], role },
      ...linearConv(`${p}embeddings.patch_embedding`, h, v.channels, v.patchSize),
      { name: `${p}embeddings.position_embedding`, shape: [1, patches + 1, h], role },
      ...linear(`${l}.self_attn.qkv`, 3 * h, h, qkvBias, role, layers),
      ...linear(`${l}.self_attn.projection`, h, h, true, role, layers),
      ...norm(`${l}.layer_norm1`, h, true, layers, role),
      ...linear(`${l}.mlp.fc1`, v.intermediate, h, true, role, layers),
      ...linear(`${l}.mlp.fc2`, h, v.intermediate, true, role, layers),
      ...norm(`${l}.layer_norm2`, h, true, layers, role),
      ...norm(`${p}post_layernorm`, h, true, undefined, role),
    ],
    component,
  );
}

function linearConv(name: string, out: number, inChannels: number, k: number): TensorTemplate[] {
  return [
    { name: `${name}.weight`, shape: [out, inChannels, k, k], role: "vision" },
    { name: `${name}.bias`, shape: [out], role: "vision" },
  ];
}

/** A BERT-style attention block (`self.query/key/value`, `output.dense` + LayerNorm) whose key/value read `kvWidth`. */
function bertAttention(p: string, h: number, kvWidth: number, layers: readonly number[]): TensorTemplate[] {
  return [
    ...linear(`${p}.self.query`, h, h, true, "attention", layers),
    ...linear(`${p}.self.key`, h, kvWidth, true, "attention", layers),
    ...linear(`${p}.self.value`, h, kvWidth, true, "attention", layers),
    ...linear(`${p}.output.dense`, h, h, true, "attention", layers),
    ...norm(`${p}.output.LayerNorm`, h, true, layers),
  ];
}

function blipTextModel(p: string, t: BlipTextDims, pooler: boolean): TensorTemplate[] {
  const h = t.hidden;
  const layers = range(t.layers);
  const l = `${p}encoder.layer.{i}`;
  const tensors: TensorTemplate[] = [
    { name: `${p}embeddings.word_embeddings.weight`, shape: [t.vocab, h], role: "embedding" },
    { name: `${p}embeddings.position_embeddings.weight`, shape: [t.maxPositions, h], role: "embedding" },
    ...norm(`${p}embeddings.LayerNorm`, h, true),
    ...bertAttention(`${l}.attention`, h, h, layers),
    ...(t.crossAttention ? bertAttention(`${l}.crossattention`, h, t.encoderHidden, layers) : []),
    ...linear(`${l}.intermediate.dense`, t.intermediate, h, true, "mlp", layers),
    ...linear(`${l}.output.dense`, h, t.intermediate, true, "mlp", layers),
    ...norm(`${l}.output.LayerNorm`, h, true, layers),
  ];
  if (pooler) tensors.push(...linear(`${p}pooler.dense`, h, h, true, "other"));
  return tensors;
}

function blipInventory(d: RequiredDims): Inventory {
  const r = d.model.root;
  const vision = readBlipVision(r.child("vision_config"), BLIP_VISION_DEFAULTS);
  const text = readBlipText(r, r.child("text_config"));
  const tensors: TensorTemplate[] = [...blipVisionModel("vision_model.", vision, "visionModel")];
  const tied: Inventory["tied"] = [];
  if (d.model.head === "base") {
    const dim = r.int("projection_dim", 512, "width").value ?? 512;
    tensors.push(
      ...withComponent(blipTextModel("text_model.", text, true), "textModel"),
      ...withComponent([...linear("visual_projection", dim, vision.hidden, false, "projector"), ...linear("text_projection", dim, text.hidden, false, "projector"), { name: "logit_scale", shape: [], role: "other" }], "projection"),
    );
  } else {
    const p = "text_decoder.";
    const c = `${p}cls.predictions`;
    const embed = `${p}bert.embeddings.word_embeddings.weight`;
    const head: TensorTemplate[] = [...linear(`${c}.transform.dense`, text.hidden, text.hidden, true, "lmHead"), ...norm(`${c}.transform.LayerNorm`, text.hidden, true, undefined, "lmHead"), { name: `${c}.bias`, shape: [text.vocab], role: "lmHead" }];
    if (text.tied) tied.push({ name: `${c}.decoder.weight`, tiedTo: embed });
    else head.push({ name: `${c}.decoder.weight`, shape: [text.vocab, text.hidden], role: "lmHead" });
    tied.push({ name: `${c}.decoder.bias`, tiedTo: `${c}.bias` });
    tensors.push(...withComponent([...blipTextModel(`${p}bert.`, text, false), ...head], "textDecoder"));
  }
  return inventoryOf({ tensors, tied }, d);
}

export const blipSpecs: ModelTypeSpec[] = [
  {
    modelType: "blip",
    family: "blip",
    kind: "vision-language",
    modelingFile: "models/blip/modeling_blip.py",
    // The towers have their own widths: the inventory reads text_config and vision_config itself.
    requires: [],
    classPrefixes: ["Blip"],
    heads: ["conditional-generation", "base"],
    defaultHead: "conditional-generation",
    defaults: {},
    tieWordEmbeddingsDefault: true,
    inventory: blipInventory,
  },
];
