import { summarize, type Report, type TargetResult } from "../analyze/report.js";
import type { ReporterContext } from "../reporters/reporter.js";

type Reporter = (report: Report, context: ReporterContext) => string;

/**
 * Format a report so that a reporter tripping over one target's result does not take the other
 * targets' reports down: on a throw, each result is formatted alone to find the ones at fault, which
 * become `internal` errors naming the reporter, and the report is formatted again. The common path
 * (nothing throws) costs one call.
 */
export function renderIsolated(reporter: Reporter, format: string, report: Report, context: ReporterContext): string {
  try {
    return reporter(report, context);
  } catch (first) {
    let replaced = 0;
    const results = report.results.map((result): TargetResult => {
      try {
        reporter({ ...report, results: [result], summary: summarize([result]) }, context);
        return result;
      } catch (error) {
        replaced++;
        const message = `${result.target}: the ${format} reporter failed on this target: ${error instanceof Error ? error.message : String(error)}`;
        return { ...result, status: "failed", error: { code: "internal", message }, facts: null, findings: [] };
      }
    });
    // Not one result alone is at fault (the failure needs several together): nothing to isolate.
    if (replaced === 0) throw first;
    return reporter({ ...report, results, summary: summarize(results) }, context);
  }
}
