import { offsetToLineColumn, type Position } from "../format/json-positions.js";
import { locateJsonPointer } from "../format/locate-json-pointer.js";

export type { Position };

/**
 * One document of a target: its raw text, the parsed value, and the positions of JSON pointers,
 * looked up only when a finding needs one.
 */
export class SourceDocument {
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
    const offset = locateJsonPointer(this.text, pointer);
    return offset === null ? null : offsetToLineColumn(this.text, offset);
  }
}
