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

const EXPERT_COUNT = /^(\d+)e$/i;

/**
 * Sizes in a model name, read segment by segment (split on - _ / and spaces) so that version
 * numbers ("v0.1", "3.1"), context lengths ("4k", "128k") and dates ("1124") are never read as
 * sizes. "30B-A3B" gives a total and an active count; "8x7B" a MoE label, never 56B. Conventions
 * of the names people publish:
 * - "17B-16E" (Llama 4): 17B active parameters of a mixture of 16 experts.
 * - "2B-4T" (BitNet b1.58 2B4T): a size in T after a size in M or B is the training tokens.
 * - "2b-2b", "9b-2b" (T5Gemma): an encoder and a decoder, one label of their sum.
 * - "1B-7B" (OLMoE): a smaller size before a larger one is active then total.
 */
export function parseAdvertisedSizes(name: string, source: AdvertisedSize["source"]): AdvertisedSize[] {
  const out: AdvertisedSize[] = [];
  const segments = name.split(/[-_/\s]+/);
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    let m = SIZE.exec(segment);
    if (m) {
      const value = toCount(m[1]!, m[2]!);
      const previous = out.at(-1);
      const follows = previous && previous.kind === "total" && segments[i - 1] === previous.text;
      if (follows && m[2]!.toLowerCase() === "t" && previous.value < 1e12) continue;
      if (EXPERT_COUNT.test(segments[i + 1] ?? "")) {
        out.push({ value, kind: "active", text: `${segment}-${segments[i + 1]}`, source });
        i++;
        continue;
      }
      if (follows && value > previous.value) {
        out[out.length - 1] = { ...previous, kind: "active" };
        out.push({ value, kind: "total", text: segment, source });
        continue;
      }
      if (follows && m[2]!.toLowerCase() === segments[i - 1]!.slice(-1).toLowerCase()) {
        out[out.length - 1] = { value: previous.value + value, kind: "total", text: `${previous.text}-${segment}`, source };
        continue;
      }
      out.push({ value, kind: "total", text: segment, source });
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
