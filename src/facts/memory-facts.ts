import type { Inventory } from "../architectures/inventory.js";
import type { NormalizedModel } from "../normalize/normalized-model.js";
import { cacheLayout, type CacheLayout } from "./cache-layout.js";
import { generates } from "../architectures/model-kind.js";
import type { ModelKind } from "../architectures/model-type-spec.js";
import type { EmbedBatchFacts, FactOptions, HardwareFitFacts, KvCacheAt, KvCacheFacts, MemoryFacts, ParameterFacts, TrainingMemoryFacts } from "./facts.js";
import { bytesPerToken, cacheBytes, KV_BYTES_PER_ELEMENT, largestContext, stateBytes } from "./kv-cache.js";
import { FIT_PRECISIONS, PRECISIONS, weightBytes } from "./precisions.js";
import { publishedPrecision, type PublishedPrecision } from "./published-precision.js";

/** Accelerator memory sizes the fit table answers for, in GB (10^9 bytes): 16, 24, 40, 48, 80 and 141 GB. */
export const ACCELERATOR_GB = [16, 24, 40, 48, 80, 141] as const;

/**
 * Share of an accelerator's memory kept for the runtime — CUDA context, activations, allocator
 * fragmentation — and not for weights or cache. vLLM's default `gpu_memory_utilization` is 0.9.
 */
export const RUNTIME_OVERHEAD = 0.1;

/** Mixed-precision Adam: BF16 weights (2) and gradients (2), FP32 master weights (4), Adam's m and v (4 + 4). */
export const TRAINING_BYTES_PER_PARAMETER = 16;

/**
 * Activation bytes per layer, token and model width with memory-efficient attention: the 34·s·b·h
 * term of Korthikanti et al. 2022 ("Reducing Activation Recomputation in Large Transformer Models",
 * eq. 1, 16-bit activations, no recomputation, no parallelism). Their 5·a·s²·b term is the stored
 * attention matrix, which FlashAttention and PyTorch's SDPA do not keep.
 */
export const ACTIVATION_BYTES_PER_TOKEN_LAYER_WIDTH = 34;

/** Contexts searched when a model states no context length. */
export const UNSTATED_CONTEXT_LIMIT = 1 << 20;

/** Derive the memory facts with arithmetic only: this runs once per config on the hot path. */
/**
 * `inputTokens`: the sequence one input is to an encoder without a context length (a ViT's patches
 * and class token, a speech encoder's frames per second), for the memory to run a batch of them.
 */
export function memoryFacts(model: NormalizedModel, inventory: Inventory, parameters: ParameterFacts, options: FactOptions, kind: ModelKind | null = null, inputTokens: number | null = null): MemoryFacts {
  const total = parameters.total;
  const weightsBytes = weightsByPrecision(total);
  const asPublished = options.published !== undefined ? options.published : publishedPrecision(model.root, model.text, total, parameters.breakdown);
  const layout = cacheLayout(model, inventory);
  const contextLength = model.maxPositions.value;
  const kvCache = layout ? kvCacheFacts(layout, contextLength, options) : null;
  return {
    weightsBytes,
    parameters: total,
    asPublished,
    kvCache,
    training: trainingMemory(model, total, contextLength, options),
    hardwareFit: hardwareFit(weightsBytes, asPublished, layout, contextLength, options),
    embedBatch: kind !== null && !generates(kind) ? embedBatch(model, weightsBytes.bf16, contextLength ?? inputTokens, options) : null,
  };
}

const bitsOf = (key: string) => PRECISIONS.find((p) => p.key === key)!.bitsPerWeight;
const [Q8_0, Q6_K, Q5_K, Q4_K, Q4_0, IQ4_XS, Q3_K, Q2_K] = ["q8_0", "q6_k", "q5_k", "q4_k", "q4_0", "iq4_xs", "q3_k", "q2_k"].map(bitsOf) as number[];

/** One object literal per call, in PRECISIONS order: a fixed shape is cheaper to build and to serialize by the thousand. */
function weightsByPrecision(total: number): MemoryFacts["weightsBytes"] {
  return {
    fp32: total * 4,
    bf16: total * 2,
    fp8: total,
    int8: total,
    int4: weightBytes(total, 4),
    q8_0: weightBytes(total, Q8_0!),
    q6_k: weightBytes(total, Q6_K!),
    q5_k: weightBytes(total, Q5_K!),
    q4_k: weightBytes(total, Q4_K!),
    q4_0: weightBytes(total, Q4_0!),
    iq4_xs: weightBytes(total, IQ4_XS!),
    q3_k: weightBytes(total, Q3_K!),
    q2_k: weightBytes(total, Q2_K!),
  };
}

function kvCacheFacts(layout: CacheLayout, contextLength: number | null, options: FactOptions): KvCacheFacts {
  const perToken = bytesPerToken(layout);
  const attentionLayers = layout.fullLayers + layout.slidingLayers;
  const mha = attentionLayers * layout.mhaElementsPerLayer * KV_BYTES_PER_ELEMENT;
  const latentPerToken = layout.latentElementsPerLayer !== null ? attentionLayers * layout.latentElementsPerLayer * KV_BYTES_PER_ELEMENT : null;
  const at = (tokens: number, batch: number): KvCacheAt => ({
    tokens,
    batch,
    bytes: cacheBytes(layout, tokens, batch),
    latentBytes: latentPerToken !== null ? cacheBytes(layout, tokens, batch, true) : null,
  });
  const requested = options.context !== undefined || options.batch !== undefined;
  const requestedTokens = options.context ?? contextLength;
  return {
    runtime: "transformers",
    bytesPerElement: KV_BYTES_PER_ELEMENT,
    bytesPerToken: perToken,
    mhaBytesPerToken: mha,
    savingVsMha: perToken > 0 ? mha / perToken : null,
    latentBytesPerToken: latentPerToken,
    latentSavingVsMha: latentPerToken ? mha / latentPerToken : null,
    layers: { full: layout.fullLayers, sliding: layout.slidingLayers, ssm: layout.ssmLayers },
    slidingWindow: layout.window,
    stateBytes: stateBytes(layout),
    atContextLength: contextLength ? at(contextLength, 1) : null,
    atRequested: requested && requestedTokens !== null ? at(requestedTokens, options.batch ?? 1) : null,
    notes: layout.notes,
  };
}

/**
 * An encoder embeds a batch in one forward pass: no cache, and activations freed layer by layer, so
 * the peak is the weights plus one layer's live tensors (EmbedBatchFacts.activationBytes). Null when
 * the width or the sequence length is unknown (an image model states no token count).
 */
function embedBatch(model: NormalizedModel, weights: number, contextLength: number | null, options: FactOptions): EmbedBatchFacts | null {
  const tokens = options.context ?? contextLength;
  const width = model.hiddenSize.value;
  if (!tokens || !width) return null;
  const batch = options.batch ?? 1;
  const ff = model.intermediateSize.value ?? 4 * width;
  const activationBytes = batch * tokens * (6 * width + ff) * 2;
  return { estimated: true, tokens, batch, activationBytes, totalBytes: weights + activationBytes, embeddingWidth: width };
}

function trainingMemory(model: NormalizedModel, total: number, contextLength: number | null, options: FactOptions): TrainingMemoryFacts {
  const tokens = options.context ?? contextLength;
  const batch = options.batch ?? 1;
  const layers = model.numLayers.value;
  const width = model.hiddenSize.value;
  const states = total * TRAINING_BYTES_PER_PARAMETER;
  const activations = tokens && layers && width ? ACTIVATION_BYTES_PER_TOKEN_LAYER_WIDTH * tokens * batch * width * layers : null;
  return { estimated: true, weightsGradientsOptimizerBytes: states, activationBytes: activations, tokens, batch, totalBytes: activations !== null ? states + activations : null };
}

/** The standard sizes, shared (read-only) by every result that adds no --gpu-memory. */
const STANDARD_GB: readonly number[] = Object.freeze([...ACCELERATOR_GB]);

function hardwareFit(weightsBytes: MemoryFacts["weightsBytes"], published: PublishedPrecision | null, layout: CacheLayout | null, contextLength: number | null, options: FactOptions): HardwareFitFacts {
  const acceleratorsGB = options.gpuMemoryBytes !== undefined ? [...ACCELERATOR_GB, options.gpuMemoryBytes / 1e9] : (STANDARD_GB as number[]);
  const batch = options.batch ?? 1;
  const context = options.context ?? contextLength;
  const limit = contextLength ?? options.context ?? UNSTATED_CONTEXT_LIMIT;
  // The cache at the limit is the same for every cell: most cells fit it whole and need no search.
  const fit = { acceleratorsGB, layout, batch, limit, full: layout ? cacheBytes(layout, limit, batch) : 0 };
  const maxContext: Record<string, (number | null)[]> = {
    fp32: fitRow(weightsBytes.fp32, fit),
    bf16: fitRow(weightsBytes.bf16, fit),
    int8: fitRow(weightsBytes.int8, fit),
    int4: fitRow(weightsBytes.int4, fit),
  };
  if (published?.bytes && !FIT_PRECISIONS.some((key) => weightsBytes[key] === published.bytes)) maxContext.published = fitRow(published.bytes, fit);
  return { overhead: RUNTIME_OVERHEAD, context, batch, acceleratorsGB, gpuMemory: options.gpuMemoryBytes !== undefined ? (options.gpuMemoryLabel ?? `${acceleratorsGB.at(-1)}GB`) : null, maxContext };
}

/** Per accelerator: the largest context that fits beside `weights` in the memory left after the overhead; null when the weights do not fit. */
function fitRow(weights: number, fit: { acceleratorsGB: readonly number[]; layout: CacheLayout | null; batch: number; limit: number; full: number }): (number | null)[] {
  const row: (number | null)[] = new Array(fit.acceleratorsGB.length);
  for (let i = 0; i < fit.acceleratorsGB.length; i++) {
    const budget = fit.acceleratorsGB[i]! * 1e9 * (1 - RUNTIME_OVERHEAD) - weights;
    row[i] = budget < 0 ? null : !fit.layout || budget >= fit.full ? fit.limit : largestContext(fit.layout, budget, fit.batch, fit.limit);
  }
  return row;
}
