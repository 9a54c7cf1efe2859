import { statSync } from "node:fs";
import { resolve } from "node:path";
import { displayPath } from "./display-path.js";
import type { Target } from "./target.js";

const GLOB_CHARS = /[*?[\]{}]/;
/** `org/name` or `org/name@rev`, as Hub repo ids are written. */
const REPO_ID = /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*(@[\w./-]+)?$/;
const IGNORED_DIRS = ["**/node_modules/**", "**/.git/**"];

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
  const absolute = resolve(cwd, input);
  const stats = statOrNull(absolute);
  if (stats?.isFile()) return [{ input, kind: "file", path: absolute, error: null }];
  if (stats?.isDirectory()) return [{ input, kind: "directory", path: absolute, error: null }];
  if (GLOB_CHARS.test(input)) return globTargets(input, cwd);
  if (REPO_ID.test(input) && !input.startsWith(".")) {
    return [failed(input, "hub", "unsupported", `${input}: no such file or folder, and this version cannot read the Hugging Face Hub yet`)];
  }
  return [failed(input, "file", "not-found", `${input}: no such file or directory`)];
}

async function globTargets(pattern: string, cwd: string): Promise<Target[]> {
  const { default: fg } = await import("fast-glob");
  const matches = (await fg(pattern, { cwd, absolute: true, ignore: IGNORED_DIRS, onlyFiles: false })).sort();
  if (matches.length === 0) return [failed(pattern, "file", "not-found", `${pattern}: glob matched no files`)];
  const targets: Target[] = [];
  for (const path of matches) {
    const stats = statOrNull(path);
    if (stats?.isFile()) targets.push({ input: displayPath(path, cwd), kind: "file", path, error: null });
    else if (stats?.isDirectory()) targets.push({ input: displayPath(path, cwd), kind: "directory", path, error: null });
  }
  return targets;
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
