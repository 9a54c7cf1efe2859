import type { Report } from "./report.js";

export interface ExitPolicy {
  /** Exit 1 when warnings exceed this many; -1 (the default) never. */
  maxWarnings: number;
  /** Turn exit 1 into 0; never hides exit 2. */
  exitZero: boolean;
}

/** 2 when a target failed, else 1 for error findings or too many warnings, else 0 (DESIGN.md). */
export function exitCodeFor(report: Report, policy: ExitPolicy): 0 | 1 | 2 {
  if (report.summary.failed > 0) return 2;
  const tooManyWarnings = policy.maxWarnings >= 0 && report.summary.warnings > policy.maxWarnings;
  if (report.summary.errors > 0 || tooManyWarnings) return policy.exitZero ? 0 : 1;
  return 0;
}
