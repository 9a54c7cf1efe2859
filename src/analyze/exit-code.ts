import type { Severity } from "../engine/rule.js";
import type { Report } from "./report.js";

export interface ExitPolicy {
  /** Exit 1 when warnings exceed this many; -1 (the default) never. */
  maxWarnings: number;
  /** Turn exit 1 into 0; never hides exit 2. */
  exitZero: boolean;
  /** The least severe finding that fails the run: "error" (the default), "warning" or "info". */
  failOn?: Severity;
}

/** 2 when a target failed, else 1 for findings at or above `failOn` or too many warnings, else 0 (DESIGN.md). */
export function exitCodeFor(report: Pick<Report, "summary">, policy: ExitPolicy): 0 | 1 | 2 {
  if (report.summary.failed > 0) return 2;
  const { errors, warnings, infos } = report.summary;
  const failOn = policy.failOn ?? "error";
  const failing = errors + (failOn === "error" ? 0 : warnings) + (failOn === "info" ? infos : 0);
  const tooManyWarnings = policy.maxWarnings >= 0 && warnings > policy.maxWarnings;
  if (failing > 0 || tooManyWarnings) return policy.exitZero ? 0 : 1;
  return 0;
}
