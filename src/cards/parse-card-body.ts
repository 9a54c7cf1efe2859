import { parseSuppressionDirectives, type SuppressionDirective } from "./suppression-directives.js";

/** What a body line is, as far as the card rules care. */
export type CardLineKind = "prose" | "list" | "quote" | "heading" | "table" | "code" | "html" | "comment" | "rule" | "blank";

export interface CardLine {
  /** 1-based line in the card (front matter included). */
  line: number;
  kind: CardLineKind;
  /** The text with markers (`#`, `- `, `> `) and HTML comments removed. */
  content: string;
  /** 1-based column of `content` in the card line. */
  column: number;
}

export interface CardHeading {
  line: number;
  level: number;
  text: string;
}

export interface CardTableCell {
  text: string;
  /** 1-based column of the cell text in the card line. */
  column: number;
}

/** A pipe table: a header row, a delimiter row, then body rows. */
export interface CardTable {
  line: number;
  header: CardTableCell[];
  rows: { line: number; cells: CardTableCell[] }[];
}

export interface CardBody {
  /** 1-based card line of the body's first line. */
  startLine: number;
  lines: CardLine[];
  headings: CardHeading[];
  tables: CardTable[];
  /** `modelcheck-disable` comments, in the body and in the front matter. */
  directives: SuppressionDirective[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** An HTML heading on one line, its inner tags stripped later: `<h2 align="center">Uses</h2>`. */
const HTML_HEADING = /<h([1-6])\b[^>]*>(.*?)<\/h\1\s*>/gi;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+|$)(.*?)(?:[ \t]+#+[ \t]*)?$/;
const LIST = /^(\s*)(?:[-*+]|\d{1,9}[.)])[ \t]+/;
const QUOTE = /^ {0,3}>[ \t]?/;
const DELIMITER = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const HTML_START = /^ {0,3}<\/?[A-Za-z][\w-]*(\s|>|\/>|$)/;
const THEMATIC = /^ {0,3}([-*_])(\s*\1){2,}\s*$/;

/**
 * A small line-oriented markdown reader, enough for model cards: headings (ATX and setext), fenced
 * code, HTML blocks and comments (skipped), list items, quotes, and pipe tables with a header row.
 * Every line keeps its card line number, so findings point at the card.
 */
export function parseCardBody(text: string, bodyOffset: number, bodyLine: number): CardBody {
  const raw = text.slice(bodyOffset).split("\n");
  const lines: CardLine[] = [];
  const headings: CardHeading[] = [];
  const tables: CardTable[] = [];
  const comments: { text: string; line: number; column: number }[] = [];
  let fence: string | null = null;
  let inComment = false;
  let inHtml = false;

  for (let i = 0; i < raw.length; i++) {
    const line = bodyLine + i;
    let source = raw[i]!.replace(/\r$/, "");
    if (fence !== null) {
      if (source.trimStart().startsWith(fence) && source.trim().replace(/[`~]/g, "") === "") fence = null;
      lines.push({ line, kind: "code", content: source, column: 1 });
      continue;
    }
    // HTML comments, possibly over several lines; their text is kept for suppression directives.
    let commentOnly = inComment;
    if (inComment || source.includes("<!--")) {
      const stripped = stripComments(source, inComment, line, comments);
      inComment = stripped.open;
      commentOnly = stripped.text.trim() === "" && source.trim() !== "";
      source = stripped.text;
    }
    if (commentOnly) {
      lines.push({ line, kind: "comment", content: "", column: 1 });
      continue;
    }
    const fenceMatch = FENCE.exec(source);
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      lines.push({ line, kind: "code", content: source, column: 1 });
      continue;
    }
    if (source.trim() === "") {
      inHtml = false;
      lines.push({ line, kind: "blank", content: "", column: 1 });
      continue;
    }
    if (inHtml || HTML_START.test(source)) {
      inHtml = true;
      lines.push({ line, kind: "html", content: source, column: 1 });
      // `<h2>Training data</h2>` is a section on the rendered card, as a markdown heading is.
      for (const h of source.matchAll(HTML_HEADING)) headings.push({ line, level: Number(h[1]), text: h[2]!.replace(/<[^>]*>/g, "").trim() });
      continue;
    }
    // Setext heading: a prose line underlined with === or ---.
    const previous = lines.at(-1);
    if (previous && previous.kind === "prose" && /^ {0,3}(=+|-+)\s*$/.test(source)) {
      previous.kind = "heading";
      headings.push({ line: previous.line, level: source.trim().startsWith("=") ? 1 : 2, text: previous.content.trim() });
      lines.push({ line, kind: "rule", content: "", column: 1 });
      continue;
    }
    if (THEMATIC.test(source)) {
      lines.push({ line, kind: "rule", content: "", column: 1 });
      continue;
    }
    const atx = ATX.exec(source);
    if (atx) {
      const content = atx[2]!.trim();
      headings.push({ line, level: atx[1]!.length, text: content });
      lines.push({ line, kind: "heading", content, column: Math.max(1, source.indexOf(content) + 1) });
      continue;
    }
    const next = raw[i + 1]?.replace(/\r$/, "");
    if (source.includes("|") && next !== undefined && next.includes("|") && next.includes("-") && DELIMITER.test(next)) {
      const table: CardTable = { line, header: splitRow(source), rows: [] };
      lines.push({ line, kind: "table", content: source, column: 1 });
      lines.push({ line: line + 1, kind: "table", content: next, column: 1 });
      i += 2;
      for (; i < raw.length; i++) {
        const row = raw[i]!.replace(/\r$/, "");
        if (row.trim() === "" || !row.includes("|")) break;
        table.rows.push({ line: bodyLine + i, cells: splitRow(row) });
        lines.push({ line: bodyLine + i, kind: "table", content: row, column: 1 });
      }
      i--;
      tables.push(table);
      continue;
    }
    const list = LIST.exec(source);
    if (list) {
      lines.push({ line, kind: "list", content: source.slice(list[0].length).trimEnd(), column: list[0].length + 1 });
      continue;
    }
    const quote = QUOTE.exec(source);
    if (quote) {
      lines.push({ line, kind: "quote", content: source.slice(quote[0].length).trimEnd(), column: quote[0].length + 1 });
      continue;
    }
    const indent = source.length - source.trimStart().length;
    lines.push({ line, kind: "prose", content: source.trim(), column: indent + 1 });
  }
  return { startLine: bodyLine, lines, headings, tables, directives: parseSuppressionDirectives(comments) };
}

/** Remove HTML comments from a line, collecting their text; `open` tells whether one is still open at the end. */
function stripComments(source: string, open: boolean, line: number, comments: { text: string; line: number; column: number }[]): { text: string; open: boolean } {
  let out = "";
  let pos = 0;
  let inside = open;
  while (pos < source.length) {
    if (inside) {
      const end = source.indexOf("-->", pos);
      const body = source.slice(pos, end === -1 ? source.length : end);
      if (body.trim()) comments.push({ text: body, line, column: pos + 1 });
      if (end === -1) return { text: out, open: true };
      pos = end + 3;
      inside = false;
    } else {
      const start = source.indexOf("<!--", pos);
      if (start === -1) {
        out += source.slice(pos);
        break;
      }
      out += source.slice(pos, start);
      pos = start + 4;
      inside = true;
    }
  }
  return { text: out, open: inside };
}

/** Cells of a table row, with their columns; leading and trailing pipes dropped, `\|` kept as text. */
export function splitRow(row: string): CardTableCell[] {
  const cells: CardTableCell[] = [];
  let start = 0;
  let i = 0;
  let inCode = false;
  const trimmed = row.trimEnd();
  const lead = trimmed.length - trimmed.trimStart().length;
  if (trimmed[lead] === "|") start = i = lead + 1;
  const push = (end: number) => {
    const cell = row.slice(start, end);
    const pad = cell.length - cell.trimStart().length;
    cells.push({ text: cell.trim().replace(/\\\|/g, "|"), column: start + pad + 1 });
  };
  for (; i < trimmed.length; i++) {
    const c = trimmed[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "`") inCode = !inCode;
    if (c === "|" && !inCode) {
      push(i);
      start = i + 1;
    }
  }
  if (start < trimmed.length) push(trimmed.length);
  return cells;
}
