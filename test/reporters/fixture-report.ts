import type { Finding } from "../../src/engine/finding.js";
import type { Report, TargetResult } from "../../src/analyze/report.js";
import { summarize } from "../../src/analyze/report.js";

/** A finding with hostile text: every character the formats must escape. */
export function finding(overrides: Partial<Finding> & { file?: string; line?: number | null; column?: number | null; pointer?: string | null } = {}): Finding {
  const { file = "models/a/config.json", line = 3, column = 5, pointer = "/hidden_size", ...rest } = overrides;
  return {
    ruleId: "MC201",
    ruleName: "advertised-size-mismatch",
    severity: "warning",
    message: "plain message",
    ...rest,
    location: { file, pointer, line, column },
  };
}

export function okResult(target: string, findings: Finding[]): TargetResult {
  return { target, kind: "directory", revision: null, status: "ok", error: null, facts: null, findings };
}

export function failedResult(target: string, message: string): TargetResult {
  return { target, kind: "file", revision: null, status: "failed", error: { code: "not-found", message }, facts: null, findings: [] };
}

export function reportOf(results: TargetResult[]): Report {
  return { tool: { name: "modelcheck", version: "0.0.0" }, results, summary: summarize(results) };
}

export const context = { rules: [], version: "0.0.0", ruleDocs: {}, color: false, cwd: "/repo" };
