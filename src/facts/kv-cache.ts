import type { CacheLayout } from "./cache-layout.js";

/** Keys and values are cached in 16 bits (BF16/FP16), the dtype inference runtimes run in. */
export const KV_BYTES_PER_ELEMENT = 2;

/** Bytes one sequence's cache grows by per token, while every layer still grows (before any window fills). */
export function bytesPerToken(layout: CacheLayout, elementBytes = KV_BYTES_PER_ELEMENT): number {
  return (layout.fullLayers + layout.slidingLayers) * layout.kvElementsPerLayer * elementBytes;
}

/**
 * Bytes of the cache at `tokens` tokens per sequence and `batch` sequences:
 * batch × (full layers × per-layer bytes × tokens + sliding layers × per-layer bytes × min(tokens, window)
 * + state-space layers × state bytes). With `latent`, attention layers hold MLA's latent instead.
 */
export function cacheBytes(layout: CacheLayout, tokens: number, batch: number, latent = false, elementBytes = KV_BYTES_PER_ELEMENT): number {
  const perLayer = (latent ? (layout.latentElementsPerLayer ?? layout.kvElementsPerLayer) : layout.kvElementsPerLayer) * elementBytes;
  const held = layout.window !== null ? Math.min(tokens, layout.window) : tokens;
  const attention = layout.fullLayers * perLayer * tokens + layout.slidingLayers * perLayer * held;
  return batch * (attention + stateBytes(layout, elementBytes));
}

/** Fixed state of the state-space layers, per sequence. */
export function stateBytes(layout: CacheLayout, elementBytes = KV_BYTES_PER_ELEMENT): number {
  return layout.ssmLayers * layout.stateElementsPerLayer * elementBytes;
}

/**
 * The largest context (tokens per sequence, at most `limit`) whose cache fits in `budget` bytes, or
 * null when not even an empty cache does (state-space states alone exceed it). The cache grows
 * linearly until the sliding windows fill and more slowly after, so each piece is solved in closed
 * form; the one-token correction absorbs floating-point rounding at exact boundaries.
 */
export function largestContext(layout: CacheLayout, budget: number, batch: number, limit: number, latent = false): number | null {
  const fits = (n: number) => cacheBytes(layout, n, batch, latent) <= budget;
  if (!fits(0)) return null;
  if (fits(limit)) return limit;
  const perLayer = (latent ? (layout.latentElementsPerLayer ?? layout.kvElementsPerLayer) : layout.kvElementsPerLayer) * KV_BYTES_PER_ELEMENT;
  const room = budget / batch - stateBytes(layout);
  const window = layout.window ?? Infinity;
  // Below the window every attention layer grows by perLayer bytes a token; above it only the full ones do.
  const growing = (layout.fullLayers + layout.slidingLayers) * perLayer;
  let n = Math.floor(room / growing);
  if (n > window) n = layout.fullLayers > 0 ? Math.floor((room - layout.slidingLayers * perLayer * window) / (layout.fullLayers * perLayer)) : limit;
  n = Math.max(0, Math.min(n, limit));
  while (n > 0 && !fits(n)) n--;
  while (n < limit && fits(n + 1)) n++;
  return n;
}
