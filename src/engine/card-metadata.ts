import { escapePointerToken } from "../format/json-positions.js";
import type { LoadedCard } from "../sources/read-card-document.js";
import type { TargetDocuments } from "../sources/target-documents.js";

/** The target's card when its metadata could be read; the metadata rules (MC303–MC309) need nothing else. */
export function cardMetadata(documents: TargetDocuments): { card: LoadedCard; metadata: Record<string, unknown> } | null {
  const card = documents.card;
  if (!card || card.problem || !card.metadata) return null;
  return { card, metadata: card.metadata };
}

/** A key's value as a list of entries with their pointers: the Hub accepts one string or a list for most keys. */
export function entriesOf(metadata: Record<string, unknown>, key: string): { value: unknown; pointer: string }[] {
  if (!Object.hasOwn(metadata, key)) return [];
  const base = `/${escapePointerToken(key)}`;
  const value = metadata[key];
  if (Array.isArray(value)) return value.map((item, i) => ({ value: item, pointer: `${base}/${i}` }));
  return [{ value, pointer: base }];
}

/**
 * A Hub repo id: `name` or `namespace/name`, with letters, digits, `-`, `_` and `.`, no `--` or
 * `..`, not ending in `.git`, at most 96 characters. These are the checks of huggingface_hub's
 * validate_repo_id; ids without a namespace are legacy canonical repos that still resolve.
 */
export function isRepoId(id: string): boolean {
  if (id.length > 96 || id.includes("--") || id.includes("..") || id.endsWith(".git")) return false;
  return /^(\b[\w.-]+\b\/)?\b[\w.-]+\b$/.test(id);
}

/** Short, quoted rendering of a metadata value for messages. */
export function showValue(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** "https://huggingface.co/org/name" → use "org/name"; a local path → say so. */
export function repoIdHint(value: string): string {
  const url = /^https?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)\/(?:datasets\/)?([\w.-]+\/[\w.-]+)/.exec(value);
  if (url) return ` (use ${JSON.stringify(url[1])})`;
  if (/^(\.{0,2}\/|~|[A-Za-z]:\\)/.test(value)) return " (a local path)";
  return "";
}

/** Problems that leave the body unread: the card itself could not be read, or never left its front matter. */
const BODY_UNREAD = new Set(["unreadable", "too-large", "invalid-utf8", "unclosed-front-matter"]);

/** The card when its body was parsed, even if its front matter was broken (MC302 reports that); else null. */
export function readableCard(documents: TargetDocuments): LoadedCard | null {
  const card = documents.card;
  if (!card || (card.problem && BODY_UNREAD.has(card.problem.kind))) return null;
  return card;
}
