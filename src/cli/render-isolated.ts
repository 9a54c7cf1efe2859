import { countResult, emptySummary, type Summary, type TargetResult } from "../analyze/report.js";
import type { ReportWriter } from "../reporters/reporter.js";

/** A report writer that survives a reporter tripping over one result, and says how many it replaced. */
export interface IsolatedWriter extends ReportWriter {
  readonly replaced: number;
}

/**
 * Wrap a streaming writer so that a reporter throwing on one target's result does not take the
 * other targets' reports down: that result is written instead as an `internal` error naming the
 * reporter, and the closing summary counts it as failed (its findings no longer counted). The
 * common path (nothing throws) costs one try per result.
 */
export function isolateWriter(writer: ReportWriter, format: string): IsolatedWriter {
  let replaced = 0;
  const lost = emptySummary();
  const added = emptySummary();
  return {
    start: () => writer.start(),
    result(result) {
      try {
        return writer.result(result);
      } catch (error) {
        replaced++;
        const message = `${result.target}: the ${format} reporter failed on this target: ${error instanceof Error ? error.message : String(error)}`;
        const failed: TargetResult = { ...result, status: "failed", error: { code: "internal", message }, facts: null, findings: [] };
        countResult(lost, result);
        countResult(added, failed);
        return writer.result(failed);
      }
    },
    end: (summary) => writer.end(replaced ? adjusted(summary, lost, added) : summary),
    get replaced() {
      return replaced;
    },
  };
}

function adjusted(summary: Summary, lost: Summary, added: Summary): Summary {
  const out = { ...summary };
  for (const key of Object.keys(out) as (keyof Summary)[]) out[key] = summary[key] - lost[key] + added[key];
  return out;
}
