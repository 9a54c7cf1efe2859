import { summarize, type Report } from "../analyze/report.js";
import { createBaselineFilter, createBaselineRecorder } from "./baseline-stream.js";
import type { Baseline, BaselineEntry, BaselineLocation, BaselineUpdate } from "./baseline-entry.js";

export type { Baseline, BaselineEntry, BaselineLocation, BaselineUpdate } from "./baseline-entry.js";

export interface BaselineOutcome {
  /** The report without the accepted findings, its summary recounted. */
  report: Report;
  /** How many findings the baseline accepted. */
  accepted: number;
  /** Recorded findings that no longer occur (fixed, or changed): `--update-baseline` prunes them. */
  stale: BaselineEntry[];
}

/**
 * Record every finding of a report. Failed targets are not recorded: they are failures of the tool,
 * never accepted. Entries are sorted, so the file diffs cleanly from run to run.
 */
export function createBaseline(report: Report, where: BaselineLocation): Baseline {
  return updateBaseline(report, null, where).baseline;
}

/** `--update-baseline` on a whole report (see `mergeRun`). */
export function updateBaseline(report: Report, previous: Baseline | null, where: BaselineLocation): BaselineUpdate {
  const recorder = createBaselineRecorder(where);
  for (const result of report.results) recorder.record(result);
  return recorder.merge(previous);
}

/**
 * Drop the findings a baseline accepts: matched by rule, file and fingerprint (rule + file + JSON
 * pointer + occurrence), never by line, so edits elsewhere in a file keep them matched. Each entry
 * accepts one finding: a second finding of the same kind at the same place is new.
 */
export function applyBaseline(report: Report, baseline: Baseline, where: BaselineLocation): BaselineOutcome {
  const filter = createBaselineFilter(baseline, where);
  const results = report.results.map((r) => filter.filter(r));
  const { accepted, stale } = filter.finish();
  return { report: { ...report, results, summary: summarize(results) }, accepted, stale };
}

/** The text of a baseline file. */
export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}
