import { estimateInventory } from "../architectures/estimate.js";
import { sumInventory, type Inventory } from "../architectures/inventory.js";
import { guessModelKind, kindOf } from "../architectures/model-kind.js";
import { DEFAULT_REQUIRED, type ModelKind, type RequiredDims } from "../architectures/model-type-spec.js";
import { findSpecByModelType } from "../architectures/registry.js";
import type { NormalizedModel } from "../normalize/normalized-model.js";
import { computeFacts } from "./compute-facts.js";
import type { ComputeFacts, FactOptions, Facts, ParameterFacts } from "./facts.js";
import { inputFacts } from "./input-facts.js";
import { memoryFacts } from "./memory-facts.js";
import { moeFacts } from "./moe-facts.js";
import { assumedFields, assumedFieldsReason } from "./unusable-fields.js";
import { parseAdvertisedSizes, type AdvertisedSize } from "./parse-advertised-size.js";

export interface DerivedFacts {
  facts: Facts;
  /** The tensor inventory the counts came from; null when the dims needed are missing. */
  inventory: Inventory | null;
}

/** The core dims every inventory needs, or null when one of them is missing or invalid. */
export function requiredDims(model: NormalizedModel): RequiredDims | null {
  const spec = model.layoutType ? findSpecByModelType(model.layoutType) : null;
  if (spec?.attentionFree) {
    // Pure SSMs (Mamba): no heads to require; the inventory ignores the zeros.
    const core = { hiddenSize: model.hiddenSize.value, numLayers: model.numLayers.value, vocabSize: model.vocabSize.value };
    for (const value of Object.values(core)) if (!value) return null;
    const intermediateSize = model.intermediateSize.value ?? 2 * core.hiddenSize!;
    return { model, ...(core as Record<keyof typeof core, number>), numHeads: 0, numKvHeads: 0, headDim: 0, intermediateSize, maxPositions: model.maxPositions.value, tied: model.tieWordEmbeddings.value };
  }
  const v = {
    hiddenSize: model.hiddenSize.value,
    numLayers: model.numLayers.value,
    numHeads: model.numHeads.value,
    numKvHeads: model.numKvHeads.value ?? model.numHeads.value,
    headDim: model.headDim.value,
    vocabSize: model.vocabSize.value,
    intermediateSize: model.intermediateSize.value ?? (model.hiddenSize.value ? 4 * model.hiddenSize.value : null),
  };
  const required = spec?.requires ?? DEFAULT_REQUIRED;
  for (const key of required) if (!v[key as keyof typeof v]) return null;
  // Dims a spec does not require are 0 when absent: its inventory reads its own keys instead.
  const dims = Object.fromEntries(Object.entries(v).map(([k, value]) => [k, value ?? 0])) as Record<keyof typeof v, number>;
  return { model, ...dims, maxPositions: model.maxPositions.value, tied: model.tieWordEmbeddings.value };
}

function attentionType(nHeads: number | null, nKv: number | null): Facts["attention"]["type"] {
  if (!nHeads || !nKv) return null;
  if (nKv === nHeads) return "MHA";
  if (nKv === 1) return "MQA";
  return "GQA";
}

/** The facts' names of the canonical dims. */
const DIM_NAMES: Record<string, string> = { hiddenSize: "dModel", numLayers: "nLayers", intermediateSize: "dFf", vocabSize: "vocabSize", maxPositions: "contextLength", numHeads: "nHeads", numKvHeads: "nKvHeads", headDim: "headDim", numExperts: "experts", expertsPerToken: "expertsPerToken" };

/** What derivation may be given beyond the model: the memory questions, and facts read from other documents. */
export interface DeriveOptions extends FactOptions {
  /** A tensor inventory read from a file (a GGUF's tensor infos), used instead of the config's. */
  inventory?: Inventory;
  /** Training tokens the model card states. */
  trainingTokens?: ComputeFacts["trainingTokens"];
}

/** Derive every fact of a normalized model. `targetName` is the folder or file name it was read from. */
export function deriveFacts(model: NormalizedModel, targetName: string | null, options: DeriveOptions = {}): DerivedFacts {
  const nHeads = model.numHeads.value;
  const nKv = model.numKvHeads.value;
  const dims = requiredDims(model);
  const spec = model.layoutType ? findSpecByModelType(model.layoutType) : null;
  const modelKind = spec ? kindOf(spec) : guessModelKind(model);
  let inventory: Inventory | null = options.inventory ?? null;
  // Fields present but unusable (a string, a negative, null): the count is only an estimate then.
  const assumed = options.inventory ? [] : assumedFields(model, dims);
  if (dims && !inventory) {
    inventory = spec ? spec.inventory(dims) : estimateInventory(dims);
    if (model.estimateReason || assumed.length) inventory.estimated = true;
  }
  const layerCount = inventory?.decoderLayers ?? model.numLayers.value ?? 0;
  const moe = inventory ? moeFacts(inventory, layerCount, model.hiddenSize.value, model.text) : null;
  const parameters = inventory && (dims || options.inventory) ? parameterFacts(model, dims, inventory, targetName, modelKind, assumed.length ? assumedFieldsReason(assumed) : null) : null;
  const input = parameters ? inputFacts(model, inventory, modelKind) : null;
  // A single-tower encoder's own width runs over its input; a dual tower's config width is the text tower's.
  const inputTokens = input?.compute && !model.root.has("vision_config") ? input.compute.tokens : null;
  const facts: Facts = {
    modelType: model.modelType,
    architecture: model.architecture,
    family: model.family,
    modelKind,
    dims: {
      dModel: model.hiddenSize.value,
      nLayers: model.numLayers.value,
      // The dense MLP width, of the layers that have one: none when every layer is a mixture.
      dFf: moe && moe.denseLayers === 0 ? null : (model.intermediateSize.value ?? (assumed.some((a) => a.dim === "intermediateSize") ? (dims?.intermediateSize ?? null) : null)),
      vocabSize: model.vocabSize.value,
      contextLength: model.maxPositions.value,
      encoderLayers: inventory?.encoderLayers ?? null,
      decoderLayers: inventory?.decoderLayers ?? null,
      assumed: assumed.flatMap((a) => (a.dim ? [DIM_NAMES[a.dim] ?? a.dim] : [])),
    },
    moe,
    attention: {
      type: inventory?.attentionType ?? attentionType(nHeads, nKv),
      nHeads,
      nKvHeads: nKv,
      headDim: inventory?.attentionType === "MLA" ? mlaQueryKeyHeadDim(model) : model.headDim.value,
      groupSize: nHeads && nKv && nHeads % nKv === 0 ? nHeads / nKv : null,
      slidingWindow: model.slidingWindow.value,
    },
    parameters,
    memory: parameters && inventory ? memoryFacts(model, inventory, parameters, options, modelKind, inputTokens) : null,
    compute: parameters ? computeFacts(parameters, options.trainingTokens ?? null, modelKind) : null,
    input,
  };
  return { facts, inventory };
}

function parameterFacts(model: NormalizedModel, dims: RequiredDims | null, inventory: Inventory, targetName: string | null, kind: ModelKind, assumedReason: string | null): ParameterFacts {
  const sums = sumInventory(inventory);
  const layers = dims?.numLayers || model.numLayers.value || 0;
  const width = dims?.hiddenSize || model.hiddenSize.value || 0;
  return {
    total: sums.total,
    active: sums.active,
    estimated: inventory.estimated,
    estimateReason: inventory.estimated ? ([model.estimateReason, assumedReason, model.layoutType ? null : inventory.notes.join("; ")].filter(Boolean).join("; ") || inventory.notes.join("; ") || "layout guessed from common config keys") : null,
    breakdown: sums.breakdown,
    components: sums.components,
    // The rule of thumb describes dense transformer decoders only (4d² attention + 8d² MLP a layer).
    // Without valid dims (a GGUF of an unmodelled architecture) it uses what the model states.
    approx12Ld2: kind === "decoder" && sums.active === sums.total && inventory.attentionType !== "NONE" && layers && width ? 12 * layers * width ** 2 : null,
    advertised: advertisedSizes(model, targetName),
    tied: inventory.tied,
    checkpoint: null,
  };
}

/** Sizes claimed by the name the config was saved under and by the folder or file name. */
function advertisedSizes(model: NormalizedModel, targetName: string | null): AdvertisedSize[] {
  const found: AdvertisedSize[] = [];
  const metadataName = model.nameOrPath.value;
  if (metadataName) found.push(...parseAdvertisedSizes(metadataName.split("/").slice(-2).join("/"), "metadata"));
  if (targetName) {
    for (const size of parseAdvertisedSizes(targetName, "name")) {
      if (!found.some((f) => f.kind === size.kind && f.value === size.value)) found.push(size);
    }
  }
  return found;
}

/**
 * MLA's query/key heads are qk_nope_head_dim + qk_rope_head_dim wide (192 for DeepSeek-V3); the
 * config's head_dim is only the rotary part, which transformers' config class copies into it.
 */
function mlaQueryKeyHeadDim(model: NormalizedModel): number | null {
  const nope = model.text.int("qk_nope_head_dim", 128).value;
  const rope = model.text.int("qk_rope_head_dim", 64).value;
  return nope && rope ? nope + rope : model.headDim.value;
}
