import { statSync } from "node:fs";
import { resolve } from "node:path";
import { looksLikeRepoId, parseRepoRef } from "./parse-repo-id.js";
import { hubUrlToRef } from "./parse-hub-url.js";
import { displayPath } from "./display-path.js";
import type { Target } from "./target.js";

const GLOB_CHARS = /[*?[\]{}]/;
const IGNORED_DIRS = ["**/node_modules/**", "**/.git/**"];
/** Weights that would need a framework to read (pickles, ONNX, Keras): never parsed as a config. */
const WEIGHTS_FILE = /\.(bin|pt|pth|ckpt|onnx|h5|keras|msgpack|pkl)$/i;

/** The argument that reads a config or card from standard input, as ESLint and Ruff take it. */
export const STDIN_TARGET = "-";

/**
 * Turn command-line arguments into targets, in input order. An existing path always wins; then a
 * glob (expanded here, so quoted globs work on every shell); then a Hub repo id. Folders are
 * searched later, while they are analyzed (see analyze-folder.ts).
 */
export async function resolveTargets(inputs: readonly string[], cwd = process.cwd()): Promise<Target[]> {
  const targets: Target[] = [];
  for (const input of inputs) targets.push(...(await resolveOne(input, cwd)));
  return targets;
}

async function resolveOne(input: string, cwd: string): Promise<Target[]> {
  // path.resolve("") is the working directory: an empty argument (an unset shell variable) must not lint it.
  if (input.trim() === "") return [failed(input, "file", "not-found", `an empty target ${JSON.stringify(input)} (an unset variable?): give a file, folder, glob or Hub repo id`)];
  if (input === STDIN_TARGET) return [{ input, kind: "file", path: null, stdin: true, error: null }];
  const url = hubUrlToRef(input);
  if (url && "problem" in url) return [failed(input, "hub", "invalid-repo-id", url.problem)];
  if (url) return hubTarget(input, url.ref);
  const absolute = resolve(cwd, input);
  const stats = statOrNull(absolute);
  if (stats?.isFile() && WEIGHTS_FILE.test(absolute)) return [weightsFile(input)];
  if (stats?.isFile()) return [{ input, kind: fileKind(absolute), path: absolute, error: null }];
  if (stats?.isDirectory()) return [{ input, kind: "directory", path: absolute, error: null }];
  if (GLOB_CHARS.test(input)) return globTargets(input, cwd);
  // `models/llama3-8B` when ./models exists is a mistyped local path, not a Hub repo to retry five times.
  if (looksLikeRepoId(input) && !firstSegmentExists(input, cwd)) return hubTarget(input, input);
  if (looksLikeRepoId(input)) return [failed(input, "file", "not-found", `${input}: no such file or directory (for the Hub repo, write hf://${input})`)];
  return [failed(input, "file", "not-found", `${input}: no such file or directory`)];
}

function hubTarget(input: string, ref: string): Target[] {
  try {
    return [{ input, kind: "hub", path: null, hub: parseRepoRef(ref), error: null }];
  } catch (error) {
    const head = ref === input ? `${input}: no such file or folder, and ` : `${input}: `;
    return [failed(input, "hub", "invalid-repo-id", `${head}${(error as Error).message}`)];
  }
}

function firstSegmentExists(input: string, cwd: string): boolean {
  return statOrNull(resolve(cwd, input.split("/")[0]!)) !== null;
}

function weightsFile(input: string): Target {
  return failed(input, "file", "weights-file", `${input}: weights files are not read; pass the folder or the config`);
}

async function globTargets(pattern: string, cwd: string): Promise<Target[]> {
  const { default: fg } = await import("fast-glob");
  const matches = (await fg(pattern, { cwd, absolute: true, ignore: IGNORED_DIRS, onlyFiles: false })).sort();
  if (matches.length === 0) return [failed(pattern, "file", "not-found", `${pattern}: glob matched no files`)];
  const targets: Target[] = [];
  const matched = new Set(matches);
  for (const path of matches) {
    // A split GGUF is one model: its first shard stands for the others (read together).
    const shard = /^(.*)-(\d{5})-of-(\d{5})\.gguf$/i.exec(path);
    if (shard && Number(shard[2]) > 1 && matched.has(`${shard[1]}-00001-of-${shard[3]}.gguf`)) continue;
    const stats = statOrNull(path);
    if (stats?.isFile() && WEIGHTS_FILE.test(path)) continue;
    if (stats?.isFile()) targets.push({ input: displayPath(path, cwd), kind: fileKind(path), path, error: null });
    else if (stats?.isDirectory()) targets.push({ input: displayPath(path, cwd), kind: "directory", path, error: null });
  }
  return targets;
}

/** A .gguf file is a GGUF model; any other file is read as a config (or card, or weights). */
function fileKind(path: string): Target["kind"] {
  return path.toLowerCase().endsWith(".gguf") ? "gguf" : "file";
}

function failed(input: string, kind: Target["kind"], code: string, message: string): Target {
  return { input, kind, path: null, error: { code, message } };
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
