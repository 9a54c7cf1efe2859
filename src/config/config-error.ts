import { UsageError } from "../errors.js";

/**
 * An invalid modelcheck config file: the CLI prints it as one line, `file:line:column: message`,
 * and exits 2 without a report (DESIGN.md, "Errors and exit codes").
 */
export class ConfigError extends UsageError {
  constructor(
    readonly file: string,
    readonly position: { line: number; column: number } | null,
    readonly detail: string,
  ) {
    super(`${file}${position ? `:${position.line}:${position.column}` : ""}: ${detail}`);
  }
}
