import type { ConfigReader } from "../normalize/config-reader.js";
import { decoderHead, inventoryOf } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * Mamba and Mamba-2 (modeling_mamba.py, modeling_mamba2.py, transformers 5.18): attention-free
 * stacks of selective state-space mixers under `backbone.` (`base_model_prefix`), each layer an
 * RMSNorm `norm` and a `mixer`, then `norm_f`.
 *
 * Inner width: MambaMixer reads `config.intermediate_size`, which MambaConfig sets to
 * int(expand × hidden_size) unless config.json gives one (the saved key wins, as leftover kwargs are
 * set after `__post_init__`); Mamba2Mixer always uses int(expand × hidden_size).
 *
 * Mamba mixer: in_proj [2·inner, d], depthwise conv1d [inner, 1, conv_kernel] (+ bias with
 * `use_conv_bias`), x_proj [dt_rank + 2·state, inner], dt_proj [inner, dt_rank] + bias, A_log
 * [inner, state], D [inner], out_proj [d, inner]; `use_bias` adds biases to in_proj and out_proj.
 * `time_step_rank` "auto" means ceil(hidden_size / 16).
 *
 * Mamba-2 mixer: in_proj [inner + conv_dim + heads, d] with conv_dim = inner + 2·n_groups·state,
 * conv1d over conv_dim, per-head dt_bias, A_log and D [heads], a gated RMSNorm `norm` [inner] and
 * out_proj. Mamba ties its LM head by default; Mamba-2 does not.
 */

const HEADS = ["causal-lm", "base"] as const;

/** int(expand × hidden_size), as MambaConfig and Mamba2Config compute it. */
function innerWidth(c: ConfigReader, hidden: number): number {
  const expand = c.number("expand", 2).value ?? 2;
  return Math.floor(expand * hidden);
}

export function innerWidthDefault(m: { hiddenSize?: number | null }, c: ConfigReader): number | null {
  const v = c.value("expand");
  const expand = typeof v === "number" && v > 0 ? v : 2;
  return m.hiddenSize ? Math.floor(expand * m.hiddenSize) : null;
}

/** Embeddings, per-layer norms, the final norm and the head: everything but the mixers. */
function ssmBackbone(d: RequiredDims, mixer: TensorTemplate[], notes: string[] = []): Inventory {
  const prefix = d.model.head === "base" ? "" : "backbone.";
  const layers = range(d.numLayers);
  const tensors: TensorTemplate[] = [
    { name: `${prefix}embeddings.weight`, shape: [d.vocabSize, d.hiddenSize], role: "embedding" },
    ...norm(`${prefix}layers.{i}.norm`, d.hiddenSize, false, layers),
    ...mixer,
    ...norm(`${prefix}norm_f`, d.hiddenSize, false),
  ];
  const head = decoderHead(d, `${prefix}embeddings.weight`);
  return { ...inventoryOf({ tensors: [...tensors, ...head.tensors], tied: head.tied, notes }, d), attentionType: "NONE" };
}

export function mambaInventory(d: RequiredDims): Inventory {
  const c = d.model.text;
  const m = `${d.model.head === "base" ? "" : "backbone."}layers.{i}.mixer`;
  const layers = range(d.numLayers);
  const h = d.hiddenSize;
  // intermediate_size from config.json, else the spec default int(expand × hidden_size).
  const inner = d.intermediateSize;
  const state = c.int("state_size", 16).value ?? 16;
  const kernel = c.int("conv_kernel", 4).value ?? 4;
  const autoRank = Math.ceil(h / 16);
  const rawRank = c.value("time_step_rank");
  const dtRank = rawRank === undefined || rawRank === null || rawRank === "auto" ? autoRank : (c.int("time_step_rank", autoRank).value ?? autoRank);
  const bias = c.bool("use_bias", false).value;
  const convBias = c.bool("use_conv_bias", true).value;
  const mixer: TensorTemplate[] = [
    ...linear(`${m}.in_proj`, 2 * inner, h, bias, "ssm", layers),
    { name: `${m}.conv1d.weight`, shape: [inner, 1, kernel], role: "ssm", layers },
    ...(convBias ? [{ name: `${m}.conv1d.bias`, shape: [inner], role: "ssm" as const, layers }] : []),
    ...linear(`${m}.x_proj`, dtRank + 2 * state, inner, false, "ssm", layers),
    ...linear(`${m}.dt_proj`, inner, dtRank, true, "ssm", layers),
    { name: `${m}.A_log`, shape: [inner, state], role: "ssm", layers },
    { name: `${m}.D`, shape: [inner], role: "ssm", layers },
    ...linear(`${m}.out_proj`, h, inner, bias, "ssm", layers),
  ];
  return ssmBackbone(d, mixer);
}

function mamba2Inventory(d: RequiredDims): Inventory {
  const c = d.model.text;
  const m = `${d.model.head === "base" ? "" : "backbone."}layers.{i}.mixer`;
  const layers = range(d.numLayers);
  const h = d.hiddenSize;
  const inner = innerWidth(c, h);
  const state = c.int("state_size", 128).value ?? 128;
  const kernel = c.int("conv_kernel", 4).value ?? 4;
  const groups = c.int("n_groups", 8, "count").value ?? 8;
  const heads = c.int("num_heads", 128, "count").value ?? 128;
  const bias = c.bool("use_bias", false).value;
  const convBias = c.bool("use_conv_bias", true).value;
  const convDim = inner + 2 * groups * state;
  const notes: string[] = [];
  if (d.model.intermediateSize.origin === "config" && d.model.intermediateSize.value !== inner) {
    notes.push(`intermediate_size ${d.model.intermediateSize.value} is not used: Mamba2Mixer's width is expand × hidden_size = ${inner}`);
  }
  const mixer: TensorTemplate[] = [
    ...linear(`${m}.in_proj`, inner + convDim + heads, h, bias, "ssm", layers),
    { name: `${m}.conv1d.weight`, shape: [convDim, 1, kernel], role: "ssm", layers },
    ...(convBias ? [{ name: `${m}.conv1d.bias`, shape: [convDim], role: "ssm" as const, layers }] : []),
    { name: `${m}.dt_bias`, shape: [heads], role: "ssm", layers },
    { name: `${m}.A_log`, shape: [heads], role: "ssm", layers },
    { name: `${m}.D`, shape: [heads], role: "ssm", layers },
    ...norm(`${m}.norm`, inner, false, layers),
    ...linear(`${m}.out_proj`, h, inner, bias, "ssm", layers),
  ];
  return ssmBackbone(d, mixer, notes);
}

export const mambaSpecs: ModelTypeSpec[] = [
  {
    modelType: "mamba",
    family: "mamba",
    kind: "state-space",
    modelingFile: "models/mamba/modeling_mamba.py",
    classPrefixes: ["Mamba"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 50280, hiddenSize: 768, numLayers: 32, intermediateSize: innerWidthDefault, maxPositions: null },
    tieWordEmbeddingsDefault: true,
    attentionFree: true,
    inventory: mambaInventory,
  },
  {
    modelType: "mamba2",
    family: "mamba",
    kind: "state-space",
    modelingFile: "models/mamba2/modeling_mamba2.py",
    classPrefixes: ["Mamba2"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 32768, hiddenSize: 4096, numLayers: 64, intermediateSize: innerWidthDefault, maxPositions: null },
    tieWordEmbeddingsDefault: false,
    attentionFree: true,
    inventory: mamba2Inventory,
  },
];
