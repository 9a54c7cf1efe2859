/** A size claimed by a name or metadata: "7B", "1.1B", "30B-A3B", "8x7B". */
export interface AdvertisedSize {
  /** Parameters claimed. For an "NxM" MoE label, M: the size of one expert's dense equivalent. */
  value: number;
  /** "total" and "active" are parameter counts; "moe" is a family label such as 8x7B. */
  kind: "total" | "active" | "moe";
  /** Number of experts in an "NxM" label. */
  experts?: number;
  text: string;
  source: "name" | "metadata" | "card";
}

const UNITS: Record<string, number> = { m: 1e6, b: 1e9, t: 1e12 };
const SIZE = /^(\d+(?:\.\d+)?)([mbt])$/i;
const ACTIVE = /^a(\d+(?:\.\d+)?)([mbt])$/i;
const MOE = /^(\d+)x(\d+(?:\.\d+)?)([mbt])$/i;

function toCount(digits: string, unit: string): number {
  // Round away binary noise: 1.1 × 1e9 is 1100000000.0000002 in a double.
  return Math.round(Number(digits) * (UNITS[unit.toLowerCase()] ?? 1));
}

/**
 * Sizes in a model name, read segment by segment (split on - _ / and spaces) so that version
 * numbers ("v0.1", "3.1"), context lengths ("4k", "128k") and dates ("1124") are never read as
 * sizes. "30B-A3B" gives a total and an active count; "8x7B" a MoE label, never 56B.
 */
export function parseAdvertisedSizes(name: string, source: AdvertisedSize["source"]): AdvertisedSize[] {
  const out: AdvertisedSize[] = [];
  for (const segment of name.split(/[-_/\s]+/)) {
    let m = SIZE.exec(segment);
    if (m) {
      out.push({ value: toCount(m[1]!, m[2]!), kind: "total", text: segment, source });
      continue;
    }
    m = ACTIVE.exec(segment);
    if (m) {
      out.push({ value: toCount(m[1]!, m[2]!), kind: "active", text: segment, source });
      continue;
    }
    m = MOE.exec(segment);
    if (m) out.push({ value: toCount(m[2]!, m[3]!), kind: "moe", experts: Number(m[1]), text: segment, source });
  }
  return out;
}
