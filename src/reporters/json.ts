import type { Reporter } from "./reporter.js";

/**
 * The JSON report: exactly the `Report` object, described by schemas/report.schema.json. Compact,
 * one line: it is for programs (pipe it through `jq .` to read it), and indentation doubles the
 * time to write a 10,000-target report.
 */
export const jsonReporter: Reporter = (report) => `${JSON.stringify(report)}\n`;
