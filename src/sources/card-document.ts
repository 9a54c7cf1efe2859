import { offsetToLineColumn } from "../format/json-positions.js";
import { SourceDocument, type Position } from "./source-document.js";

/**
 * A model card as a source document. Its value is the front matter's metadata, and JSON pointers
 * into it (`/license`, `/model-index/0/results/0`) resolve to the YAML's lines in README.md; the
 * YAML positions are looked up only when a finding asks. Body findings carry explicit positions.
 */
export class CardDocument extends SourceDocument {
  constructor(
    path: string,
    text: string,
    value: Record<string, unknown> | undefined,
    /** Offset in `text` of what a pointer names, or its nearest ancestor; null when there is no metadata to point into. */
    private readonly locator: ((pointer: string) => number | null) | null,
  ) {
    super(path, text, value);
  }

  override locate(pointer: string | null | undefined): Position | null {
    if (pointer == null) return null;
    const offset = this.locator?.(pointer) ?? 0;
    return offset === null ? null : offsetToLineColumn(this.text, offset);
  }
}
