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
  findings.sort(entryOrder);
  return { tool: "modelcheck", version: 1, findings };
}

export interface BaselineUpdate {
  baseline: Baseline;
  /** Entries of this run's findings that the previous baseline did not hold. */
  added: number;
  /** Previous entries of targets analyzed in this run whose findings no longer occur. */
  pruned: number;
  /** Previous entries kept because their target was not analyzed, or failed, in this run. */
  kept: number;
}

/**
 * `--update-baseline`: the findings of this run, plus every previous entry this run says nothing
 * about. Only a target analyzed successfully now can prune its entries: a target left out of the
 * command line, or one that failed (a Hub outage, an unreadable file), keeps what was accepted.
 */
export function updateBaseline(report: Report, previous: Baseline | null, where: BaselineLocation): BaselineUpdate {
  const next = createBaseline(report, where);
  if (!previous) return { baseline: next, added: next.findings.length, pruned: 0, kept: 0 };
  const owned = analyzedScopes(report, where);
  const isOwned = (file: string) => owned.files.has(file) || owned.folders.some((f) => f === "." || file === f || file.startsWith(`${f}/`));
  const keep = previous.findings.filter((e) => !isOwned(e.file));
  const accepted = applyBaseline(report, previous, where);
  const stale = accepted.stale.filter((e) => isOwned(e.file));
  const findings = [...next.findings, ...keep];
  findings.sort(entryOrder);
  return { baseline: { ...next, findings }, added: next.findings.length - accepted.accepted, pruned: stale.length, kept: keep.length };
}

/** The files and target paths (relative to the baseline) of the targets analyzed successfully. */
function analyzedScopes(report: Report, where: BaselineLocation): { files: Set<string>; folders: string[] } {
  const files = new Set(keyedFindings(report, where).map((k) => k.file));
  const folders: string[] = [];
  for (const result of report.results) {
    if (result.status !== "ok") continue;
    folders.push(result.kind === "hub" ? result.target : localFile(result.target, where));
  }
  return { files, folders };
}

function entryOrder(a: BaselineEntry, b: BaselineEntry): number {
  return compare(a.file, b.file) || compare(a.ruleId, b.ruleId) || compare(a.pointer ?? "", b.pointer ?? "") || compare(a.fingerprint, b.fingerprint);
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
    // Pushed, not copied: a copy per entry is quadratic in the entries of one key.
    const list = remaining.get(key);
    if (list) list.push(entry);
    else remaining.set(key, [entry]);
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
