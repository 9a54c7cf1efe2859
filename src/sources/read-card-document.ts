import { isUtf8 } from "node:buffer";
import type { CardProblem } from "../cards/card-problem.js";
import { parseCardBody, type CardBody } from "../cards/parse-card-body.js";
import { parseFrontMatter } from "../cards/parse-front-matter.js";
import { splitFrontMatter } from "../cards/split-front-matter.js";
import { frontMatterComments, parseSuppressionDirectives } from "../cards/suppression-directives.js";
import { CardDocument } from "./card-document.js";
import { readBoundedFile } from "./read-bounded-file.js";

export type { CardProblem } from "../cards/card-problem.js";
export type { CardBody, CardLine, CardHeading, CardTable, CardTableCell } from "../cards/parse-card-body.js";

/** Cards larger than this are not parsed: real model cards are tens of kilobytes. */
export const MAX_CARD_BYTES = 10 * 1024 * 1024;

/**
 * A model card (README.md): its text, the YAML front matter (metadata with positions) and the
 * markdown body. The card rules (MC3xx, MC4xx) read it; Hub targets fill it from the downloaded
 * README.md, local folders from the README.md beside config.json.
 */
export interface LoadedCard {
  /** The card as a source document: `value` is the metadata, pointers into it resolve to YAML lines. */
  document: CardDocument;
  /** Why the card or its front matter could not be read (MC302); null when it could. */
  problem: CardProblem | null;
  /** The front matter block; null when the card has none (MC301). */
  frontMatter: { closeLine: number | null } | null;
  /** The front matter's mapping; null when absent or unreadable. */
  metadata: Record<string, unknown> | null;
  /** The markdown body, line by line, with headings and tables. Empty when the card was not parsed. */
  body: CardBody;
}

const EMPTY_BODY = (startLine: number): CardBody => ({ startLine, lines: [], headings: [], tables: [], directives: [] });

/** Parse card text already in memory (a Hub download, a test). Content problems become data, never exceptions. */
export function parseCardText(text: string, displayPath: string): LoadedCard {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length > MAX_CARD_BYTES) return unparsed(displayPath, tooLarge(text.length));
  const block = splitFrontMatter(text);
  if (!block) {
    return { document: new CardDocument(displayPath, text, undefined, null), problem: null, frontMatter: null, metadata: null, body: parseCardBody(text, 0, 1) };
  }
  const parsed = parseFrontMatter(text, block);
  const body = block.closeLine === null ? EMPTY_BODY(block.bodyLine) : parseCardBody(text, block.bodyOffset, block.bodyLine);
  const yamlDirectives = parseSuppressionDirectives(frontMatterComments(block.yaml, 2));
  if (yamlDirectives.length) body.directives = [...yamlDirectives, ...body.directives];
  return {
    document: new CardDocument(displayPath, text, parsed.value ?? undefined, parsed.value ? parsed.locate : null),
    problem: parsed.problem,
    frontMatter: { closeLine: block.closeLine },
    metadata: parsed.value,
    body,
  };
}

/** Parse card bytes: checks the size and UTF-8 before decoding. */
export function parseCardBytes(bytes: Uint8Array, displayPath: string): LoadedCard {
  if (bytes.byteLength > MAX_CARD_BYTES) return unparsed(displayPath, tooLarge(bytes.byteLength));
  if (!isUtf8(bytes)) return unparsed(displayPath, { kind: "invalid-utf8", message: "README.md is not valid UTF-8; not parsed", position: null });
  return parseCardText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"), displayPath);
}

/**
 * Read a local card. Returns null when the file does not exist (one failed open: the cost a
 * model folder without a card pays); a card that exists but cannot be read is a problem, not a
 * failure, so the model's config is still analyzed.
 */
export function readCardDocument(path: string, displayPath = path): LoadedCard | null {
  const read = readBoundedFile(path, MAX_CARD_BYTES);
  if (read.kind === "missing") return null;
  if (read.kind === "too-large") return unparsed(displayPath, tooLarge(read.size));
  if (read.kind === "unreadable") return unparsed(displayPath, { kind: "unreadable", message: `README.md cannot be read (${read.reason})`, position: null });
  return parseCardBytes(read.bytes, displayPath);
}

function tooLarge(size: number): CardProblem {
  return { kind: "too-large", message: `card is ${(size / 1048576).toFixed(1)} MiB, over the ${MAX_CARD_BYTES / 1048576} MiB limit; not parsed`, position: null };
}

function unparsed(displayPath: string, problem: CardProblem): LoadedCard {
  return { document: new CardDocument(displayPath, "", undefined, null), problem, frontMatter: null, metadata: null, body: EMPTY_BODY(1) };
}
