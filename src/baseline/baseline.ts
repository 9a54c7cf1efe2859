import { isAbsolute, relative, resolve, sep } from "node:path";
import type { Finding } from "../engine/finding.js";
import { fingerprintFindings } from "../engine/fingerprint.js";
import { summarize, type Report } from "../analyze/report.js";

/** One accepted finding. `pointer` and `message` are for people reading the file; matching uses the rest. */
export interface BaselineEntry {
  ruleId: string;
  /** Relative to the baseline file's folder, with forward slashes (Hub files: as reported). */
  file: string;
  fingerprint: string;
  pointer: string | null;
  message: string;
}

/** The baseline file (`--baseline FILE`): findings recorded once and accepted until they change. */
export interface Baseline {
  tool: "modelcheck";
  version: 1;
  findings: BaselineEntry[];
}

export interface BaselineLocation {
  /** The working directory the report's local paths are relative to. */
  cwd: string;
  /** The folder of the baseline file; recorded paths are relative to it, so the file can move with the repository. */
  baselineDir: string;
}

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
  const findings = keyedFindings(report, where).map(({ finding, file, fingerprint }) => ({
    ruleId: finding.ruleId,
    file,
    fingerprint,
    pointer: finding.location.pointer,
    message: finding.message,
  }));
  findings.sort((a, b) => compare(a.file, b.file) || compare(a.ruleId, b.ruleId) || compare(a.pointer ?? "", b.pointer ?? "") || compare(a.fingerprint, b.fingerprint));
  return { tool: "modelcheck", version: 1, findings };
}

/**
 * Drop the findings a baseline accepts: matched by rule, file and fingerprint (rule + file + JSON
 * pointer + occurrence), never by line, so edits elsewhere in a file keep them matched. Each entry
 * accepts one finding: a second finding of the same kind at the same place is new.
 */
export function applyBaseline(report: Report, baseline: Baseline, where: BaselineLocation): BaselineOutcome {
  const remaining = new Map<string, BaselineEntry[]>();
  for (const entry of baseline.findings) {
    const key = matchKey(entry.ruleId, entry.file, entry.fingerprint);
    remaining.set(key, [...(remaining.get(key) ?? []), entry]);
  }
  const acceptedFindings = new Set<Finding>();
  for (const { finding, file, fingerprint } of keyedFindings(report, where)) {
    const entries = remaining.get(matchKey(finding.ruleId, file, fingerprint));
    if (entries?.length) {
      entries.pop();
      acceptedFindings.add(finding);
    }
  }
  const results = report.results.map((r) => (r.findings.some((f) => acceptedFindings.has(f)) ? { ...r, findings: r.findings.filter((f) => !acceptedFindings.has(f)) } : r));
  return {
    report: { ...report, results, summary: summarize(results) },
    accepted: acceptedFindings.size,
    stale: [...remaining.values()].flat(),
  };
}

/** The text of a baseline file. */
export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

function keyedFindings(report: Report, where: BaselineLocation) {
  const items: { finding: Finding; file: string }[] = [];
  for (const result of report.results) {
    if (result.status !== "ok") continue;
    for (const finding of result.findings) items.push({ finding, file: result.kind === "hub" ? finding.location.file : localFile(finding.location.file, where) });
  }
  const fileOf = new Map(items.map((item) => [item.finding, item.file]));
  const fingerprints = fingerprintFindings(
    items.map((i) => i.finding),
    (f) => fileOf.get(f)!,
  );
  return items.map((item, i) => ({ ...item, fingerprint: fingerprints[i]! }));
}

/** A reported path (relative to cwd, or absolute) relative to the baseline's folder. */
function localFile(file: string, where: BaselineLocation): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return file;
  const rel = relative(where.baselineDir, resolve(where.cwd, file));
  const shown = isAbsolute(rel) ? rel : rel === "" ? "." : rel;
  return sep === "/" ? shown : shown.split(sep).join("/");
}

function matchKey(ruleId: string, file: string, fingerprint: string): string {
  return `${ruleId}\u0000${file}\u0000${fingerprint}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
