import { InvalidArgumentError } from "commander";

/** A positive integer option value. */
export function positiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) <= 0) throw new InvalidArgumentError("expected a positive integer");
  return Number(value);
}

/** A share such as 0.1 or 0 (at least 0, under 1). */
export function parseShare(value: string): number {
  const n = /^\d*\.?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!(n >= 0 && n < 1)) throw new InvalidArgumentError("expected a share from 0 to under 1, such as 0.1");
  return n;
}

/** `key=value` pairs; the value is parsed as JSON when it can be (numbers, booleans, lists), else kept as a string. */
export function keyValue(value: string, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const eq = value.indexOf("=");
  if (eq <= 0) throw new InvalidArgumentError("expected key=value");
  const key = value.slice(0, eq);
  const raw = value.slice(eq + 1);
  let parsed: unknown = raw;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // a plain string
  }
  return { ...previous, [key]: parsed };
}

const UNITS: Record<string, number> = { "": 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };

/** "24GB", "4 GiB", "512MB" → bytes (GB = 10^9, GiB = 2^30). */
export function byteSize(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]i?b|b)?\s*$/i.exec(value);
  if (!m) throw new InvalidArgumentError('expected a size such as "24GB" or "16GiB"');
  return Math.round(Number(m[1]) * UNITS[(m[2] ?? "").toLowerCase()]!);
}
