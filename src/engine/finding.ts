import type { Severity } from "./rule.js";

export interface Finding {
  ruleId: string;
  ruleName: string;
  severity: Severity;
  message: string;
  location: {
    /** The path as given, or the repo path for Hub files. */
    file: string;
    pointer: string | null;
    line: number | null;
    column: number | null;
  };
}
