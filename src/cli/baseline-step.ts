import { writeOutputFile } from "../output/write-output-file.js";
import { dirname, resolve } from "node:path";
import { serializeBaseline, type Baseline, type BaselineUpdate } from "../baseline/baseline.js";
import { createBaselineFilter, createBaselineRecorder } from "../baseline/baseline-stream.js";
import { ensureFolder } from "../output/ensure-folder.js";
import { withFileLock } from "../output/file-lock.js";
import { readBaseline } from "../baseline/read-baseline.js";
import { UsageError } from "../errors.js";
import type { TargetResult } from "../analyze/report.js";

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
 * `--baseline` / `--update-baseline` over a stream of results: each result passes through as it
 * arrives, without the accepted findings; only the baseline's entries are held, never the results.
 * The file is written (under its lock) and the notes for standard error made after the last one.
 */
export async function* baselineStep(results: AsyncIterable<TargetResult>, options: BaselineOptions, preloaded: Baseline | null, notes: string[]): AsyncGenerator<TargetResult> {
  const path = resolve(options.cwd, options.file);
  const where = { cwd: options.cwd, baselineDir: dirname(path) };
  if (options.update) {
    const recorder = createBaselineRecorder(where);
    for await (const result of results) yield recorder.record(result);
    const update = writeUpdate(path, options.file, (previous) => recorder.merge(previous));
    const count = update.baseline.findings.length;
    const kept = update.kept ? `, ${update.kept} kept for targets not analyzed or failed` : "";
    notes.push(`baseline: wrote ${count} finding${count === 1 ? "" : "s"} to ${options.file} (${update.added} new, ${update.pruned} pruned${kept})`);
    return;
  }
  const filter = createBaselineFilter(preloaded ?? readBaseline(path, options.file), where);
  for await (const result of results) yield filter.filter(result);
  const { stale } = filter.finish();
  if (stale.length) notes.push(`baseline: ${stale.length} recorded finding${stale.length === 1 ? " no longer occurs" : "s no longer occur"}; run with --update-baseline to prune ${stale.length === 1 ? "it" : "them"}`);
}

/** Under a lock, so two concurrent updates take turns and the second merges into the first's file. */
function writeUpdate(path: string, shown: string, merge: (previous: Baseline | null) => BaselineUpdate): BaselineUpdate {
  try {
    ensureFolder(dirname(path));
    return withFileLock(path, () => {
      let previous = null;
      try {
        previous = readBaseline(path, shown);
      } catch {
        // No usable baseline yet: everything is new.
      }
      const update = merge(previous);
      writeOutputFile(path, serializeBaseline(update.baseline));
      return update;
    });
  } catch (error) {
    throw new UsageError(`cannot write ${shown}: ${(error as Error).message}`);
  }
}
