/**
 * A number as a card writes it: "7.3B", "7 billion", "128,256", "32k", "8192 tokens". Abbreviated
 * numbers are read as the range they round from: "7.3B" is 7.25B–7.35B, "32k" is 31.5k–32.5k
 * with k read as 1,000 or as 1,024 (context lengths are powers of two: "32k" is 32,768).
 */
export interface Quantity {
  /** The number as written, e.g. "32k". */
  text: string;
  /** The values it may mean (one, or two for k/M read as 1,000 or 1,024). */
  readings: number[];
  /** Half a unit of the last written digit, for each reading; 0 for numbers written in full. */
  slack: number[];
}

const UNITS: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, b: 1e9, bn: 1e9, billion: 1e9, t: 1e12, trillion: 1e12 };
const BINARY: Record<string, number> = { k: 1024, m: 1024 * 1024 };

const NUMBER = /(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(thousand|million|billion|trillion|bn|mn|[kmbt])(?![a-z]))?/i;
/** Sizes in bytes, percentages and ratios are not counts. */
const NOT_A_COUNT = /^\s*(?:[kmgtp]i?b\b|bytes?\b|%|x\b|×)/i;

/**
 * The first quantity in a text. `binary` allows k and M to mean 1,024 and 1,048,576 too (lengths,
 * vocabularies, widths); parameter and token counts are decimal.
 */
export function parseQuantity(text: string, binary: boolean): Quantity | null {
  const cleaned = text.replace(/[*_`~≈]/g, "");
  const m = NUMBER.exec(cleaned);
  if (!m) return null;
  const digits = m[1]!.replace(/,/g, "");
  const unit = m[2]?.toLowerCase();
  const rest = cleaned.slice(m.index + m[0].length);
  if (!unit && NOT_A_COUNT.test(rest)) return null;
  const n = Number(digits);
  if (!Number.isFinite(n)) return null;
  if (!unit) return { text: m[0], readings: [n], slack: [0] };
  const decimals = digits.includes(".") ? digits.split(".")[1]!.length : 0;
  const multipliers = [UNITS[unit]!];
  if (binary && BINARY[unit]) multipliers.push(BINARY[unit]!);
  return { text: m[0].trim(), readings: multipliers.map((u) => n * u), slack: multipliers.map((u) => (0.5 * u) / 10 ** decimals) };
}

/** True when one reading of the quantity is within max(relative × reading, its rounding slack) of the value. */
export function quantityMatches(q: Quantity, actual: number, relative = 0): boolean {
  return q.readings.some((r, i) => Math.abs(actual - r) <= Math.max(relative * r, q.slack[i]!));
}

/** The reading closest to a value, for messages. */
export function closestReading(q: Quantity, actual: number): number {
  return q.readings.reduce((best, r) => (Math.abs(r - actual) < Math.abs(best - actual) ? r : best), q.readings[0]!);
}
