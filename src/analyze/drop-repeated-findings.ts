import type { Finding } from "../engine/finding.js";
import type { TargetResult } from "./report.js";

function key(f: Finding): string {
  return `${f.ruleId}\u0000${f.location.file}\u0000${f.location.line}:${f.location.column}\u0000${f.location.pointer}\u0000${f.message}`;
}

/**
 * A GGUF model analyzed with the config.json beside it runs the config's rules again; when the
 * config's own result (the folder's, or the Hub repo's) is in the same report, its findings would
 * be counted twice. Drop from `result` the findings `shown` already reports, to the letter: a
 * finding that differs for the GGUF file (its name, its counts) stays.
 */
export function dropRepeatedFindings(result: TargetResult, shown: readonly TargetResult[]): TargetResult {
  if (result.findings.length === 0) return result;
  const seen = new Set<string>();
  for (const other of shown) for (const f of other.findings) seen.add(key(f));
  if (seen.size === 0) return result;
  const findings = result.findings.filter((f) => !seen.has(key(f)));
  return findings.length === result.findings.length ? result : { ...result, findings };
}
