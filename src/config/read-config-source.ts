import { readFileSync } from "node:fs";
import { findJsonSyntaxProblem, offsetToLineColumn } from "../format/json-positions.js";
import { locateJsonPointer } from "../format/locate-json-pointer.js";
import { basename } from "node:path";
import { ConfigError } from "./config-error.js";
import { PACKAGE_JSON_KEY } from "./find-config-file.js";

export interface Position {
  line: number;
  column: number;
}

/** A parsed config file that can point back into its text, so every error names a line and column. */
export interface ConfigSource {
  /** The path as shown in messages. */
  shown: string;
  value: unknown;
  /**
   * Position of the value at a JSON pointer, or of its key when `key` is true (for "unknown
   * property" errors); falls back to the nearest ancestor that exists.
   */
  locate(pointer: string, key?: boolean): Position | null;
}

/**
 * Read and parse a config file: `.json` with JSON.parse, anything else as YAML (which the `yaml`
 * package parses lazily, only when such a file exists). Syntax errors become ConfigErrors.
 */
export async function readConfigSource(path: string, shown: string): Promise<ConfigSource> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(shown, null, code === "ENOENT" ? "config file not found" : `config file cannot be read (${code ?? "unknown error"})`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (basename(path) === "package.json") return packageJsonSource(text, shown);
  return /\.json$/i.test(path) ? jsonSource(text, shown) : yamlSource(text, shown);
}

/** The "modelcheck" key of a package.json: pointers are into that key, positions into the whole file. */
function packageJsonSource(text: string, shown: string): ConfigSource {
  const whole = jsonSource(text, shown);
  const value = (whole.value as Record<string, unknown> | null)?.[PACKAGE_JSON_KEY];
  if (value === undefined) throw new ConfigError(shown, null, `package.json has no "${PACKAGE_JSON_KEY}" key`);
  return { shown, value, locate: (pointer, key) => whole.locate(`/${PACKAGE_JSON_KEY}${pointer}`, key) };
}

function jsonSource(text: string, shown: string): ConfigSource {
  let value: unknown;
  try {
    value = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    const problem = findJsonSyntaxProblem(text);
    throw new ConfigError(shown, offsetToLineColumn(text, problem?.offset ?? text.length), `invalid JSON: ${problem?.message ?? "cannot be parsed"}`);
  }
  return {
    shown,
    value,
    locate(pointer) {
      const offset = locateJsonPointer(text, pointer);
      return offset === null ? null : offsetToLineColumn(text, offset);
    },
  };
}

async function yamlSource(text: string, shown: string): Promise<ConfigSource> {
  const { parseDocument, isMap, isSeq } = await import("yaml");
  const doc = parseDocument(text, { prettyErrors: true });
  const error = doc.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    const message = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    throw new ConfigError(shown, at ? { line: at.line, column: at.col } : null, `invalid YAML: ${message}`);
  }
  const value = doc.contents === null ? {} : (doc.toJS() as unknown);
  const position = (offset: number | undefined) => (offset === undefined ? null : offsetToLineColumn(text, offset));
  return {
    shown,
    value,
    locate(pointer, key = false) {
      const path = pointer === "" ? [] : pointer.slice(1).split("/").map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
      // Walk down as far as the document goes; report the deepest node found.
      let node: unknown = doc.contents;
      let found = position((node as { range?: number[] } | null)?.range?.[0]);
      for (let i = 0; i < path.length; i++) {
        const token = path[i]!;
        if (isMap(node)) {
          const pair = node.items.find((p) => String((p.key as { value?: unknown } | null)?.value) === token);
          if (!pair) break;
          const isLast = i === path.length - 1;
          const keyRange = (pair.key as { range?: number[] } | null)?.range;
          const valueRange = (pair.value as { range?: number[] } | null)?.range;
          found = position(isLast && key ? keyRange?.[0] : (valueRange?.[0] ?? keyRange?.[0])) ?? found;
          node = pair.value;
        } else if (isSeq(node)) {
          const item = node.items[Number(token)];
          if (item === undefined) break;
          found = position((item as { range?: number[] } | null)?.range?.[0]) ?? found;
          node = item;
        } else {
          break;
        }
      }
      return found;
    },
  };
}
