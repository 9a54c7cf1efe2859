import type { CheckpointDifference, CheckpointFacts, DifferenceKind } from "../facts/checkpoint-facts.js";
import { groupedCount } from "../format/format-count.js";

/**
 * Sentences about a reconciled checkpoint, shared by the text reporter and the MC5xx rules:
 * "checkpoint 751,632,384 = config 596,049,920 + lm_head.weight [151936, 1024] stored despite
 * tie_word_embeddings".
 */

/** `model.layers.{0..31}.x ×32 [64]` — a difference's tensor with its repeat and shape. */
export function describeTensor(d: CheckpointDifference, withShape = true): string {
  const repeat = d.tensors > 1 ? ` ×${groupedCount(d.tensors)}` : "";
  const shape = withShape && (d.shape ?? d.expectedShape) ? ` [${(d.shape ?? d.expectedShape)!.join(", ")}]` : "";
  return `${d.tensor}${shape}${repeat}`;
}

/** A signed count: "+2,048", "−469,762,048". */
export function signedCount(n: number): string {
  return `${n < 0 ? "−" : "+"}${groupedCount(Math.abs(n))}`;
}

const KIND_LABEL: Record<DifferenceKind, string> = {
  "tied-stored": "tied weights stored",
  buffer: "stored buffers",
  "quantization-packing": "packing",
  "quantization-bookkeeping": "quantization bookkeeping",
  "quantization-bias": "GPTQ zero biases",
  mtp: "multi-token-prediction layers",
  layout: "layout",
  missing: "missing",
  shape: "shape mismatches",
  unexpected: "unexplained",
  unaccounted: "unaccounted",
  "scalar-count": "scalar tensors counted by the Hub",
};

/** The differences of one kind, added up. */
export function sumOfKind(cp: CheckpointFacts, kind: DifferenceKind): { count: number; entries: CheckpointDifference[]; tensors: number } {
  const entries = cp.differences.filter((d) => d.kind === kind);
  return { count: entries.reduce((a, d) => a + d.count, 0), entries, tensors: entries.reduce((a, d) => a + d.tensors, 0) };
}

/** One term of the equation for a kind: named when it is one entry, summed otherwise. */
function term(kind: DifferenceKind, entries: CheckpointDifference[], count: number, withCount: boolean): string {
  const sign = count < 0 ? "−" : "+";
  const abs = groupedCount(Math.abs(count));
  if (entries.length === 1 && kind !== "quantization-packing" && kind !== "quantization-bookkeeping") {
    const d = entries[0]!;
    const why = kind === "tied-stored" ? ` ${d.reason}` : kind === "buffer" ? " (buffer)" : kind === "mtp" ? " (multi-token prediction)" : kind === "missing" ? " missing" : kind === "unexpected" ? " unexplained" : kind === "quantization-bias" ? " (GPTQ zero biases)" : "";
    return `${sign} ${describeTensor(d)}${why}${withCount ? ` (${abs})` : ""}`;
  }
  if (kind === "quantization-packing") {
    const scheme = /^([^:]+):/.exec(entries[0]?.reason ?? "")?.[1];
    return `${sign} ${abs} packing${scheme ? ` (${scheme})` : ""}`;
  }
  const tensors = entries.reduce((a, d) => a + d.tensors, 0);
  return `${sign} ${abs} ${KIND_LABEL[kind]} (${groupedCount(tensors)} tensor${tensors === 1 ? "" : "s"})`;
}

const EQUATION_ORDER: readonly DifferenceKind[] = ["tied-stored", "buffer", "mtp", "quantization-bias", "quantization-packing", "quantization-bookkeeping", "scalar-count", "shape", "missing", "unexpected", "unaccounted"];

/**
 * "= config 596,049,920 + lm_head.weight [151936, 1024] stored despite tie_word_embeddings", or
 * "= config total" when the stored total equals the config's. Null when nothing was compared.
 */
export function checkpointEquation(cp: CheckpointFacts, configTotal: number): string | null {
  if (!cp.compared) return null;
  const terms: { kind: DifferenceKind; entries: CheckpointDifference[]; count: number }[] = [];
  for (const kind of EQUATION_ORDER) {
    const { count, entries } = sumOfKind(cp, kind);
    if (entries.length && (count !== 0 || kind === "missing" || kind === "unexpected" || kind === "shape")) terms.push({ kind, entries, count });
  }
  if (terms.length === 0) return cp.total === configTotal ? "= config total" : `= config ${groupedCount(configTotal)}`;
  const withCount = terms.length > 1;
  return `= config ${groupedCount(configTotal)} ${terms.map((t) => term(t.kind, t.entries, t.count, withCount)).join(" ")}`;
}

/** "BF16" or "BF16 · F32" by stored count, largest first. */
export function dtypeList(byDtype: Record<string, number>): string {
  return Object.entries(byDtype)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([d]) => d)
    .join(" · ");
}

/** A list of differences for a message, capped: "a [1] (+1), b ×2 (+4), and 3 more". */
export function differenceList(entries: readonly CheckpointDifference[], max = 4): string {
  const shown = entries.slice(0, max).map((d) => `${describeTensor(d)} (${signedCount(d.count)})`);
  if (entries.length > max) shown.push(`and ${entries.length - max} more`);
  return shown.join(", ");
}
