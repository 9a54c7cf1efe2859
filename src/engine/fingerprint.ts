import { createRequire } from "node:module";
import type { Finding } from "./finding.js";

// node:crypto is loaded on first use: index.ts re-exports the baseline, and a lint without SARIF
// or a baseline never hashes anything.
const require = createRequire(import.meta.url);
let createHash: typeof import("node:crypto").createHash | null = null;

/**
 * Stable identities for findings, shared by SARIF's `partialFingerprints` and the baseline: a hash
 * of the rule, the file and the JSON pointer — never the line, so an edit elsewhere in the file
 * keeps them — plus the occurrence number among findings with the same three, so two findings at
 * one place stay distinct. `fileOf` lets the baseline use paths relative to its own folder.
 */
export function fingerprintFindings(findings: Iterable<Finding>, fileOf: (finding: Finding) => string = (f) => f.location.file): string[] {
  const fingerprint = createFingerprinter(fileOf);
  return Array.from(findings, fingerprint);
}

/** The same identities one finding at a time, for streams: call it on the findings in report order. */
export function createFingerprinter(fileOf: (finding: Finding) => string = (f) => f.location.file): (finding: Finding) => string {
  createHash ??= (require("node:crypto") as typeof import("node:crypto")).createHash;
  const hash = createHash;
  const seen = new Map<string, number>();
  return (finding) => {
    const key = `${finding.ruleId}|${fileOf(finding)}|${finding.location.pointer ?? ""}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return hash("sha256").update(`${key}|${occurrence}`).digest("hex").slice(0, 32);
  };
}
