import { isAbsolute, relative, resolve, sep } from "node:path";
import type { TargetResult } from "../analyze/report.js";
import type { Finding } from "../engine/finding.js";

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

export interface BaselineUpdate {
  baseline: Baseline;
  /** Entries of this run's findings that the previous baseline did not hold. */
  added: number;
  /** Previous entries of targets analyzed in this run whose findings no longer occur. */
  pruned: number;
  /** Previous entries kept because their target was not analyzed, or failed, in this run. */
  kept: number;
}

/** What a run contributes to a baseline: its findings' entries and the scopes it analyzed successfully. */
export interface RecordedRun {
  entries: BaselineEntry[];
  /** Files (relative to the baseline) that have findings now. */
  files: Set<string>;
  /** Target paths (relative to the baseline; Hub repo ids as given) analyzed successfully. */
  folders: string[];
}

export function entryOf(finding: Finding, file: string, fingerprint: string): BaselineEntry {
  return { ruleId: finding.ruleId, file, fingerprint, pointer: finding.location.pointer, message: finding.message };
}

/** The file a finding is recorded under: Hub files as reported, local ones relative to the baseline. */
export function fileOfFinding(result: TargetResult, finding: Finding, where: BaselineLocation): string {
  return result.kind === "hub" ? finding.location.file : localFile(finding.location.file, where);
}

/** The scope a successful target owns: only it may prune the entries inside it. */
export function scopeOf(result: TargetResult, where: BaselineLocation): string {
  return result.kind === "hub" ? result.target : localFile(result.target, where);
}

export function matchKey(ruleId: string, file: string, fingerprint: string): string {
  return `${ruleId}\u0000${file}\u0000${fingerprint}`;
}

/**
 * `--update-baseline`: the findings of this run, plus every previous entry this run says nothing
 * about. Only a target analyzed successfully now can prune its entries: a target left out of the
 * command line, or one that failed (a Hub outage, an unreadable file), keeps what was accepted.
 */
export function mergeRun(run: RecordedRun, previous: Baseline | null): BaselineUpdate {
  const findings = [...run.entries].sort(entryOrder);
  if (!previous) return { baseline: { tool: "modelcheck", version: 1, findings }, added: findings.length, pruned: 0, kept: 0 };
  const isOwned = (file: string) => run.files.has(file) || run.folders.some((f) => f === "." || file === f || file.startsWith(`${f}/`));
  const keep = previous.findings.filter((e) => !isOwned(e.file));
  // Each previous entry accepts one current finding with its key; the ones left over no longer occur.
  const unmatched = new Map<string, number>();
  for (const e of previous.findings) unmatched.set(matchKey(e.ruleId, e.file, e.fingerprint), (unmatched.get(matchKey(e.ruleId, e.file, e.fingerprint)) ?? 0) + 1);
  let accepted = 0;
  for (const e of run.entries) {
    const key = matchKey(e.ruleId, e.file, e.fingerprint);
    const left = unmatched.get(key) ?? 0;
    if (left > 0) {
      unmatched.set(key, left - 1);
      accepted += 1;
    }
  }
  let pruned = 0;
  for (const e of previous.findings) {
    const key = matchKey(e.ruleId, e.file, e.fingerprint);
    const left = unmatched.get(key) ?? 0;
    if (left > 0 && isOwned(e.file)) pruned += 1;
    if (left > 0) unmatched.set(key, left - 1);
  }
  const merged = [...findings, ...keep].sort(entryOrder);
  return { baseline: { tool: "modelcheck", version: 1, findings: merged }, added: findings.length - accepted, pruned, kept: keep.length };
}

export function entryOrder(a: BaselineEntry, b: BaselineEntry): number {
  return compare(a.file, b.file) || compare(a.ruleId, b.ruleId) || compare(a.pointer ?? "", b.pointer ?? "") || compare(a.fingerprint, b.fingerprint);
}

/** A reported path (relative to cwd, or absolute) relative to the baseline's folder. */
function localFile(file: string, where: BaselineLocation): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return file;
  const rel = relative(where.baselineDir, resolve(where.cwd, file));
  const shown = isAbsolute(rel) ? rel : rel === "" ? "." : rel;
  return sep === "/" ? shown : shown.split(sep).join("/");
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
