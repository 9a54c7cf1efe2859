/**
 * When to try a Hub request again, and how long to wait. @huggingface/hub 2.17 never retries: a
 * 429 or a 5xx fails the call. The Hub asks rate-limited clients to wait with `Retry-After`
 * (seconds or an HTTP date); everything else transient backs off exponentially with jitter.
 */
export interface RetryPolicy {
  /** Attempts per request, the first included. */
  attempts: number;
  /** First backoff; doubled per attempt. */
  baseDelayMs: number;
  /** No single wait is longer. */
  maxDelayMs: number;
  /** Total time one request may take across attempts and waits; a wait that would exceed it is not made. */
  budgetMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000, budgetMs: 120_000 };

/** Statuses worth another attempt: rate limits, timeouts at a proxy, and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** `Retry-After` in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

/** Exponential backoff with equal jitter: between half and all of base·2^(attempt-1), capped. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(full / 2 + (random() * full) / 2);
}
