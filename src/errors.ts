/** Failures of the tool itself (as opposed to findings about a model). Each carries a stable code. */
export class ModelcheckError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Bad command-line arguments or an invalid modelcheck configuration. */
export class UsageError extends ModelcheckError {
  constructor(message: string) {
    super("usage", message);
  }
}

/** A target could not be read at all: missing path, unreadable file, empty folder, network. */
export class SourceError extends ModelcheckError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}

/** Text that could not be parsed, with a 1-based position. */
export class ParseError extends ModelcheckError {
  readonly line: number;
  readonly column: number;
  constructor(message: string, line: number, column: number) {
    super("parse", message);
    this.line = line;
    this.column = column;
  }
}

/** A short, secret-free description of any thrown value for reports. */
export function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof ModelcheckError) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: "internal", message: error.message };
  return { code: "internal", message: String(error) };
}
