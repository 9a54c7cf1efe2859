import { isUtf8 } from "node:buffer";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { CardProblem } from "../cards/card-problem.js";
import { parseBoundedYaml } from "../cards/parse-bounded-yaml.js";
import { CardDocument } from "./card-document.js";
import { readBoundedFile } from "./read-bounded-file.js";

/** The folder the Hub reads evaluation results from (https://huggingface.co/docs/hub/eval-results). */
export const EVAL_RESULTS_FOLDER = ".eval_results";
/** A results file holds a few entries; anything near this is not one. */
export const MAX_EVAL_RESULTS_BYTES = 1024 * 1024;
/** Files read from one folder (in name order); a folder of more is not a results folder anyone keeps by hand. */
export const MAX_EVAL_RESULTS_FILES = 100;

/** One `.eval_results/*.yaml` file: a list of results, each a benchmark score with its dataset. */
export interface LoadedEvalResults {
  /** The file as a source document: JSON pointers (`/0/dataset/id`) resolve to YAML lines. */
  document: CardDocument;
  /** The parsed YAML; undefined when it could not be parsed (then `problem` says why). */
  value: unknown;
  problem: CardProblem | null;
}

/** True for the names the Hub reads in the folder. */
export function isEvalResultsFile(name: string): boolean {
  return /\.ya?ml$/i.test(name) && !name.startsWith(".");
}

/** Parse one results file already in memory (a Hub download, a test). */
export function parseEvalResultsText(text: string, displayPath: string): LoadedEvalResults {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = parseBoundedYaml(text, text, 0, "the file");
  return { document: new CardDocument(displayPath, text, undefined, parsed.problem ? null : parsed.locate), value: parsed.value, problem: parsed.problem };
}

/** Parse one results file's bytes: size and UTF-8 are checked before decoding. */
export function parseEvalResultsBytes(bytes: Uint8Array, displayPath: string): LoadedEvalResults {
  if (bytes.byteLength > MAX_EVAL_RESULTS_BYTES) return unparsed(displayPath, "too-large", tooLarge(bytes.byteLength));
  if (!isUtf8(bytes)) return unparsed(displayPath, "invalid-utf8", "file is not valid UTF-8; not parsed");
  return parseEvalResultsText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"), displayPath);
}

/**
 * The results files of a model folder's `.eval_results/`, in name order; null when the folder has
 * none. A file that cannot be read is kept with its problem, so it is reported and the rest checked.
 */
export function readEvalResults(folder: string, shownFolder: string): LoadedEvalResults[] | null {
  const dir = join(folder, EVAL_RESULTS_FOLDER);
  let names: string[];
  try {
    names = readdirSync(dir).filter(isEvalResultsFile).sort();
  } catch {
    return null;
  }
  const shown = (name: string) => `${shownFolder === "." || shownFolder === "" ? "" : `${shownFolder.replace(/\/$/, "")}/`}${EVAL_RESULTS_FOLDER}/${name}`;
  return names.slice(0, MAX_EVAL_RESULTS_FILES).map((name) => readOne(join(dir, name), shown(name)));
}

function readOne(path: string, displayPath: string): LoadedEvalResults {
  const read = readBoundedFile(path, MAX_EVAL_RESULTS_BYTES);
  if (read.kind === "bytes") return parseEvalResultsBytes(read.bytes, displayPath);
  if (read.kind === "too-large") return unparsed(displayPath, "too-large", tooLarge(read.size));
  return unparsed(displayPath, "unreadable", `file cannot be read (${read.kind === "missing" ? "it is gone" : read.reason})`);
}

function unparsed(displayPath: string, kind: CardProblem["kind"], message: string): LoadedEvalResults {
  return { document: new CardDocument(displayPath, "", undefined, null), value: undefined, problem: { kind, message, position: null } };
}

function tooLarge(bytes: number): string {
  return `file is ${(bytes / 1048576).toFixed(1)} MiB, over the 1 MiB limit for a results file; not parsed`;
}
