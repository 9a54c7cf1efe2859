/**
 * Where a JSON pointer's target starts in a JSON text, found by walking only the path: members
 * and items off the path are skipped without being read, and nothing is allocated for them. A
 * finding needs one or two positions in a document; mapping every pointer of it first cost ~20 µs
 * and a map of strings per config, which dominated linting folders where most configs have a
 * finding.
 *
 * Returns the offset of the member's key (object members) or of the value (array items, the
 * root); when the path leaves the document, the offset of the deepest ancestor that exists; null
 * for an empty text. Of duplicate keys, the last is found: the one JSON.parse keeps. The text is expected to be
 * JSON: on anything else the walk stops at the last place it understood.
 */
export function locateJsonPointer(text: string, pointer: string): number | null {
  let pos = skipSpace(text, 0);
  if (pos >= text.length) return null;
  let found = pos;
  if (pointer === "") return found;
  for (const raw of pointer.slice(1).split("/")) {
    const token = raw.includes("~") ? raw.replace(/~1/g, "/").replace(/~0/g, "~") : raw;
    const c = text.charCodeAt(pos);
    const at = c === OPEN_BRACE ? findMember(text, pos, token) : c === OPEN_BRACKET && /^(0|[1-9]\d*)$/.test(token) ? findItem(text, pos, Number(token)) : -1;
    if (at < 0) break;
    found = at;
    pos = valueAt;
  }
  return found;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;

/** Where the value of the last member or item found starts (a second return value, without an allocation). */
let valueAt = 0;

function skipSpace(text: string, pos: number): number {
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    pos++;
  }
  return pos;
}

/** The offset just past the string starting at `pos` (a quote), or text.length when unterminated. */
function skipString(text: string, pos: number): number {
  for (let i = pos + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i + 1;
  }
  return text.length;
}

/** The offset just past the value starting at `pos`. */
function skipValue(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (c === QUOTE) return skipString(text, pos);
  if (c === OPEN_BRACE || c === OPEN_BRACKET) {
    let depth = 0;
    for (let i = pos; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (d === QUOTE) i = skipString(text, i) - 1;
      else if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
      else if ((d === CLOSE_BRACE || d === CLOSE_BRACKET) && --depth === 0) return i + 1;
    }
    return text.length;
  }
  // A number or a literal: up to the next separator.
  let i = pos;
  while (i < text.length) {
    const d = text.charCodeAt(i);
    if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) break;
    i++;
  }
  return i;
}

/** The offset of the key of member `name` of the object at `pos` (its value's offset in valueAt), or -1. */
function findMember(text: string, pos: number, name: string): number {
  // JSON.parse keeps the last of duplicate keys, so the walk goes on past a match: the copy found
  // is the one whose value the config holds.
  let found = -1;
  let foundValue = 0;
  let i = skipSpace(text, pos + 1);
  while (i < text.length && text.charCodeAt(i) === QUOTE) {
    const keyStart = i;
    const keyEnd = skipString(text, i);
    const key = text.slice(keyStart + 1, keyEnd - 1);
    const matches = key.includes("\\") ? decodeKey(text.slice(keyStart, keyEnd)) === name : key === name;
    i = skipSpace(text, keyEnd);
    if (text.charCodeAt(i) !== COLON) break;
    i = skipSpace(text, i + 1);
    if (matches) {
      found = keyStart;
      foundValue = i;
    }
    i = skipSpace(text, skipValue(text, i));
    if (text.charCodeAt(i) !== COMMA) break;
    i = skipSpace(text, i + 1);
  }
  valueAt = foundValue;
  return found;
}

/** The offset of item `index` of the array at `pos` (also in valueAt), or -1. */
function findItem(text: string, pos: number, index: number): number {
  let i = skipSpace(text, pos + 1);
  if (text.charCodeAt(i) === CLOSE_BRACKET) return -1;
  for (let n = 0; i < text.length; n++) {
    if (n === index) {
      valueAt = i;
      return i;
    }
    i = skipSpace(text, skipValue(text, i));
    if (text.charCodeAt(i) !== COMMA) return -1;
    i = skipSpace(text, i + 1);
  }
  return -1;
}

function decodeKey(quoted: string): string | null {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return null;
  }
}
