import { isUtf8 } from "node:buffer";
import { closeSync, readSync } from "node:fs";
import { SourceError } from "../errors.js";
import { findJsonSyntaxProblem, offsetToLineColumn } from "../format/json-positions.js";
import { SourceDocument, type Position } from "./source-document.js";
import { readFully } from "./read-fully.js";
import { NOT_A_FILE, NOT_A_FILE_REASON, openRegularFile } from "./open-regular-file.js";

/** Config files larger than this are not parsed: real configs are a few kilobytes. */
export const MAX_CONFIG_BYTES = 10 * 1024 * 1024;

/** Why the bytes of a config could not become a JSON object. Reported as MC001/MC002 findings. */
export interface ContentProblem {
  kind: "too-large" | "empty" | "invalid-utf8" | "invalid-json" | "not-an-object";
  message: string;
  position: Position | null;
}

export interface LoadedConfig {
  document: SourceDocument;
  problem: ContentProblem | null;
}

/** Reused for every read: configs are read one at a time, and their text is copied out when decoded. */
const CHUNK = 64 * 1024;
const scratch = Buffer.allocUnsafe(CHUNK);

/**
 * Read a config.json from disk. Throws SourceError only when the bytes cannot be read at all.
 * Synchronous on purpose, and one read into a reused buffer for the usual small file: thousands of
 * configs cost little more than the system calls `readFileSync` makes.
 */
export function readConfigDocument(path: string, displayPath = path): LoadedConfig {
  let fd: number;
  let size: number;
  try {
    ({ fd, size } = openRegularFile(path));
  } catch (error) {
    throw sourceErrorFor(error, displayPath);
  }
  try {
    const first = readSync(fd, scratch, 0, CHUNK, 0);
    if (first < CHUNK) return parseConfigBytes(scratch.subarray(0, first), displayPath);
    if (size > MAX_CONFIG_BYTES) {
      return {
        document: new SourceDocument(displayPath, "", undefined),
        problem: {
          kind: "too-large",
          message: `file is ${formatMiB(size)}, over the ${formatMiB(MAX_CONFIG_BYTES)} limit for config files; not parsed`,
          position: null,
        },
      };
    }
    const bytes = Buffer.allocUnsafe(size);
    scratch.copy(bytes, 0, 0, first);
    const filled = readFully(fd, bytes, first, first);
    return parseConfigBytes(bytes.subarray(0, filled), displayPath);
  } catch (error) {
    throw sourceErrorFor(error, displayPath);
  } finally {
    closeSync(fd);
  }
}

/** Decode and parse config bytes; every content problem becomes data, never an exception. */
export function parseConfigBytes(bytes: Uint8Array, displayPath: string): LoadedConfig {
  // isUtf8 validates in native code; toString then decodes on Node's fast path.
  let text: string;
  if (isUtf8(bytes)) {
    text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  } else {
    const offset = firstInvalidUtf8Offset(bytes);
    const before = new TextDecoder("utf-8").decode(bytes.subarray(0, offset));
    return {
      document: new SourceDocument(displayPath, before, undefined),
      problem: { kind: "invalid-utf8", message: `invalid UTF-8 at byte ${offset}`, position: offsetToLineColumn(before, before.length) },
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") {
    return { document: new SourceDocument(displayPath, text, undefined), problem: { kind: "empty", message: "file is empty", position: null } };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const syntax = findJsonSyntaxProblem(text);
    const offset = syntax?.offset ?? text.length;
    return {
      document: new SourceDocument(displayPath, text, undefined),
      problem: { kind: "invalid-json", message: `invalid JSON: ${syntax?.message ?? "cannot be parsed"}`, position: offsetToLineColumn(text, offset) },
    };
  }
  const document = new SourceDocument(displayPath, text, value);
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const what = Array.isArray(value) ? "an array" : value === null ? "null" : `a ${typeof value}`;
    return { document, problem: { kind: "not-an-object", message: `expected a JSON object, found ${what}`, position: { line: 1, column: 1 } } };
  }
  return { document, problem: null };
}

function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix, found by bisection on the strict decoder (stream mode keeps partial characters legal).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function sourceErrorFor(error: unknown, path: string): SourceError {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "ENOENT") return new SourceError("not-found", `${path}: no such file or directory`);
  if (code === "EACCES" || code === "EPERM") return new SourceError("unreadable", `${path}: permission denied`);
  if (code === "EISDIR") return new SourceError("unreadable", `${path}: is a directory`);
  if (code === NOT_A_FILE) return new SourceError("unreadable", `${path}: ${NOT_A_FILE_REASON}`);
  if (error instanceof SourceError) return error;
  return new SourceError("unreadable", `${path}: cannot be read (${code ?? (error as Error)?.message ?? "unknown error"})`);
}
