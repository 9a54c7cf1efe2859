import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { isFullSha } from "../targets/parse-repo-id.js";

/**
 * huggingface_hub's download cache, with its precedence (constants.py): `$HF_HUB_CACHE`, then the
 * older `$HUGGINGFACE_HUB_CACHE` (still read by huggingface_hub and transformers), then `<HF_HOME>/hub`.
 */
export function hfHubCacheDir(env: NodeJS.ProcessEnv, hfHome: string): string {
  return env.HF_HUB_CACHE || env.HUGGINGFACE_HUB_CACHE || join(hfHome, "hub");
}

/**
 * A model huggingface_hub has already downloaded: `$HF_HUB_CACHE/models--{org}--{name}/`, whose
 * `refs/{revision}` files hold commit shas (`refs/pr/1` nests as `refs/refs/pr/1`) and whose
 * `snapshots/{sha}/` folders hold the files (symlinks into `blobs/`). Null when that revision is
 * not there.
 */
export function findHfCacheSnapshot(hfHubCache: string, repo: string, revision: string): { path: string; sha: string } | null {
  const folder = join(hfHubCache, `models--${repo.replace("/", "--")}`);
  let sha: string | null = isFullSha(revision) ? revision : null;
  if (sha === null) {
    try {
      const text = readFileSync(join(folder, "refs", ...revision.split("/")), "utf8").trim();
      sha = isFullSha(text) ? text : null;
    } catch {
      sha = null;
    }
  }
  if (sha === null) return null;
  const path = join(folder, "snapshots", sha);
  try {
    if (!statSync(path).isDirectory()) return null;
  } catch {
    return null;
  }
  return { path, sha };
}
