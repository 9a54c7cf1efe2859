/** A line and column in a document, both 1-based. */
export interface Position {
  line: number;
  column: number;
}

/**
 * A small JSON scanner used off the hot path: it finds the exact place of a syntax error, which
 * `JSON.parse` does not report in a form we can use. It runs only for documents that fail to parse.
 * Pointer positions are found by locate-json-pointer.ts.
 */

export interface JsonSyntaxProblem {
  offset: number;
  message: string;
}

class ScanError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

/** Escape one reference token as RFC 6901 requires. */
export function escapePointerToken(token: string): string {
  // Most keys need no escaping; skip the regex work for them (this runs for every key read).
  if (!token.includes("~") && !token.includes("/")) return token;
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

const MAX_DEPTH = 512;

class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}

  scanDocument(): void {
    this.skipSpace();
    this.value(0);
    this.skipSpace();
    if (this.pos < this.text.length) this.fail("unexpected content after the JSON value");
  }

  private fail(message: string, offset = this.pos): never {
    throw new ScanError(offset, message);
  }

  private skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.pos++;
      else break;
    }
  }

  private value(depth: number): void {
    if (depth > MAX_DEPTH) this.fail("nesting too deep");
    const c = this.text[this.pos];
    if (c === undefined) this.fail("unexpected end of input");
    if (c === "{") return this.object(depth);
    if (c === "[") return this.array(depth);
    if (c === '"') {
      this.string();
      return;
    }
    if (c === "-" || (c >= "0" && c <= "9")) return this.number();
    for (const word of ["true", "false", "null"]) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return;
      }
    }
    this.fail(`unexpected character ${JSON.stringify(c)}`);
  }

  private object(depth: number): void {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.fail(this.pos >= this.text.length ? "unexpected end of input" : "expected a property name in double quotes");
      this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ":") this.fail("expected ':' after the property name");
      this.pos++;
      this.skipSpace();
      this.value(depth + 1);
      if (this.endOfMember("}")) return;
    }
  }

  private array(depth: number): void {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      this.value(depth + 1);
      if (this.endOfMember("]")) return;
    }
  }

  /** After a member or element: true past the closing bracket, false past a comma (another follows). */
  private endOfMember(close: "}" | "]"): boolean {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c !== "," && c !== close) this.fail(c === undefined ? "unexpected end of input" : `expected ',' or '${close}'`);
    this.pos++;
    return c === close;
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    const t = this.text;
    let simple = true;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x22) {
        this.pos++;
        const raw = t.slice(start, this.pos);
        if (simple) return raw.slice(1, -1);
        try {
          return JSON.parse(raw) as string;
        } catch {
          this.fail("invalid escape in string", start);
        }
      }
      if (c === 0x5c) {
        simple = false;
        this.pos += 2;
        continue;
      }
      if (c < 0x20) this.fail("control character in string");
      this.pos++;
    }
    this.fail("unterminated string", start);
  }

  private number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!match) this.fail("invalid number");
    this.pos += match[0].length;
  }
}

/** Where and why a text is not valid JSON, or null when it is. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
  try {
    new Scanner(text).scanDocument();
    return null;
  } catch (error) {
    if (error instanceof ScanError) return { offset: error.offset, message: error.message };
    throw error;
  }
}

/** 1-based line and column (in UTF-16 code units, as editors and SARIF count) of an offset. */
export function offsetToLineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
