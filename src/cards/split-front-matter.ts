/**
 * Where a card's YAML front matter is: a block that opens with `---` and closes with a line of
 * `---`, found as huggingface_hub's REGEX_YAML_BLOCK finds it (`^(\s*---[\r\n]+)`: blank lines
 * before the opening fence are allowed); anything else is body.
 */
export interface FrontMatterBlock {
  /** The YAML between the fences. */
  yaml: string;
  /** Offset of the YAML's first character in the card text. */
  yamlOffset: number;
  /** 1-based line of the closing fence; null when the block is never closed. */
  closeLine: number | null;
  /** Offset and 1-based line where the body starts. */
  bodyOffset: number;
  bodyLine: number;
}

const OPEN = /^(?:[ \t]*\r?\n)*[ \t]*---[ \t]*\r?\n/;

/** Null when the card has no front matter (its first line is not `---`). */
export function splitFrontMatter(text: string): FrontMatterBlock | null {
  const open = OPEN.exec(text);
  if (!open) return null;
  const yamlOffset = open[0].length;
  // The YAML starts on the line after the opening fence, however many blank lines came before it.
  let line = open[0].split("\n").length;
  let pos = yamlOffset;
  while (pos < text.length) {
    const end = text.indexOf("\n", pos);
    const lineEnd = end === -1 ? text.length : end;
    const content = text.slice(pos, lineEnd).replace(/\r$/, "");
    if (/^(---|\.\.\.)[ \t]*$/.test(content)) {
      const bodyOffset = end === -1 ? text.length : end + 1;
      return { yaml: text.slice(yamlOffset, pos), yamlOffset, closeLine: line, bodyOffset, bodyLine: line + 1 };
    }
    if (end === -1) break;
    pos = end + 1;
    line++;
  }
  return { yaml: text.slice(yamlOffset), yamlOffset, closeLine: null, bodyOffset: text.length, bodyLine: line + 1 };
}
