import { statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import type { Target } from "./target.js";

const GLOB_CHARS = /[*?[\]{}]/;
/** `org/name` or `org/name@rev`, as Hub repo ids are written. */
const REPO_ID = /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*(@[\w./-]+)?$/;
const IGNORED_DIRS = ["**/node_modules/**", "**/.git/**"];

/**
 * Turn command-line arguments into targets, in input order. An existing path always wins; then a
 * glob (expanded here, so quoted globs work on every shell); then a Hub repo id.
 */
export async function resolveTargets(inputs: readonly string[], cwd = process.cwd()): Promise<Target[]> {
  const targets: Target[] = [];
  for (const input of inputs) targets.push(...(await resolveOne(input, cwd)));
  return targets;
}

async function resolveOne(input: string, cwd: string): Promise<Target[]> {
  const absolute = resolve(cwd, input);
  const stats = statOrNull(absolute);
  if (stats?.isFile()) return [fileTarget(input, absolute, cwd)];
  if (stats?.isDirectory()) return directoryTargets(input, absolute, cwd);
  if (GLOB_CHARS.test(input)) return globTargets(input, cwd);
  if (REPO_ID.test(input) && !input.startsWith(".")) {
    return [failed(input, "hub", "unsupported", `${input}: no such file or folder, and this version cannot read the Hugging Face Hub yet`)];
  }
  return [failed(input, "file", "not-found", `${input}: no such file or directory`)];
}

function fileTarget(input: string, absolute: string, cwd: string): Target {
  return { input, kind: "file", configPath: absolute, displayPath: display(absolute, cwd), error: null };
}

/** A folder holding config.json is one model; otherwise every config.json below it is one. */
async function directoryTargets(input: string, absolute: string, cwd: string): Promise<Target[]> {
  const direct = join(absolute, "config.json");
  if (statOrNull(direct)?.isFile()) {
    return [{ input, kind: "directory", configPath: direct, displayPath: display(direct, cwd), error: null }];
  }
  const { default: fg } = await import("fast-glob");
  const found = (await fg("**/config.json", { cwd: absolute, absolute: true, ignore: IGNORED_DIRS, dot: false, onlyFiles: true })).sort();
  if (found.length === 0) return [failed(input, "directory", "nothing-to-check", `${input}: folder has no config.json to check (for configs with other names, pass a glob such as "${input.replace(/\/$/, "")}/*.json")`)];
  return found.map((path) => ({ input: display(path, cwd), kind: "directory" as const, configPath: path, displayPath: display(path, cwd), error: null }));
}

async function globTargets(pattern: string, cwd: string): Promise<Target[]> {
  const { default: fg } = await import("fast-glob");
  const matches = (await fg(pattern, { cwd, absolute: true, ignore: IGNORED_DIRS, onlyFiles: false, markDirectories: false })).sort();
  if (matches.length === 0) return [failed(pattern, "file", "not-found", `${pattern}: glob matched no files`)];
  const targets: Target[] = [];
  for (const path of matches) {
    const stats = statOrNull(path);
    if (stats?.isFile()) targets.push(fileTarget(display(path, cwd), path, cwd));
    else if (stats?.isDirectory()) targets.push(...(await directoryTargets(display(path, cwd), path, cwd)));
  }
  return targets;
}

function failed(input: string, kind: Target["kind"], code: string, message: string): Target {
  return { input, kind, configPath: null, displayPath: null, error: { code, message } };
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** Paths inside the working directory are shown relative to it, with forward slashes. */
function display(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return path.split("\\").join("/");
  return rel.split("\\").join("/");
}
