import type { Reporter } from "./reporter.js";

/** The JSON report: exactly the `Report` object, described by schemas/report.schema.json. */
export const jsonReporter: Reporter = (report) => `${JSON.stringify(report, null, 2)}\n`;
