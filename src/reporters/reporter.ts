import type { RuleMeta } from "../engine/rule.js";
import type { Report } from "../analyze/report.js";

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

/** A reporter is a pure function from the report to the text written out. */
export type Reporter = (report: Report, context: ReporterContext) => string;
