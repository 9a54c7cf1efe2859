import type { RuleMeta } from "../engine/rule.js";
import type { Report, Summary, TargetResult } from "../analyze/report.js";

export interface ReporterContext {
  rules: readonly RuleMeta[];
  version: string;
  /** Markdown doc of each rule, keyed by rule name (SARIF embeds them as help). */
  ruleDocs: Readonly<Record<string, string>>;
  /** ANSI colours in the text format. */
  color: boolean;
  /** Working directory that local paths are relative to (SARIF's %SRCROOT%). */
  cwd: string;
}

/**
 * A streaming report: `start()` once, `result()` for every result in input order as it arrives,
 * `end()` once with the run's summary. Each returns the text to write now ("" when the format holds
 * something back for its closing part). A writer keeps only what its closing part needs, never the
 * results themselves, so memory stays flat however many targets there are.
 */
export interface ReportWriter {
  start(): string;
  result(result: TargetResult): string;
  end(summary: Summary): string;
}

/** A format: one new writer per report written. */
export type ReportFormat = (context: ReporterContext) => ReportWriter;

/** A whole-report reporter: the report in, the text written out. */
export type Reporter = (report: Report, context: ReporterContext) => string;

/** The whole-report form of a streaming format (small runs, tests): the same bytes the stream writes. */
export function wholeReport(format: ReportFormat): Reporter {
  return (report, context) => {
    const writer = format(context);
    const parts = [writer.start()];
    for (const result of report.results) parts.push(writer.result(result));
    parts.push(writer.end(report.summary));
    return parts.join("");
  };
}
