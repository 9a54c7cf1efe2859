import { wholeReport, type ReportFormat } from "./reporter.js";

/**
 * The JSON report: exactly the `Report` object, described by schemas/report.schema.json. Compact,
 * one line: it is for programs (pipe it through `jq .` to read it), and indentation doubles the
 * time to write a 10,000-target report. Streamed: the `results` array element by element, the
 * summary last — the same bytes as `JSON.stringify(report)`.
 */
export const jsonFormat: ReportFormat = (context) => {
  let first = true;
  return {
    start: () => `{"tool":${JSON.stringify({ name: "modelcheck", version: context.version })},"results":[`,
    result(result) {
      const text = `${first ? "" : ","}${JSON.stringify(result)}`;
      first = false;
      return text;
    },
    end: (summary) => `],"summary":${JSON.stringify(summary)}}\n`,
  };
};

export const jsonReporter = wholeReport(jsonFormat);
