import { offsetToLineColumn, scanJsonPositions, type JsonPositions } from "./json-positions.js";

export interface Position {
  line: number;
  column: number;
}

/**
 * One document of a target: its raw text, the parsed value, and a lazy map from JSON pointers to
 * positions (built only when a finding needs one).
 */
export class SourceDocument {
  private positions: JsonPositions | null = null;

  constructor(
    /** The path as the user gave it (or the repo path for Hub files). */
    readonly path: string,
    readonly text: string,
    /** The parsed value; undefined when the text could not be parsed. */
    readonly value: unknown,
  ) {}

  /** Line and column of a JSON pointer; falls back to the nearest ancestor that exists. */
  locate(pointer: string | null | undefined): Position | null {
    if (pointer == null) return null;
    this.positions ??= scanJsonPositions(this.text);
    let current = pointer;
    for (;;) {
      const offset = this.positions.offsets.get(current);
      if (offset !== undefined) return offsetToLineColumn(this.text, offset);
      if (current === "") return null;
      current = current.slice(0, current.lastIndexOf("/"));
    }
  }
}
