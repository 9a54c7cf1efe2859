import { offsetToLineColumn } from "../format/json-positions.js";
import type { CardProblem } from "./card-problem.js";
import { parseBoundedYaml } from "./parse-bounded-yaml.js";
import type { FrontMatterBlock } from "./split-front-matter.js";

export { MAX_FRONT_MATTER_CHARS, MAX_YAML_ALIASES, MAX_YAML_DEPTH } from "./parse-bounded-yaml.js";

export interface ParsedFrontMatter {
  /** The metadata; null when it could not be parsed. An empty block is an empty mapping. */
  value: Record<string, unknown> | null;
  problem: CardProblem | null;
  /** Offset in the card of what a JSON pointer names (a mapping member's key, an item); falls back to the nearest ancestor. */
  locate(pointer: string): number | null;
}

/** Parse the YAML of a front matter block, within the size, depth and alias limits of parse-bounded-yaml.ts. */
export function parseFrontMatter(text: string, block: FrontMatterBlock): ParsedFrontMatter {
  if (block.closeLine === null) {
    return { value: null, problem: { kind: "unclosed-front-matter", message: "the front matter opened with --- on line 1 is never closed with a line of ---", position: { line: 1, column: 1 } }, locate: () => 0 };
  }
  const parsed = parseBoundedYaml(text, block.yaml, block.yamlOffset, "front matter");
  if (parsed.problem) return { value: null, problem: parsed.problem, locate: () => 0 };
  let value = parsed.value;
  if (value === null || value === undefined) value = {};
  if (typeof value !== "object" || Array.isArray(value)) {
    return { value: null, problem: { kind: "not-a-mapping", message: `front matter must be a mapping of keys to values, found ${Array.isArray(value) ? "a list" : `a ${typeof value}`}`, position: offsetToLineColumn(text, block.yamlOffset) }, locate: () => 0 };
  }
  return { value: value as Record<string, unknown>, problem: null, locate: parsed.locate };
}

