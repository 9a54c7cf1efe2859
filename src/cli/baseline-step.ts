import { writeOutputFile } from "../output/write-output-file.js";
import { dirname, resolve } from "node:path";
import { applyBaseline, createBaseline, serializeBaseline } from "../baseline/baseline.js";
import { readBaseline } from "../baseline/read-baseline.js";
import { UsageError } from "../errors.js";
import type { Report } from "../analyze/report.js";

export interface BaselineOptions {
  /** --baseline FILE */
  file: string;
  /** --update-baseline: record the current findings (new ones added, fixed ones pruned). */
  update: boolean;
  cwd: string;
}

/**
 * Apply `--baseline`, or with `--update-baseline` rewrite the file first. Returns the report without
 * the accepted findings and one-line notes for standard error.
 */
export function baselineStep(report: Report, options: BaselineOptions): { report: Report; notes: string[] } {
  const path = resolve(options.cwd, options.file);
  const where = { cwd: options.cwd, baselineDir: dirname(path) };
  if (options.update) {
    let previous = null;
    try {
      previous = readBaseline(path, options.file);
    } catch {
      // No usable baseline yet: everything is new.
    }
    const next = createBaseline(report, where);
    try {
      writeOutputFile(path, serializeBaseline(next));
    } catch (error) {
      throw new UsageError(`cannot write ${options.file}: ${(error as Error).message}`);
    }
    const outcome = applyBaseline(report, next, where);
    const kept = previous ? applyBaseline(report, previous, where) : null;
    const added = next.findings.length - (kept?.accepted ?? 0);
    const pruned = kept?.stale.length ?? 0;
    return { report: outcome.report, notes: [`baseline: wrote ${next.findings.length} finding${next.findings.length === 1 ? "" : "s"} to ${options.file} (${added} new, ${pruned} pruned)`] };
  }
  const outcome = applyBaseline(report, readBaseline(path, options.file), where);
  const notes: string[] = [];
  if (outcome.stale.length) notes.push(`baseline: ${outcome.stale.length} recorded finding${outcome.stale.length === 1 ? " no longer occurs" : "s no longer occur"}; run with --update-baseline to prune ${outcome.stale.length === 1 ? "it" : "them"}`);
  return { report: outcome.report, notes };
}
