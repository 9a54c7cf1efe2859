/**
 * Keys whose numbers may be negative: differences against the config's total (a checkpoint
 * storing less than implied), and LoRA's alpha. Everything else in the facts is a count, a size,
 * a ratio or a bit width: never negative, and never NaN or infinite (JSON would write `null`).
 */
const SIGNED_KEYS: ReadonlySet<string> = new Set(["count", "difference", "unexplained", "alpha"]);
/** Facts nest a few levels; a bound keeps the walk cheap whatever it is handed. */
const MAX_DEPTH = 12;

/**
 * The JSON pointer of the first number in the facts that would break the report's schema (NaN,
 * ±Infinity, or a negative where only counts belong), or null when every number is sound. A last
 * line of defence: the config reader rejects such values at normalization; this catches any path
 * of arithmetic that still produces one, so it becomes a clear error instead of a broken report.
 */
export function poisonedNumber(value: unknown, pointer = "", key = "", depth = 0): { pointer: string; value: number } | null {
  if (typeof value === "number") return !Number.isFinite(value) || (value < 0 && !SIGNED_KEYS.has(key)) ? { pointer, value } : null;
  if (value === null || typeof value !== "object" || depth > MAX_DEPTH) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = poisonedNumber(value[i], `${pointer}/${i}`, key, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    // A checkpoint's differences are grouped, but may still be many: their counts are signed by design.
    const found = poisonedNumber(v, `${pointer}/${k}`, k, depth + 1);
    if (found) return found;
  }
  return null;
}
