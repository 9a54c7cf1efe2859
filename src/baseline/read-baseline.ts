import { readFileSync } from "node:fs";
import { UsageError } from "../errors.js";
import { findJsonSyntaxProblem, offsetToLineColumn } from "../format/json-positions.js";
import type { Baseline, BaselineEntry } from "./baseline.js";

/**
 * Read a baseline file. A missing file, broken JSON or a file that is not a modelcheck baseline is a
 * UsageError (one line, exit 2): silently accepting nothing would fail a build for the wrong reason,
 * silently accepting everything would hide findings.
 */
export function readBaseline(path: string, shown = path): Baseline {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === "ENOENT" ? `${shown}: baseline file not found (create it with --update-baseline)` : `${shown}: baseline file cannot be read (${code ?? "unknown error"})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const problem = findJsonSyntaxProblem(text);
    const at = offsetToLineColumn(text, problem?.offset ?? text.length);
    throw new UsageError(`${shown}:${at.line}:${at.column}: invalid JSON in the baseline file: ${problem?.message ?? "cannot be parsed"}`);
  }
  const baseline = value as Partial<Baseline> | null;
  if (baseline === null || typeof baseline !== "object" || baseline.tool !== "modelcheck" || baseline.version !== 1 || !Array.isArray(baseline.findings)) {
    throw new UsageError(`${shown}: not a modelcheck baseline (expected { "tool": "modelcheck", "version": 1, "findings": [...] }; write one with --update-baseline)`);
  }
  for (const [i, entry] of baseline.findings.entries()) {
    const e = entry as Partial<BaselineEntry> | null;
    if (!e || typeof e.ruleId !== "string" || typeof e.file !== "string" || typeof e.fingerprint !== "string") {
      throw new UsageError(`${shown}: findings[${i}] needs string ruleId, file and fingerprint`);
    }
  }
  return baseline as Baseline;
}
