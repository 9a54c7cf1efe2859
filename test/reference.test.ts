import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module shared with bench/reference-check.mjs.
import { explainRecord, UNEXPLAINED } from "../bench/reference-traps.mjs";
import { analyzeConfig } from "./helpers/count.js";
import { ROOT } from "./helpers/run-cli.js";

/**
 * The shared reference set (../shared/reference/models.jsonl: real configs with the totals the Hub
 * reports). It sits beside the clone in CI and on developer machines, not in the repository, so
 * this suite runs only where it exists. Each Hub total must equal our module count, or differ by
 * exactly the stored tensors a documented trap names, computed here from the config.
 */
const REFERENCE = join(ROOT, "..", "shared", "reference", "models.jsonl");
const available = existsSync(REFERENCE);
if (!available) console.warn(`reference suite skipped: ${REFERENCE} not found (it ships beside the clone in CI)`);

interface Record_ {
  repo_id: string;
  model_type: string;
  config: Record<string, unknown>;
  expected_total: number | null;
}

const records: Record_[] = available
  ? readFileSync(REFERENCE, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Record_)
  : [];

describe.skipIf(!available)("reference set (../shared/reference)", () => {
  const exact = records.filter((r) => {
    const p = analyzeConfig(r.config).parameters;
    return p !== null && !p.estimated;
  });

  it.each(exact.filter((r) => r.expected_total !== null).map((r) => [r.repo_id, r] as const))("%s: Hub total equals the count plus named stored extras", (_id, record) => {
    const analysis = analyzeConfig(record.config);
    const extra = (explainRecord(record, analysis) as { extra: number }[]).reduce((sum, e) => sum + e.extra, 0);
    const unexplained = (UNEXPLAINED as Record<string, { extra: number }>)[record.repo_id]?.extra ?? 0;
    expect(analysis.parameters!.total + extra + unexplained).toBe(record.expected_total);
  });

  it.each(exact.filter((r) => r.expected_total === null).map((r) => [r.repo_id, r] as const))("%s: counted exactly (no published total to compare)", (_id, record) => {
    const { parameters } = analyzeConfig(record.config);
    expect(parameters!.total).toBeGreaterThan(0);
    expect(Object.values(parameters!.breakdown).reduce((a, b) => a + b, 0)).toBe(parameters!.total);
  });

  it("never crashes on any record, and labels what it cannot count exactly", () => {
    for (const r of records) {
      const { parameters } = analyzeConfig(r.config);
      if (parameters?.estimated) expect(parameters.estimateReason).toBeTruthy();
    }
  });
});
