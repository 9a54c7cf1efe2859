import type { Facts } from "../facts/facts.js";
import { gigabytes, groupedCount } from "../format/format-count.js";
import type { TargetResult } from "../analyze/report.js";

/** One compared fact: its label and each target's value (null when a target lacks it). */
export interface CompareRow {
  field: string;
  values: (string | number | null)[];
  /** True when the targets that have the fact disagree. */
  differs: boolean;
}

type Getter = (f: Facts) => string | number | null | undefined;

const ROWS: [string, Getter][] = [
  ["model type", (f) => f.modelType],
  ["architecture", (f) => f.architecture],
  ["d_model", (f) => f.dims.dModel],
  ["layers", (f) => (f.dims.encoderLayers !== null ? `${f.dims.encoderLayers} + ${f.dims.decoderLayers}` : f.dims.nLayers)],
  ["d_ff", (f) => f.dims.dFf],
  ["d_ff / d_model", (f) => (f.dims.dFf && f.dims.dModel ? Number((f.dims.dFf / f.dims.dModel).toFixed(2)) : null)],
  ["vocabulary", (f) => f.dims.vocabSize],
  ["context", (f) => f.dims.contextLength],
  ["attention", (f) => f.attention.type],
  ["heads", (f) => f.attention.nHeads],
  ["KV heads", (f) => f.attention.nKvHeads],
  ["head dim", (f) => f.attention.headDim],
  ["group size", (f) => f.attention.groupSize],
  ["sliding window", (f) => f.attention.slidingWindow],
  ["parameters", (f) => f.parameters?.total],
  ["active parameters", (f) => f.parameters?.active],
  ["exact", (f) => (f.parameters ? (f.parameters.estimated ? "estimate" : "exact") : null)],
  ["MoE experts", (f) => f.moe?.experts],
  ["experts per token", (f) => f.moe?.expertsPerToken],
  ["shared experts", (f) => f.moe?.sharedExperts],
  ["expert d_ff", (f) => f.moe?.expertIntermediateSize],
  ["MoE / dense layers", (f) => (f.moe ? `${f.moe.moeLayers} / ${f.moe.denseLayers}` : null)],
  ["KV cache per token", (f) => (f.memory?.kvCache ? bytesText(f.memory.kvCache.bytesPerToken) : null)],
  ["KV cache at context", (f) => kvAt(f.memory?.kvCache?.atContextLength)],
  ["KV cache at --context", (f) => kvAt(f.memory?.kvCache?.atRequested)],
];

/** "131,072 B (128 KiB)" style, short: the per-token cache is bytes to kibibytes. */
function bytesText(bytes: number): string {
  return bytes >= 1024 ? `${groupedCount(bytes / 1024)} KiB` : `${groupedCount(bytes)} B`;
}

function kvAt(at: { tokens: number; batch: number; bytes: number } | null | undefined): string | null {
  if (!at) return null;
  return `${gigabytes(at.bytes)} (${groupedCount(at.tokens)} tok${at.batch > 1 ? ` × ${at.batch}` : ""})`;
}

const ROLES = ["embedding", "attention", "mlp", "router", "ssm", "norm", "lmHead", "vision", "audio", "projector", "other"] as const;

/** The facts of several targets side by side, one row per fact, differences marked. Give only the results that were read: a failed target has no column. */
export function compareRows(results: readonly TargetResult[]): CompareRow[] {
  const facts = results.map((r) => r.facts);
  const rows: CompareRow[] = [];
  const add = (field: string, get: Getter) => {
    const values = facts.map((f) => (f ? (get(f) ?? null) : null));
    if (values.every((v) => v === null)) return;
    const present = values.filter((v) => v !== null);
    rows.push({ field, values, differs: new Set(present).size > 1 || present.length !== values.length });
  };
  for (const [field, get] of ROWS) add(field, get);
  // Indented under "parameters", and named apart from the "attention" row of the attention type: no two rows share a label.
  for (const role of ROLES) add(`  ${role} parameters`, (f) => f.parameters?.breakdown[role] ?? null);
  add("weights (bf16)", (f) => (f.memory ? gigabytes(f.memory.weightsBytes.bf16) : null));
  return rows;
}

/** A value as shown in the text and markdown tables. */
export function showValue(value: string | number | null): string {
  if (value === null) return "—";
  return typeof value === "number" && Number.isInteger(value) ? groupedCount(value) : String(value);
}
