import { hfHubCacheDir } from "./find-hf-cache-snapshot.js";
import { homedir } from "node:os";
import { join } from "node:path";
import { UsageError } from "../errors.js";
import { revisionProblem } from "../targets/parse-repo-id.js";
import { hfHome } from "./resolve-token.js";

export const DEFAULT_ENDPOINT = "https://huggingface.co";
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_CONCURRENCY = 8;

/** Everything a Hub audit needs besides the repo: resolved once per run from flags and the environment. */
export interface HubSettings {
  /** The endpoint (`--endpoint`, `HF_ENDPOINT`), without a trailing slash. The token goes to its origin only. */
  hubUrl: string;
  accessToken: string | null;
  /** `--revision`: used for repo ids without `@rev`; null means the default branch. */
  revision: string | null;
  /** Per request attempt. */
  timeoutMs: number;
  /** `HF_HUB_OFFLINE=1`: no request at all; documents come from the caches. */
  offline: boolean;
  /** modelcheck's own document cache (`$MODELCHECK_CACHE`, else `$XDG_CACHE_HOME/modelcheck`, else `~/.cache/modelcheck`). */
  cacheDir: string;
  /** huggingface_hub's download cache (`$HF_HUB_CACHE`, else `$HUGGINGFACE_HUB_CACHE`, else `$HF_HOME/hub`). */
  hfHubCache: string;
  /** Hub targets audited at once. */
  concurrency: number;
  /** --debug: one line per request (never the token, never signed CDN query strings). */
  log: ((line: string) => void) | null;
}

export interface HubSettingsInput {
  endpoint?: string | undefined;
  accessToken?: string | null | undefined;
  revision?: string | undefined;
  timeoutMs?: number | undefined;
  concurrency?: number | undefined;
  log?: ((line: string) => void) | null | undefined;
}

/** Settings from explicit values first, then the environment (HF_ENDPOINT, HF_HUB_OFFLINE, caches). */
export function resolveHubSettings(input: HubSettingsInput, env: NodeJS.ProcessEnv = process.env): HubSettings {
  const hubUrl = normalizeEndpoint(input.endpoint ?? env.HF_ENDPOINT ?? DEFAULT_ENDPOINT, input.endpoint !== undefined ? "--endpoint" : "HF_ENDPOINT");
  if (input.revision !== undefined) {
    const problem = revisionProblem(input.revision);
    if (problem) throw new UsageError(`--revision: ${problem}`);
  }
  return {
    hubUrl,
    accessToken: input.accessToken ?? null,
    revision: input.revision ?? null,
    timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    offline: isTrue(env.HF_HUB_OFFLINE),
    cacheDir: env.MODELCHECK_CACHE || join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "modelcheck"),
    hfHubCache: hfHubCacheDir(env, hfHome(env)),
    concurrency: input.concurrency ?? DEFAULT_CONCURRENCY,
    log: input.log ?? null,
  };
}

/** huggingface_hub's `_is_true`: 1, ON, YES, TRUE, any case. */
function isTrue(value: string | undefined): boolean {
  return value !== undefined && ["1", "on", "yes", "true"].includes(value.trim().toLowerCase());
}

function normalizeEndpoint(value: string, source: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${source}: "${value.slice(0, 80)}" is not a URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new UsageError(`${source}: only http and https endpoints are supported`);
  if (url.username || url.password) throw new UsageError(`${source}: put credentials in HF_TOKEN, not in the endpoint URL`);
  if (url.search || url.hash) throw new UsageError(`${source}: the endpoint may not have a query or fragment`);
  return url.href.replace(/\/+$/, "");
}
