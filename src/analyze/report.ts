import type { Finding } from "../engine/finding.js";
import type { Facts } from "../facts/facts.js";
import type { Target } from "../targets/target.js";

/** One target's outcome: the shape of `results[]` in the JSON report (schemas/report.schema.json). */
export interface TargetResult {
  target: string;
  kind: Target["kind"];
  revision: string | null;
  /** "ok" once the bytes were read, even if their content is broken (that is a finding). */
  status: "ok" | "failed";
  error: { code: string; message: string } | null;
  facts: Facts | null;
  findings: Finding[];
  /** Hub targets only: true when a cache (modelcheck's or huggingface_hub's) answered for the Hub, offline or out of reach; `revision` is the commit it held. */
  fromCache?: true;
  /** With fromCache, when the Hub was asked and could not be reached: its error (HF_HUB_OFFLINE leaves this out). */
  cacheReason?: string;
}

export interface Summary {
  targets: number;
  failed: number;
  errors: number;
  warnings: number;
  infos: number;
}

export interface Report {
  tool: { name: "modelcheck"; version: string };
  results: TargetResult[];
  summary: Summary;
}

export function summarize(results: readonly TargetResult[]): Summary {
  const summary = emptySummary();
  for (const r of results) countResult(summary, r);
  return summary;
}

export function emptySummary(): Summary {
  return { targets: 0, failed: 0, errors: 0, warnings: 0, infos: 0 };
}

/** Add one result to a running summary (streams count as they go). */
export function countResult(summary: Summary, r: TargetResult): void {
  summary.targets++;
  if (r.status === "failed") summary.failed++;
  for (const f of r.findings) {
    if (f.severity === "error") summary.errors++;
    else if (f.severity === "warning") summary.warnings++;
    else summary.infos++;
  }
}
