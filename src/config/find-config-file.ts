import { statSync } from "node:fs";
import { dirname, join } from "node:path";

/** Config file names, in the order they are looked for in each folder. */
export const CONFIG_FILE_NAMES = ["modelcheck.config.yaml", ".modelcheckrc.yaml", ".modelcheckrc.json"] as const;

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
      if (isFile(candidate)) {
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
