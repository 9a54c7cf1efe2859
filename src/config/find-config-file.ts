import { readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Config file names, in the order they are looked for in each folder: lilconfig's and
 * cosmiconfig's search list for "modelcheck" without the JavaScript files (a config is data, never
 * code run on load). `.modelcheckrc` has no extension and is read as YAML (JSON is YAML too);
 * package.json counts only when it has a "modelcheck" key, so an ordinary one never stops the search.
 */
export const CONFIG_FILE_NAMES = [
  "modelcheck.config.yaml",
  "modelcheck.config.yml",
  "modelcheck.config.json",
  ".modelcheckrc.yaml",
  ".modelcheckrc.yml",
  ".modelcheckrc.json",
  ".modelcheckrc",
  "package.json",
] as const;

/** The key of package.json that holds modelcheck's settings, as ESLint's `eslintConfig` or Prettier's `prettier`. */
export const PACKAGE_JSON_KEY = "modelcheck";

/**
 * Finds the config file that applies to a folder: the first of CONFIG_FILE_NAMES in the folder or
 * the nearest folder above it. The search stops at a repository root (a folder holding `.git`),
 * so a stray file above the checkout never applies. Answers are cached per folder: a walk over
 * thousands of model folders pays a few `stat` calls per new folder.
 */
export function createConfigFinder(): (folder: string) => string | null {
  const cache = new Map<string, string | null>();
  const find = (folder: string): string | null => {
    const cached = cache.get(folder);
    if (cached !== undefined) return cached;
    let found: string | null = null;
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(folder, name);
      if (isFile(candidate) && (name !== "package.json" || hasModelcheckKey(candidate))) {
        found = candidate;
        break;
      }
    }
    if (found === null) {
      const parent = dirname(folder);
      if (parent !== folder && !exists(join(folder, ".git"))) found = find(parent);
    }
    cache.set(folder, found);
    return found;
  };
  return find;
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

function exists(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false }) !== undefined;
}

/** True when a package.json parses and has a "modelcheck" object; a broken package.json is npm's to report. */
function hasModelcheckKey(path: string): boolean {
  try {
    const value = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown> | null;
    return typeof value === "object" && value !== null && Object.hasOwn(value, PACKAGE_JSON_KEY);
  } catch {
    return false;
  }
}
