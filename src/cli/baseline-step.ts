import { writeOutputFile } from "../output/write-output-file.js";
import { dirname, resolve } from "node:path";
import { applyBaseline, serializeBaseline, updateBaseline, type Baseline } from "../baseline/baseline.js";
import { ensureFolder } from "../output/ensure-folder.js";
import { withFileLock } from "../output/file-lock.js";
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
 * Read the baseline before any report is started, so a missing or malformed file is a usage error
 * with nothing written. Null with `--update-baseline` (the file is read under its lock then).
 */
export function preloadBaseline(options: BaselineOptions): Baseline | null {
  return options.update ? null : readBaseline(resolve(options.cwd, options.file), options.file);
}

/**
 * Apply `--baseline`, or with `--update-baseline` rewrite the file first. Returns the report without
 * the accepted findings and one-line notes for standard error.
 */
export function baselineStep(report: Report, options: BaselineOptions, preloaded: Baseline | null = null): { report: Report; notes: string[] } {
  const path = resolve(options.cwd, options.file);
  const where = { cwd: options.cwd, baselineDir: dirname(path) };
  if (options.update) {
    let update: ReturnType<typeof updateBaseline>;
    try {
      // Under a lock, so two concurrent updates take turns and the second merges into the first's file.
      ensureFolder(dirname(path));
      update = withFileLock(path, () => {
        let previous = null;
        try {
          previous = readBaseline(path, options.file);
        } catch {
          // No usable baseline yet: everything is new.
        }
        const result = updateBaseline(report, previous, where);
        writeOutputFile(path, serializeBaseline(result.baseline));
        return result;
      });
    } catch (error) {
      throw new UsageError(`cannot write ${options.file}: ${(error as Error).message}`);
    }
    const outcome = applyBaseline(report, update.baseline, where);
    const count = update.baseline.findings.length;
    const kept = update.kept ? `, ${update.kept} kept for targets not analyzed or failed` : "";
    return { report: outcome.report, notes: [`baseline: wrote ${count} finding${count === 1 ? "" : "s"} to ${options.file} (${update.added} new, ${update.pruned} pruned${kept})`] };
  }
  const outcome = applyBaseline(report, preloaded ?? readBaseline(path, options.file), where);
  const notes: string[] = [];
  if (outcome.stale.length) notes.push(`baseline: ${outcome.stale.length} recorded finding${outcome.stale.length === 1 ? " no longer occurs" : "s no longer occur"}; run with --update-baseline to prune ${outcome.stale.length === 1 ? "it" : "them"}`);
  return { report: outcome.report, notes };
}
