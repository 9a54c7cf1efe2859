import { existsSync, readdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { readConfigDocument, type LoadedConfig } from "./read-config-document.js";
import type { LoadedCheckpoint } from "./checkpoint.js";
import type { SourceDocument } from "./source-document.js";
import { displayPath } from "../targets/display-path.js";

/**
 * A PEFT adapter's `adapter_config.json`, and the config of the base model it adapts when that can
 * be found without the network: `base_model_name_or_path` as a local folder (absolute, relative to
 * the adapter or to the working directory), else the model's snapshot in the huggingface_hub cache
 * (`$HF_HUB_CACHE`, default `$HF_HOME/hub`, default `~/.cache/huggingface/hub`). Hub targets fill
 * `baseConfig` from the Hub instead.
 */
export interface LoadedAdapter {
  /** adapter_config.json, parsed like a config (content problems are MC001 findings). */
  config: LoadedConfig;
  /** The adapter config's document, where adapter findings point. */
  document: SourceDocument;
  /** The base model's config.json, or null when it was not found. */
  baseConfig: LoadedConfig | null;
  /** Where the base config was read from, for the report. */
  baseConfigSource: string | null;
  /**
   * The adapter's own weights when the target also holds a model checkpoint (a folder with
   * config.json and adapter_config.json); otherwise they are the target's `checkpoint`.
   */
  checkpoint?: LoadedCheckpoint | null;
}

/** Repo ids as the Hub spells them; anything else is not looked up in the cache. */
const REPO_ID = /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/;

/** Read a local adapter_config.json and look for its base model's config. Throws SourceError only when the file cannot be read. */
export function readAdapterConfig(path: string, shown: string, adapterFolder: string, cwd: string): LoadedAdapter {
  const config = readConfigDocument(path, shown);
  const value = config.document.value as Record<string, unknown> | undefined;
  const base = !config.problem && value ? value["base_model_name_or_path"] : undefined;
  if (typeof base !== "string" || base === "" || base.length > 4096) return { config, document: config.document, baseConfig: null, baseConfigSource: null };
  const found = findBaseConfig(base, adapterFolder, cwd);
  if (!found) return { config, document: config.document, baseConfig: null, baseConfigSource: null };
  try {
    return { config, document: config.document, baseConfig: readConfigDocument(found, displayPath(found, cwd)), baseConfigSource: displayPath(found, cwd) };
  } catch {
    return { config, document: config.document, baseConfig: null, baseConfigSource: null };
  }
}

function findBaseConfig(base: string, adapterFolder: string, cwd: string): string | null {
  const local = isAbsolute(base) ? [base] : [resolve(adapterFolder, base), resolve(cwd, base)];
  for (const folder of local) {
    const candidate = join(folder, "config.json");
    if (existsSync(candidate)) return candidate;
  }
  if (!REPO_ID.test(base) || base.includes("..")) return null;
  return cachedConfig(base);
}

/** The cached snapshot's config.json: the one `refs/main` names, else the only snapshot. */
function cachedConfig(repo: string): string | null {
  const hfHome = process.env["HF_HOME"] || join(process.env["XDG_CACHE_HOME"] || join(homedir(), ".cache"), "huggingface");
  // The precedence of hub/find-hf-cache-snapshot.ts's hfHubCacheDir (sources/ may not import hub/).
  const cache = process.env["HF_HUB_CACHE"] || process.env["HUGGINGFACE_HUB_CACHE"] || join(hfHome, "hub");
  const folder = join(cache, `models--${repo.replace("/", "--")}`);
  let sha: string | null = null;
  try {
    sha = readFileSync(join(folder, "refs", "main"), "utf8").trim();
  } catch {
    try {
      const snapshots = readdirSync(join(folder, "snapshots"));
      if (snapshots.length === 1) sha = snapshots[0]!;
    } catch {
      return null;
    }
  }
  if (!sha || !/^[0-9a-f]{7,64}$/i.test(sha)) return null;
  const candidate = join(folder, "snapshots", sha, "config.json");
  return existsSync(candidate) ? candidate : null;
}
