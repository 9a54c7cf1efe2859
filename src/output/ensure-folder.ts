import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Create a folder and its missing parents, one level at a time from the nearest existing
 * ancestor (with `mode`, 0o700 for the private cache, when given). Node 20's recursive mkdirSync spins forever where mkdir answers ENOENT for a folder
 * whose parent exists (/proc); this fails once instead, with that mkdir's error.
 */
export function ensureFolder(folder: string, mode?: number): void {
  const missing: string[] = [];
  for (let dir = folder; !existsSync(dir) && dirname(dir) !== dir; dir = dirname(dir)) missing.unshift(dir);
  for (const dir of missing) mkdirSync(dir, mode === undefined ? undefined : { mode });
}
