import { createRequire } from "node:module";
import type { Document, Node as YamlNode } from "yaml";
import { offsetToLineColumn } from "../format/json-positions.js";
import type { CardProblem } from "./card-problem.js";

type YamlModule = typeof import("yaml");

/** Real metadata is a few kilobytes; a long model-index reaches a few hundred. */
export const MAX_FRONT_MATTER_CHARS = 1024 * 1024;
/** Deeper than any real card (a model-index result is 5 levels deep). */
export const MAX_YAML_DEPTH = 64;
/** Alias resolutions allowed when building the value; exponential "billion laughs" documents exceed it at once. */
export const MAX_YAML_ALIASES = 100;
/** The text scan before parsing rejects pathological nesting, which would otherwise cost the parser its stack. */
const SCAN_MAX_FLOW_DEPTH = 256;
const SCAN_MAX_INDENT = 512;

const require = createRequire(import.meta.url);
let yamlModule: YamlModule | null = null;
/** yaml is loaded only when a card has front matter, never on the config-only path. */
function loadYaml(): YamlModule {
  return (yamlModule ??= require("yaml") as YamlModule);
}

export interface ParsedYaml {
  /** The document's value; undefined when it could not be parsed (see problem). */
  value: unknown;
  problem: CardProblem | null;
  /** Offset in the whole text of what a JSON pointer names (a mapping member's key, an item); falls back to the nearest ancestor. */
  locate(pointer: string): number | null;
}

/**
 * Parse YAML found at `offset` of `text` (a card's front matter, an .eval_results file) within the
 * size, depth and alias limits above; `what` names it in messages. Problems become data with a
 * position in `text`, never exceptions.
 */
export function parseBoundedYaml(text: string, yaml: string, offset: number, what: string): ParsedYaml {
  const failed = (kind: CardProblem["kind"], message: string, at: number | null): ParsedYaml => ({
    value: undefined,
    problem: { kind, message, position: at === null ? { line: 1, column: 1 } : offsetToLineColumn(text, offset + at) },
    locate: () => 0,
  });
  if (yaml.length > MAX_FRONT_MATTER_CHARS) return failed("front-matter-too-large", `${what} is ${(yaml.length / 1048576).toFixed(1)} MiB, over the 1 MiB limit; not parsed`, null);
  const tooDeepMessage = `${what} nests deeper than ${MAX_YAML_DEPTH} levels; not parsed`;
  const deep = scanNesting(yaml);
  if (deep !== null) return failed("too-deep", tooDeepMessage, deep);

  const YAML = loadYaml();
  // The package's own duplicate-key check (uniqueKeys: true) compares every key with every other:
  // 90k keys took 66 s. duplicateKey() below does the same check with a Set per mapping.
  const doc = YAML.parseDocument(yaml, { prettyErrors: false, uniqueKeys: false });
  const error = doc.errors[0];
  if (error) {
    const exhausted = error.code === "RESOURCE_EXHAUSTION";
    return failed(exhausted ? "too-deep" : "invalid-yaml", exhausted ? tooDeepMessage : `invalid YAML: ${firstLine(error.message)}`, error.pos[0]);
  }
  const tooDeep = deepestNode(YAML, doc.contents as YamlNode | null, 0);
  if (tooDeep !== null) return failed("too-deep", tooDeepMessage, tooDeep);
  const duplicate = duplicateKey(YAML, doc.contents as YamlNode | null);
  if (duplicate !== null) return failed("invalid-yaml", "invalid YAML: Map keys must be unique", duplicate);
  try {
    const value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    return { value, problem: null, locate: (pointer) => offset + locateInYaml(YAML, doc, pointer) };
  } catch (e) {
    const aliases = /alias/i.test((e as Error).message);
    return failed(
      aliases ? "too-many-aliases" : "invalid-yaml",
      aliases ? `${what} expands aliases more than ${MAX_YAML_ALIASES} times (an alias bomb?); not parsed` : `invalid YAML: ${firstLine((e as Error).message)}`,
      0,
    );
  }
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

/** Offset (in the YAML) of a pointer's target, or of its deepest existing ancestor. */
function locateInYaml(YAML: YamlModule, doc: Document, pointer: string): number {
  let node = doc.contents as YamlNode | null;
  let offset = node?.range?.[0] ?? 0;
  if (pointer === "") return offset;
  for (const raw of pointer.split("/").slice(1)) {
    const token = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (YAML.isMap(node)) {
      const pair = node.items.find((p) => YAML.isScalar(p.key) && String(p.key.value) === token);
      if (!pair) break;
      offset = (pair.key as YamlNode).range?.[0] ?? offset;
      node = pair.value as YamlNode | null;
    } else if (YAML.isSeq(node)) {
      const item = node.items[Number(token)] as YamlNode | undefined;
      if (!/^\d+$/.test(token) || !item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset;
}

/** Offset of a node nested deeper than MAX_YAML_DEPTH, or null. Aliases are not followed. */
function deepestNode(YAML: YamlModule, node: YamlNode | null, depth: number): number | null {
  if (!node) return null;
  if (depth > MAX_YAML_DEPTH) return node.range?.[0] ?? 0;
  if (YAML.isMap(node)) {
    for (const pair of node.items) {
      const found = deepestNode(YAML, pair.value as YamlNode | null, depth + 1);
      if (found !== null) return found;
    }
  } else if (YAML.isSeq(node)) {
    for (const item of node.items) {
      const found = deepestNode(YAML, item as YamlNode | null, depth + 1);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * Offset of the first mapping key that repeats an earlier key of the same mapping, or null; linear
 * in the number of keys. Scalar keys compare by value, as yaml's uniqueKeys does; others by source.
 * Called after deepestNode, so the recursion is at most MAX_YAML_DEPTH deep.
 */
function duplicateKey(YAML: YamlModule, node: YamlNode | null): number | null {
  if (!node) return null;
  if (YAML.isMap(node)) {
    const seen = new Set<unknown>();
    for (const pair of node.items) {
      const key = pair.key as YamlNode | null;
      const id = YAML.isScalar(key) ? key.value : key === null ? null : `\u0000${String(key)}`;
      if (seen.has(id)) return key?.range?.[0] ?? 0;
      seen.add(id);
      const found = duplicateKey(YAML, pair.value as YamlNode | null);
      if (found !== null) return found;
    }
  } else if (YAML.isSeq(node)) {
    for (const item of node.items) {
      const found = duplicateKey(YAML, item as YamlNode | null);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * A cheap guard before parsing: flow brackets nested past SCAN_MAX_FLOW_DEPTH or lines indented past
 * SCAN_MAX_INDENT columns. Quotes and comments are skipped roughly; the exact depth is checked on
 * the parsed tree. Returns the offset of the offending place, or null.
 */
function scanNesting(yaml: string): number | null {
  let depth = 0;
  let lineStart = true;
  let indent = 0;
  let quote = "";
  for (let i = 0; i < yaml.length; i++) {
    const c = yaml[i]!;
    if (c === "\n") {
      lineStart = true;
      indent = 0;
      if (quote === "'") quote = "";
      continue;
    }
    if (lineStart) {
      if (c === " " || c === "-") {
        if (++indent > SCAN_MAX_INDENT) return i;
        continue;
      }
      lineStart = false;
    }
    if (quote) {
      if (c === quote && yaml[i - 1] !== "\\") quote = "";
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(yaml[i - 1]!))) {
      const end = yaml.indexOf("\n", i);
      i = (end === -1 ? yaml.length : end) - 1;
    } else if (c === "[" || c === "{") {
      if (++depth > SCAN_MAX_FLOW_DEPTH) return i;
    } else if ((c === "]" || c === "}") && depth > 0) depth--;
  }
  return null;
}
