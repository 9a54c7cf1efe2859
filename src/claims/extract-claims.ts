import type { Facts } from "../facts/facts.js";
import type { LoadedCard } from "../sources/read-card-document.js";
import type { CardLine, CardTable, CardTableCell } from "../cards/parse-card-body.js";
import { parseQuantity, quantityMatches, type Quantity } from "./parse-quantity.js";
import { attentionKinds, specField, type AttentionKind, type SpecField } from "./spec-labels.js";

export type NumberField = Exclude<SpecField, "attention">;
export type ClaimSource = "table" | "list" | "prose";

/** A number the card states about the model, where it states it. */
export interface NumberClaim {
  field: NumberField;
  quantity: Quantity;
  /** The claim as written ("Context length | 32k tokens", "7.3B parameters"). */
  text: string;
  line: number;
  column: number;
  source: ClaimSource;
  /** How many times the paragraph states this same claim (same field and value); absent when once. Only the first is kept. */
  repeats?: number;
}

/** An attention mechanism the card says the model uses. */
export interface AttentionClaim {
  kind: AttentionKind;
  text: string;
  line: number;
  column: number;
  source: ClaimSource;
  /** How many times the paragraph states this mechanism; absent when once. */
  repeats?: number;
}

export interface CardClaims {
  numbers: NumberClaim[];
  attention: AttentionClaim[];
  /** The card mentions rope scaling or YaRN anywhere (also in code): a longer context it describes may need a config change. */
  mentionsRopeScaling: boolean;
}

/** Decimal counts; everything else may use binary k/M ("32k" context, "128K" vocabulary). */
const DECIMAL_FIELDS = new Set<NumberField>(["parameters", "activeParameters", "nonEmbeddingParameters", "trainingTokens"]);
const PARAMETER_FIELDS = new Set<NumberField>(["parameters", "activeParameters", "nonEmbeddingParameters"]);

const cache = new WeakMap<LoadedCard, { facts: Facts | null; claims: CardClaims }>();

/**
 * Every claim the card makes about the model's size and architecture, extracted once per card and
 * shared by the MC4xx rules. Tables that describe several variants (a row per size, or a column
 * per size) contribute only the variant whose parameter count matches the config; when none or
 * several match, the table is skipped, since its other rows describe other models.
 */
export function cardClaims(card: LoadedCard, facts: Facts | null): CardClaims {
  const hit = cache.get(card);
  if (hit && hit.facts === facts) return hit.claims;
  const claims: CardClaims = { numbers: [], attention: [], mentionsRopeScaling: false };
  for (const table of card.body.tables) tableClaims(table, facts, claims);
  // Sentences run over several lines: prose is read a paragraph at a time (a list item with the
  // lines that continue it, or consecutive prose or quote lines).
  let paragraph: CardLine[] = [];
  const flush = () => {
    if (paragraph.length) proseClaims(paragraph, claims);
    paragraph = [];
  };
  for (const line of card.body.lines) {
    if (!claims.mentionsRopeScaling && ROPE.test(line.content)) claims.mentionsRopeScaling = true;
    if (line.kind !== "prose" && line.kind !== "list" && line.kind !== "quote") {
      flush();
      continue;
    }
    if (specLineClaims(line, claims)) {
      flush();
      continue;
    }
    const first = paragraph[0];
    if (line.kind === "list" || (first && first.kind !== line.kind && !(first.kind === "list" && line.kind === "prose"))) flush();
    paragraph.push(line);
  }
  flush();
  cache.set(card, { facts, claims });
  return claims;
}

const ROPE = /\byarn\b|rope[_ ]scaling|\bposition interpolation\b/i;

interface Variant {
  numbers: NumberClaim[];
  attention: AttentionClaim[];
}

function tableClaims(table: CardTable, facts: Facts | null, out: CardClaims): void {
  const headerFields = table.header.map((c) => specField(c.text));
  const columnLabels = headerFields.filter(Boolean).length;
  const rowLabels = table.rows.filter((r) => r.cells[0] && specField(r.cells[0].text)).length + (headerFields[0] ? 1 : 0);
  const variants: Variant[] = [];
  if (columnLabels >= 1 && columnLabels >= rowLabels) {
    // A column per spec, a row per model variant. A row whose first cell is empty continues the
    // row above (markdown has no rowspan), so its empty cells take the values above.
    let previous: { line: number; cells: CardTableCell[] } | null = null;
    for (const row of table.rows) {
      const continues = previous !== null && (row.cells[0]?.text ?? "") === "";
      const variant: Variant = { numbers: [], attention: [] };
      headerFields.forEach((field, k) => {
        if (!field) return;
        let cell = row.cells[k];
        let line = row.line;
        if ((!cell || cell.text === "") && continues && previous) {
          cell = previous.cells[k];
          line = previous.line;
        }
        if (cell && cell.text !== "") addCell(variant, field, table.header[k]!.text, cell, line, "table");
      });
      variants.push(variant);
      if (!continues) previous = row;
    }
  } else if (rowLabels >= 1) {
    // A row per spec, a column per variant ("| Layers | 32 | 80 |"); a header that is itself a spec row counts too.
    const rows = [{ line: table.line, cells: table.header }, ...table.rows];
    // A loop, not Math.max(...rows): a spread of 200k rows overflows the stack.
    let width = 0;
    for (const r of rows) width = Math.max(width, r.cells.length);
    for (let k = 1; k < width; k++) {
      const variant: Variant = { numbers: [], attention: [] };
      for (const row of rows) {
        const label = row.cells[0]?.text ?? "";
        const field = specField(label);
        const cell = row.cells[k];
        if (field && cell && cell.text !== "") addCell(variant, field, label, cell, row.line, "table");
      }
      variants.push(variant);
    }
  }
  const chosen = chooseVariant(variants.filter((v) => v.numbers.length || v.attention.length), facts);
  if (!chosen) return;
  // A table repeating one spec row (the same field and value) states it once, counted, as prose does.
  const numbers = new Map<string, NumberClaim>();
  for (const c of chosen.numbers) {
    const key = `${c.field}:${c.quantity.readings.join(",")}:${c.quantity.slack.join(",")}`;
    const earlier = numbers.get(key);
    if (earlier) earlier.repeats = (earlier.repeats ?? 1) + 1;
    else {
      numbers.set(key, c);
      out.numbers.push(c);
    }
  }
  const kinds = new Map<string, AttentionClaim>();
  for (const c of chosen.attention) {
    const earlier = kinds.get(c.kind);
    if (earlier) earlier.repeats = (earlier.repeats ?? 1) + 1;
    else {
      kinds.set(c.kind, c);
      out.attention.push(c);
    }
  }
}

function chooseVariant(variants: Variant[], facts: Facts | null): Variant | null {
  if (variants.length <= 1) return variants[0] ?? null;
  const p = facts?.parameters;
  if (!p || p.estimated) return null;
  const fits = variants.filter((v) =>
    v.numbers.some((c) => (c.field === "parameters" && quantityMatches(c.quantity, p.total, 0.1)) || (c.field === "activeParameters" && quantityMatches(c.quantity, p.active, 0.1))),
  );
  return fits.length === 1 ? fits[0]! : null;
}

const LEADING_NUMBER = /^[^\w]*(?:[A-Za-z]+\s+){0,2}[~≈]?\s*\d/;
const YES = /^(yes|y|true|✓|✔|✔️|✅|x)$/i;

function addCell(variant: Variant, field: SpecField, label: string, cell: CardTableCell, line: number, source: ClaimSource): void {
  const text = `${label.replace(/\*\*|__/g, "").trim()} | ${cell.text}`;
  addValue(variant, field, label, cell.text, line, cell.column, text, source);
}

/** Turn one labelled value into claims. `column` is where `value` starts in the card line. */
function addValue(out: Variant | CardClaims, field: SpecField, label: string, value: string, line: number, column: number, text: string, source: ClaimSource): void {
  const numbers = out.numbers;
  if (field !== "attention") for (const named of attentionKinds(label)) out.attention.push({ kind: named.kind, text, line, column, source });
  else {
    if (/gqa/i.test(label) && YES.test(value.replace(/[*_`]/g, "").trim())) out.attention.push({ kind: "GQA", text, line, column, source });
    else for (const named of attentionKinds(value)) out.attention.push({ kind: named.kind, text, line, column: column + named.index, source });
    return;
  }
  if (field === "heads" || field === "kvHeads") {
    const split = splitHeads(value);
    if (split) {
      if (split.heads) numbers.push({ field: "heads", quantity: split.heads, text, line, column, source });
      if (split.kvHeads) numbers.push({ field: "kvHeads", quantity: split.kvHeads, text, line, column, source });
      return;
    }
  }
  // A spec value starts with its number ("8192", "32k tokens", "Full 131,072 tokens"); a number
  // later in a sentence ("Context: the model was trained with 2048 …") is not the value.
  if (!LEADING_NUMBER.test(value)) return;
  const quantity = parseQuantity(value, !DECIMAL_FIELDS.has(field));
  if (!quantity) return;
  // A parameter or token count written as a bare small number is something else (a size in GB, a year).
  if ((PARAMETER_FIELDS.has(field) || field === "trainingTokens") && quantity.slack[0] === 0 && quantity.readings[0]! < 1e5) return;
  numbers.push({ field, quantity, text, line, column: column + Math.max(0, value.indexOf(quantity.text)), source });
}

/** "28 for Q and 4 for KV", "32 (Q) / 8 (KV)", "Q: 32, KV: 8". */
function splitHeads(value: string): { heads: Quantity | null; kvHeads: Quantity | null } | null {
  const q = /(\d+)\s*(?:\(|for\s+)?(?:q|query)\b/i.exec(value) ?? /\b(?:q|query)\s*[:=]\s*(\d+)/i.exec(value);
  const kv = /(\d+)\s*(?:\(|for\s+)?(?:kv|k\/v|key[- /]?value)\b/i.exec(value) ?? /\b(?:kv|k\/v|key[- /]?value)\s*[:=]\s*(\d+)/i.exec(value);
  if (!q && !kv) return null;
  const exact = (m: RegExpExecArray | null) => (m ? { text: m[1]!, readings: [Number(m[1])], slack: [0] } : null);
  return { heads: exact(q), kvHeads: exact(kv) };
}

const LABEL_VALUE = /^(?:\*\*|__)?([^:：|*_]{2,80}?)(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*(\S.*)$/;

/** "- Number of Layers: 28", "**Context length:** 8192": a list or prose line that is a labelled spec. */
function specLineClaims(line: CardLine, out: CardClaims): boolean {
  const m = LABEL_VALUE.exec(line.content);
  if (!m) return false;
  const field = specField(m[1]!);
  if (!field) return false;
  const value = m[2]!;
  const column = line.column + line.content.length - value.length;
  addValue(out, field, m[1]!, value, line.line, column, `${m[1]!.trim()}: ${value}`, line.kind === "prose" ? "prose" : "list");
  return true;
}

const NUM = String.raw`(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)`;
const PROSE_PATTERNS: { field: NumberField | "params"; pattern: RegExp; binary: boolean; needs?: RegExp }[] = [
  // "7.3B parameters", "7 billion parameters", "3.8B active parameters", "12.9B parameters per token".
  { field: "params", pattern: new RegExp(String.raw`(?<![\w.\-/])${NUM}\s*(billion|million|trillion|[BMT])(?!\w)\+?\s*-?\s*(?:(total|active|activated|non-embedding)\s+)?param(?:eter)?s?\b(\s+per\s+token)?`, "gi"), binary: false },
  // "is a 1.1B model", "this 7B language model".
  { field: "parameters", pattern: new RegExp(String.raw`(?:\b(?:is|as|are|was)\s+an?|\b(?:this|our))\s+${NUM}\s*(billion|million|[BM])(?!\w)(?:[- ]param(?:eter)?s?)?\s+(?:[\w-]+\s+){0,2}?model\b`, "gi"), binary: false },
  // "32k context", "128K-token context window", "8192-token context length".
  { field: "contextLength", pattern: new RegExp(String.raw`(?<![\w.\-/])${NUM}\s*([kKmM])?(?!\w)\s*-?\s*(?:tokens?\s*-?\s*)?(?:long\s*-?\s*)?(?:context|ctx)(?:\s+(?:length|window|size))?\b`, "g"), binary: true },
  // "a context length of 8192 tokens", "context window of up to 128K".
  { field: "contextLength", pattern: new RegExp(String.raw`\bcontext(?:\s+(?:length|window|size))?\s*(?:of|:|is|=|to)\s*(?:up\s+to\s+|about\s+|over\s+|full\s+)?${NUM}\s*([kKmM])?(?!\w)`, "gi"), binary: true },
  // "a vocabulary of 128K tokens".
  { field: "vocabSize", pattern: new RegExp(String.raw`\bvocabulary(?:\s+size)?\s+of\s+${NUM}\s*([kK])?(?!\w)`, "gi"), binary: true },
  // "trained on 15T tokens", "pretrained on over 15 trillion tokens".
  { field: "trainingTokens", pattern: new RegExp(String.raw`(?<![\w.\-/])${NUM}\s*(trillion|billion|[TB])(?!\w)\+?\s+(?:[\w-]+\s+){0,2}?tokens\b`, "gi"), binary: false, needs: /\b(pre-?)?train/i },
];

/** Sentences comparing with other models describe those models, not this one. */
const COMPARISON = /\b(outperform\w*|than|compared|comparison|versus|vs\.?|beats?|surpass\w*|rival\w*|competitive with|on par with|similar to)\b/i;
const ATTENTION_CUE = /\b(use[sd]?|using|adopt\w*|employ\w*|leverag\w*|feature[sd]?|featuring|incorporat\w*|implement\w*|rel(?:y|ies) on|based on|with|via)\b/i;
const NEGATION = /\b(not|no|without|instead of|rather than|unlike)\b/i;

function proseClaims(lines: CardLine[], out: CardClaims): void {
  // Emphasis markers become spaces so offsets still map to card columns; lines join with one space.
  const starts: number[] = [];
  let text = "";
  for (const line of lines) {
    if (text) text += " ";
    starts.push(text.length);
    text += line.content.replace(/[*`]/g, " ");
  }
  const place = (index: number) => {
    const k = lastAtOrBefore(starts, index);
    return { line: lines[k]!.line, column: lines[k]!.column + index - starts[k]! };
  };
  // Sentence bounds found once per paragraph: each claim then finds its sentence by binary search,
  // so a paragraph of n claims costs O(n log n), not O(n²).
  const sentences = sentenceBounds(text);
  const sentenceAround = (index: number) => {
    const k = lastAtOrBefore(sentences.starts, index);
    const start = sentences.starts[k]!;
    const end = sentences.ends.find(index) ?? text.length;
    return { text: text.slice(start, end), start };
  };
  const source: ClaimSource = lines[0]!.kind === "list" ? "list" : "prose";
  const seen = new Set<string>();
  // One claim per field and value in a paragraph: a repeated sentence is one statement, counted.
  const stated = new Map<string, NumberClaim>();
  for (const { field, pattern, binary, needs } of PROSE_PATTERNS) {
    pattern.lastIndex = 0;
    for (const m of text.matchAll(pattern)) {
      const index = m.index ?? 0;
      const sentence = sentenceAround(index);
      if (COMPARISON.test(sentence.text) || (needs && !needs.test(sentence.text))) continue;
      const quantity = parseQuantity(`${m[1]}${m[2] ? ` ${m[2]}` : ""}`, binary);
      if (!quantity) continue;
      let resolved: NumberField = field === "params" ? "parameters" : field;
      if (field === "params") {
        const kind = (m[3] ?? "").toLowerCase();
        if (kind.startsWith("activ") || m[4]) resolved = "activeParameters";
        else if (kind === "non-embedding") resolved = "nonEmbeddingParameters";
      }
      // Point at the number; two patterns matching the same number ("is a 7B-parameter model") give one claim.
      const at = index + m[0].indexOf(m[1]!);
      const key = `${PARAMETER_FIELDS.has(resolved) ? "parameters" : resolved}:${at}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const same = `${resolved}:${quantity.readings.join(",")}:${quantity.slack.join(",")}`;
      const earlier = stated.get(same);
      if (earlier) {
        earlier.repeats = (earlier.repeats ?? 1) + 1;
        continue;
      }
      const claim: NumberClaim = { field: resolved, quantity, text: m[0].trim().replace(/\s+/g, " "), ...place(at), source };
      stated.set(same, claim);
      out.numbers.push(claim);
    }
  }
  const named = new Set<string>();
  const mechanisms = new Map<string, AttentionClaim>();
  for (const kind of attentionKinds(text)) {
    const sentence = sentenceAround(kind.index);
    // "grouped-query attention (GQA)" names one mechanism once.
    const key = `${kind.kind}:${sentence.start}`;
    if (named.has(key)) continue;
    const before = sentence.text.slice(0, kind.index - sentence.start);
    // A list item that names the mechanism ("- Grouped-Query Attention") states it; in a sentence, a verb must.
    const listed = source === "list" && text.slice(0, kind.index).trim() === "";
    if (!listed && !(ATTENTION_CUE.test(before) && !NEGATION.test(before) && !COMPARISON.test(sentence.text))) continue;
    named.add(key);
    const earlier = mechanisms.get(kind.kind);
    if (earlier) {
      earlier.repeats = (earlier.repeats ?? 1) + 1;
      continue;
    }
    const claim: AttentionClaim = { kind: kind.kind, text: text.slice(kind.index, kind.index + kind.length), ...place(kind.index), source };
    mechanisms.set(kind.kind, claim);
    out.attention.push(claim);
  }
}

/** Index of the last element of an ascending array that is ≤ value (0 when none is). */
function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Where sentences start and end: bounded by ". ", "! ", "? " or "; " (not the point of "7.3B").
 * A sentence starts after the punctuation and its spaces, and ends just after the punctuation.
 */
function sentenceBounds(text: string): { starts: number[]; ends: { find(index: number): number | null } } {
  const starts = [0];
  const ends: number[] = [];
  for (const m of text.matchAll(/[.!?;]\s+/g)) {
    const at = m.index ?? 0;
    ends.push(at + 1);
    starts.push(at + m[0].length);
  }
  return {
    starts,
    // The first end at or after the index, as the old scan (`/[.!?;]\s/` from the index) found it.
    ends: {
      find(index: number): number | null {
        let lo = 0;
        let hi = ends.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (ends[mid]! - 1 >= index) hi = mid;
          else lo = mid + 1;
        }
        return lo < ends.length ? ends[lo]! : null;
      },
    },
  };
}
