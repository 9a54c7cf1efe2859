import type { TargetResult } from "../analyze/report.js";
import type { Finding } from "../engine/finding.js";
import { createFingerprinter } from "../engine/fingerprint.js";
import { entryOf, fileOfFinding, matchKey, mergeRun, scopeOf, type Baseline, type BaselineEntry, type BaselineLocation, type BaselineUpdate, type RecordedRun } from "./baseline-entry.js";

/**
 * `--baseline` one result at a time: the same matching as `applyBaseline` (findings in report order,
 * each entry accepting one finding), so a run streams its reports while the baseline is applied.
 * What it holds is the baseline's unmatched entries, never the results.
 */
export function createBaselineFilter(baseline: Baseline, where: BaselineLocation) {
  const remaining = new Map<string, BaselineEntry[]>();
  for (const entry of baseline.findings) {
    const key = matchKey(entry.ruleId, entry.file, entry.fingerprint);
    const list = remaining.get(key);
    if (list) list.push(entry);
    else remaining.set(key, [entry]);
  }
  const keyed = createKeyer(where);
  let accepted = 0;
  return {
    /** The result without the findings the baseline accepts. */
    filter(result: TargetResult): TargetResult {
      if (result.status !== "ok" || result.findings.length === 0) return result;
      const kept = result.findings.filter((finding) => {
        const { key } = keyed(result, finding);
        const entries = remaining.get(key);
        if (!entries?.length) return true;
        entries.pop();
        accepted += 1;
        return false;
      });
      return kept.length === result.findings.length ? result : { ...result, findings: kept };
    },
    /** After the last result: how many were accepted, and the recorded findings that no longer occur. */
    finish(): { accepted: number; stale: BaselineEntry[] } {
      return { accepted, stale: [...remaining.values()].flat() };
    },
  };
}

/**
 * `--update-baseline` one result at a time: records each finding's entry (rule, file, fingerprint,
 * pointer, message) and the scopes analyzed, so the file can be merged and written at the end
 * without holding the results. Every finding of a target analyzed now is in the new baseline, so
 * each result is passed on without its findings, as `applyBaseline` with the updated file gives it.
 */
export function createBaselineRecorder(where: BaselineLocation) {
  const run: RecordedRun = { entries: [], files: new Set(), folders: [] };
  const keyed = createKeyer(where);
  return {
    record(result: TargetResult): TargetResult {
      if (result.status !== "ok") return result;
      run.folders.push(scopeOf(result, where));
      for (const finding of result.findings) {
        const { file, fingerprint } = keyed(result, finding);
        run.files.add(file);
        run.entries.push(entryOf(finding, file, fingerprint));
      }
      return result.findings.length === 0 ? result : { ...result, findings: [] };
    },
    /** Merge with the previous file (read under its lock by the caller). */
    merge(previous: Baseline | null): BaselineUpdate {
      return mergeRun(run, previous);
    },
  };
}

/** File and fingerprint of a finding, fingerprinted in report order as the whole-report functions do. */
function createKeyer(where: BaselineLocation) {
  let current = "";
  const fingerprint = createFingerprinter(() => current);
  return (result: TargetResult, finding: Finding) => {
    current = fileOfFinding(result, finding, where);
    const print = fingerprint(finding);
    return { file: current, fingerprint: print, key: matchKey(finding.ruleId, current, print) };
  };
}
