import type { RuleMeta } from "../engine/rule.js";

/** Rules by code and by name, so config files and the library can use either. */
export interface RuleLookup {
  get(key: string): RuleMeta | undefined;
  /** "unknown rule … (did you mean …?)" for a key that is neither a code nor a name. */
  unknown(key: string): string;
}

export function ruleLookup(rules: readonly RuleMeta[]): RuleLookup {
  const byKey = new Map<string, RuleMeta>();
  for (const meta of rules) {
    byKey.set(meta.code, meta);
    byKey.set(meta.name, meta);
  }
  return {
    get: (key) => byKey.get(key) ?? byKey.get(key.toUpperCase()),
    unknown(key) {
      const guess = closest(key, [...byKey.keys()]);
      return `unknown rule "${key}"${guess ? ` (did you mean ${guess}?)` : ""}; modelcheck rules lists them`;
    },
  };
}

/** The known key within a small edit distance, if any. */
function closest(key: string, keys: string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(key.length / 4)) + 1;
  for (const candidate of keys) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
