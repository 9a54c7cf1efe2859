import type { TargetResult } from "../analyze/report.js";

/**
 * A failed target's message for a line or row that already names the target: error messages start
 * with it so they stand alone (JSON, logs), and the repo or path is then shown once, not twice.
 */
export function failureMessage(result: Pick<TargetResult, "target" | "error">): string {
  const message = result.error?.message ?? "unknown error";
  return message.startsWith(`${result.target}: `) ? message.slice(result.target.length + 2) : message;
}
