import { groupedCount } from "../format/format-count.js";
import { escapePointerToken } from "../format/json-positions.js";

/** Where a normalized value came from. */
export type Origin = "config" | "default" | "derived";

export interface Field<T> {
  value: T;
  /** JSON pointer of the key in the source document; null for defaults and derived values. */
  pointer: string | null;
  origin: Origin;
}

/** A key whose value has the wrong type or an impossible size. Reported by MC003. */
export interface FieldProblem {
  key: string;
  pointer: string;
  value: unknown;
  problem: "type" | "range";
  message: string;
  /** What the value was read as: integers, flags and lists shape the tensor inventory, strings and floats do not. */
  read?: "int" | "bool" | "number" | "string" | "list";
}

/** Largest believable value per kind of integer; beyond it the config is certainly wrong. */
export const INTEGER_LIMITS = {
  width: 1 << 20, // hidden, intermediate and head widths
  count: 100_000, // layers, heads, experts
  vocab: 100_000_000,
  positions: 1e12,
} as const;
export type IntegerKind = keyof typeof INTEGER_LIMITS;

export function field<T>(value: T, pointer: string | null, origin: Origin): Field<T> {
  return { value, pointer, origin };
}

/**
 * Typed reads from one config object (the root, or a nested `text_config`), remembering the JSON
 * pointer of every key read and collecting type problems instead of throwing.
 */
export class ConfigReader {
  constructor(
    readonly raw: Readonly<Record<string, unknown>>,
    readonly basePointer: string,
    readonly problems: FieldProblem[],
  ) {}

  pointerOf(key: string): string {
    return `${this.basePointer}/${escapePointerToken(key)}`;
  }

  /** True when the key is present with a non-null value. Own keys only: `__proto__` stays data. */
  has(key: string): boolean {
    return Object.hasOwn(this.raw, key) && this.raw[key] !== null && this.raw[key] !== undefined;
  }

  /** The first alias present, or null. */
  firstKey(keys: readonly string[]): string | null {
    for (const key of keys) if (this.has(key)) return key;
    return null;
  }

  value(key: string): unknown {
    return Object.hasOwn(this.raw, key) ? this.raw[key] : undefined;
  }

  /** A positive integer, or a problem. Absent keys give the fallback with origin "default". */
  int(keys: string | readonly string[], fallback: number | null, kind: IntegerKind = "width", allowZero = false): Field<number | null> {
    const key = this.firstKey(typeof keys === "string" ? [keys] : keys);
    if (key === null) return field(fallback, null, "default");
    const pointer = this.pointerOf(key);
    const value = this.raw[key];
    if (typeof value !== "number" || !Number.isInteger(value)) {
      const what = typeof value === "string" ? `the string ${JSON.stringify(value).slice(0, 40)}` : typeof value === "number" ? `the non-integer ${value}` : `a ${Array.isArray(value) ? "list" : typeof value}`;
      this.problems.push({ key, pointer, value, problem: "type", message: `"${key}" must be an integer, found ${what}`, read: "int" });
      return field(null, pointer, "config");
    }
    const min = allowZero ? 0 : 1;
    if (value < min || value > INTEGER_LIMITS[kind]) {
      const why = value < min ? (allowZero ? "must not be negative" : "must be positive") : `is implausibly large (over ${groupedCount(INTEGER_LIMITS[kind])})`;
      this.problems.push({ key, pointer, value, problem: "range", message: `"${key}" ${why}, found ${value}`, read: "int" });
      return field(null, pointer, "config");
    }
    return field(value, pointer, "config");
  }

  bool(keys: string | readonly string[], fallback: boolean): Field<boolean> {
    const key = this.firstKey(typeof keys === "string" ? [keys] : keys);
    if (key === null) return field(fallback, null, "default");
    const value = this.raw[key];
    const pointer = this.pointerOf(key);
    if (typeof value !== "boolean") {
      this.problems.push({ key, pointer, value, problem: "type", message: `"${key}" must be true or false, found ${JSON.stringify(value)?.slice(0, 40)}`, read: "bool" });
      return field(fallback, pointer, "default");
    }
    return field(value, pointer, "config");
  }

  number(key: string, fallback: number | null): Field<number | null> {
    if (!this.has(key)) return field(fallback, null, "default");
    const value = this.raw[key];
    const pointer = this.pointerOf(key);
    if (typeof value !== "number" || !Number.isFinite(value)) {
      this.problems.push({ key, pointer, value, problem: "type", message: `"${key}" must be a number, found ${JSON.stringify(value)?.slice(0, 40)}`, read: "number" });
      return field(null, pointer, "config");
    }
    return field(value, pointer, "config");
  }

  /** A finite number above zero (a ratio, a multiplier), or a problem: negatives and zero would poison the arithmetic. */
  positiveNumber(key: string, fallback: number | null): Field<number | null> {
    const read = this.number(key, fallback);
    if (read.value !== null && read.value <= 0 && read.pointer !== null) {
      this.problems.push({ key, pointer: read.pointer, value: read.value, problem: "range", message: `"${key}" must be positive, found ${read.value}`, read: "number" });
      return field(null, read.pointer, "config");
    }
    return read;
  }

  string(key: string): Field<string | null> {
    if (!this.has(key)) return field(null, null, "default");
    const value = this.raw[key];
    const pointer = this.pointerOf(key);
    if (typeof value !== "string") {
      this.problems.push({ key, pointer, value, problem: "type", message: `"${key}" must be a string, found ${JSON.stringify(value)?.slice(0, 40)}`, read: "string" });
      return field(null, pointer, "config");
    }
    return field(value, pointer, "config");
  }

  /** A list of integers (e.g. `mlp_only_layers`); invalid entries are reported and dropped. */
  intList(key: string): Field<number[]> {
    if (!this.has(key)) return field([], null, "default");
    const value = this.raw[key];
    const pointer = this.pointerOf(key);
    if (!Array.isArray(value)) {
      this.problems.push({ key, pointer, value, problem: "type", message: `"${key}" must be a list of integers`, read: "list" });
      return field([], pointer, "config");
    }
    const ints = value.filter((v): v is number => typeof v === "number" && Number.isInteger(v));
    if (ints.length !== value.length) this.problems.push({ key, pointer, value, problem: "type", message: `"${key}" must hold only integers`, read: "list" });
    return field(ints, pointer, "config");
  }

  /** A nested object as its own reader (e.g. `text_config`), or null. */
  child(key: string): ConfigReader | null {
    const value = this.value(key);
    if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
    return new ConfigReader(value as Record<string, unknown>, this.pointerOf(key), this.problems);
  }
}
