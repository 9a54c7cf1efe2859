import type { ConfigReader } from "../normalize/config-reader.js";
import { blipVisionModel, readBlipVision } from "./blip.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { withComponent, type VisionDims } from "./multimodal.js";
import { optSpecs } from "./opt.js";
import { t5Specs } from "./t5.js";

/**
 * BLIP-2 (modeling_blip_2.py, configuration_blip_2.py), Blip2ForConditionalGeneration:
 *
 * - `vision_model.*`: BLIP's ViT (blip.ts) with Blip2VisionConfig's defaults (EVA ViT-g: 1,408,
 *   6,144, 39 layers, 224 px, patch 14); the fused qkv has no bias of its own, and with qkv_bias
 *   (the default) `qkv.bias` is one [3h] parameter, q_bias ⧺ zeros ⧺ v_bias.
 * - `query_tokens` [1, num_query_tokens, Q-Former hidden] (32 by default).
 * - `qformer.*` (Blip2QFormerModel): `layernorm`, then per layer BERT self-attention
 *   (`attention.attention.query/key/value`, `attention.output.dense` + LayerNorm), on every
 *   `cross_attention_frequency`-th layer (0, 2, …) a `crossattention` whose key/value read the
 *   vision width (Blip2Config sets encoder_hidden_size to it), and the query feed-forward
 *   `intermediate_query.dense` / `output_query.dense` + LayerNorm; the text feed-forward
 *   (`intermediate`, `output`) only with use_qformer_text_input. No word embeddings.
 * - `language_projection` [text hidden, Q-Former hidden] with bias.
 * - `language_model.*`: AutoModelForCausalLM of text_config (OPTForCausalLM for the OPT
 *   checkpoints, counted by opt.ts, its lm_head tied), or AutoModelForSeq2SeqLM (T5, by t5.ts)
 *   when text_config is an encoder-decoder. Its dims are the text_config read with its own type's
 *   defaults (textModelType).
 *
 * Q-Former defaults (Blip2QFormerConfig): 768, 3,072, 12 layers, cross_attention_frequency 2.
 */

const BLIP2_VISION_DEFAULTS: VisionDims = { hidden: 1408, intermediate: 6144, layers: 39, channels: 3, imageSize: 224, patchSize: 14 };

const LANGUAGE_SPECS = new Map([...optSpecs, ...t5Specs].map((s) => [s.modelType, s]));

interface QFormerDims {
  hidden: number;
  intermediate: number;
  layers: number;
  crossEvery: number;
  textInput: boolean;
}

function readQFormer(q: ConfigReader | null): QFormerDims {
  const int = (key: string, fallback: number, kind: "width" | "count" = "width") => q?.int(key, fallback, kind).value ?? fallback;
  return {
    hidden: int("hidden_size", 768),
    intermediate: int("intermediate_size", 3072),
    layers: int("num_hidden_layers", 12, "count"),
    crossEvery: int("cross_attention_frequency", 2, "count"),
    textInput: q?.bool("use_qformer_text_input", false).value ?? false,
  };
}

function qformerAttention(p: string, h: number, kvWidth: number, layers: readonly number[]): TensorTemplate[] {
  return [
    ...linear(`${p}.attention.query`, h, h, true, "attention", layers),
    ...linear(`${p}.attention.key`, h, kvWidth, true, "attention", layers),
    ...linear(`${p}.attention.value`, h, kvWidth, true, "attention", layers),
    ...linear(`${p}.output.dense`, h, h, true, "attention", layers),
    ...norm(`${p}.output.LayerNorm`, h, true, layers),
  ];
}

function feedForward(p: string, name: string, q: QFormerDims, layers: readonly number[]): TensorTemplate[] {
  return [
    ...linear(`${p}.intermediate${name}.dense`, q.intermediate, q.hidden, true, "mlp", layers),
    ...linear(`${p}.output${name}.dense`, q.hidden, q.intermediate, true, "mlp", layers),
    ...norm(`${p}.output${name}.LayerNorm`, q.hidden, true, layers),
  ];
}

/** Blip2QFormerModel under `p` ("qformer."), cross-attending to `encoderWidth`. */
export function qformer(p: string, q: QFormerDims, encoderWidth: number): TensorTemplate[] {
  const all = range(q.layers);
  const cross = all.filter((i) => i % q.crossEvery === 0);
  const l = `${p}encoder.layer.{i}`;
  return withComponent(
    [
      ...norm(`${p}layernorm`, q.hidden, true),
      ...qformerAttention(`${l}.attention`, q.hidden, q.hidden, all),
      ...qformerAttention(`${l}.crossattention`, q.hidden, encoderWidth, cross),
      ...(q.textInput ? feedForward(l, "", q, all) : []),
      ...feedForward(l, "_query", q, all),
    ],
    "qformer",
  );
}

function blip2Inventory(d: RequiredDims): Inventory {
  const r = d.model.root;
  const visionConfig = r.child("vision_config");
  const vision = readBlipVision(visionConfig, BLIP2_VISION_DEFAULTS);
  const qkvBias = visionConfig?.bool("qkv_bias", true).value ?? true;
  const q = readQFormer(r.child("qformer_config"));
  const queries = r.int("num_query_tokens", 32, "count").value ?? 32;
  const textType = r.child("text_config")?.string("model_type").value ?? "opt";
  const spec = LANGUAGE_SPECS.get(textType);
  const lmSpec = spec ?? LANGUAGE_SPECS.get("opt")!;
  // OPT is built as OPTForCausalLM, T5 as T5ForConditionalGeneration: both are their family's LM-head class.
  const lmHead = lmSpec.modelType === "opt" ? "causal-lm" : "conditional-generation";
  const lm = lmSpec.inventory({ ...d, model: { ...d.model, head: lmHead } });
  const p = "language_model.";
  const tensors: TensorTemplate[] = [
    ...blipVisionModel("vision_model.", vision, "visionModel", qkvBias),
    ...withComponent([{ name: "query_tokens", shape: [1, queries, q.hidden], role: "projector" }], "qformer"),
    ...qformer("qformer.", q, vision.hidden),
    ...withComponent(linear("language_projection", d.hiddenSize, q.hidden, true, "projector"), "projection"),
    ...withComponent(lm.tensors, "languageModel", p),
  ];
  return {
    tensors,
    tied: lm.tied.map((t) => ({ name: `${p}${t.name}`, tiedTo: `${p}${t.tiedTo}` })),
    expertsPerToken: null,
    estimated: d.model.estimateReason !== null || !spec,
    notes: spec ? [] : [`text model type "${textType}" is not known to BLIP-2's inventory; its language model is counted with OPT's layout`],
    ...(lm.encoderLayers !== undefined ? { encoderLayers: lm.encoderLayers } : {}),
    ...(lm.decoderLayers !== undefined ? { decoderLayers: lm.decoderLayers } : {}),
  };
}

export const blip2Specs: ModelTypeSpec[] = [
  {
    modelType: "blip-2",
    family: "blip-2",
    kind: "vision-language",
    modelingFile: "models/blip_2/modeling_blip_2.py",
    classPrefixes: ["Blip2"],
    heads: ["conditional-generation"],
    defaultHead: "conditional-generation",
    // The language model's defaults come from its own model type (textModelType).
    defaults: {},
    tieWordEmbeddingsDefault: true,
    textModelType: (textConfig) => textConfig?.string("model_type").value ?? "opt",
    inventory: blip2Inventory,
  },
];
