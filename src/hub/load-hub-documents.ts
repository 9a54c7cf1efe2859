import { MAX_CONFIG_BYTES } from "../sources/read-config-document.js";
import { EVAL_RESULTS_FOLDER, isEvalResultsFile, MAX_EVAL_RESULTS_BYTES, MAX_EVAL_RESULTS_FILES } from "../sources/read-eval-results.js";
import type { LoadedGguf } from "../sources/read-gguf-header.js";
import type { TargetDocuments } from "../sources/target-documents.js";
import { createHubFetch } from "./create-hub-fetch.js";
import { describeHubFailure } from "./describe-hub-failure.js";
import { readCachedDocuments, readCachedRef, writeCachedDocuments, writeCachedRef, type CachedDocuments } from "./document-cache.js";
import { downloadRepoFile } from "./download-repo-file.js";
import { fetchHubGguf, type HubGgufOutcome } from "./fetch-hub-gguf.js";
import { fetchModelInfo } from "./fetch-model-info.js";
import { fetchSafetensorsCheckpoint, hasSafetensorsCheckpoint, prefetchSafetensorsRequests, unreadableCheckpoint } from "./fetch-safetensors-checkpoint.js";
import { findHfCacheSnapshot } from "./find-hf-cache-snapshot.js";
import { HubError } from "./hub-error.js";
import { MAX_CARD_BYTES, hubTargetDocuments } from "./hub-target-documents.js";
import type { HubRequestOptions } from "./hub-request.js";
import type { HubSettings } from "./hub-settings.js";
import { loadSnapshotDocuments } from "./load-snapshot-documents.js";
import { readSnapshotGgufs, type HubGgufResult } from "./read-snapshot-ggufs.js";

export type { HubGgufResult };
import type { HubModelInfo } from "./model-info.js";
import { isFullSha, repoIdProblem, type RepoRef } from "../targets/parse-repo-id.js";
import type { RetryPolicy } from "./retry-policy.js";
import { selectHubGgufs, type HubGgufModel } from "./select-hub-ggufs.js";

/** The small documents an audit downloads when the repo holds them, with the most it reads of each. */
const DOCUMENTS: Readonly<Record<string, number>> = { "config.json": MAX_CONFIG_BYTES, "README.md": MAX_CARD_BYTES, "adapter_config.json": MAX_CONFIG_BYTES };
/** The repo's `.eval_results/*.yaml` (benchmark scores, rule MC313), in name order: a few small files. */
function evalResultsPaths(files: readonly string[]): string[] {
  const prefix = `${EVAL_RESULTS_FOLDER}/`;
  return files
    .filter((f) => f.startsWith(prefix) && !f.slice(prefix.length).includes("/") && isEvalResultsFile(f.slice(prefix.length)))
    .sort()
    .slice(0, MAX_EVAL_RESULTS_FILES);
}

/** A PEFT adapter's weights, read when the repo has no model checkpoint. */
const ADAPTER_WEIGHTS = "adapter_model.safetensors";

export interface HubAudit {
  documents: TargetDocuments;
  /** The commit every document came from. */
  sha: string;
  /** "cache" when the documents came from huggingface_hub's download cache. */
  kind: "hub" | "cache";
  /** Where the documents came from, for --debug and tests. */
  from: "hub" | "document-cache" | "hf-cache";
  /** Requests this audit sent (0 for cache hits). */
  requests: number;
  /** The GGUF models read (or that could not be), in path order; empty for a repo without GGUF files. */
  ggufs: HubGgufResult[];
  /** GGUF models of the repo left unread (over the default cap; see select-hub-ggufs.ts). */
  ggufNotRead: string[];
  /** True when the repo id carried a GGUF tag (`org/name:Q4_K_M`): only the files it selects are reported. */
  selected: boolean;
  /** Set when a cache answered because the Hub could not be reached (offline by choice leaves it unset): the Hub's error. */
  unreachable?: string;
}


/** Test and bench seams: the underlying fetch, the retry clock, and the header prefetch (on by default). */
export interface HubAuditHooks {
  fetch?: typeof fetch;
  retry?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
  /** false: let parseSafetensorsMetadata make every request itself, one after the other. */
  prefetch?: boolean;
}

/**
 * Read everything modelcheck audits of one Hub repo, pinned to one commit:
 *
 * 1. a full commit sha already in the document cache: no request at all;
 * 2. offline (`HF_HUB_OFFLINE=1`): the document cache, else huggingface_hub's cache, else an error;
 * 3. the model info (1 request): commit sha, file list, gating; then, at that sha and in parallel,
 *    config.json and README.md if the repo holds them, the safetensors headers and the headers of
 *    the GGUF models selected (select-hub-ggufs.ts), all with range reads; a gated repo without a
 *    token stops after the model info with a clear message; GGUF headers a cached commit lacks
 *    (another tag asked for) are read and added to its cache entry;
 * 4. the Hub unreachable after retries: the caches stand in for it.
 *
 * Throws HubError with a one-line message; never a raw library error.
 */
export async function loadHubDocuments(ref: RepoRef, settings: HubSettings, hooks: HubAuditHooks = {}): Promise<HubAudit> {
  const revision = ref.revision ?? settings.revision ?? "main";
  const name = ref.repo.slice(ref.repo.indexOf("/") + 1);
  const { prefetch = true, ...fetchHooks } = hooks;
  let hub: ReturnType<typeof createHubFetch> | null = null;
  const hubFetch = () => (hub ??= createHubFetch({ hubUrl: settings.hubUrl, timeoutMs: settings.timeoutMs, log: settings.log, ...fetchHooks }));
  const requests = () => hub?.stats.requests ?? 0;
  const failureFor = (url: string | undefined) => (url && hub ? hub.failureFor(url) : undefined) ?? hub?.lastFailure();
  /** A cached commit, with the GGUF headers it lacks for this selection read now (or, offline, reported missing). */
  const fromCommit = async (cached: CachedDocuments, from: HubAudit["from"]): Promise<HubAudit> => {
    const missing = missingGgufs(cached, ref.tag);
    if (missing.length === 0) return { ...fromCache(cached, name, from, ref.tag), requests: requests() };
    if (settings.offline) return fromCache(cached, name, from, ref.tag, new HubError("offline", "HF_HUB_OFFLINE is set and modelcheck's cache does not hold this GGUF header"));
    const http = hubFetch();
    http.knowFiles(ref.repo, cached.info.sha, cached.info.files);
    const pinned: HubRequestOptions = { repo: ref.repo, revision: cached.info.sha, hubUrl: settings.hubUrl, accessToken: settings.accessToken, fetch: http.fetch };
    try {
      const read = await Promise.all(missing.map((model) => fetchHubGguf({ ...pinned, model, listed: cached.info.files, failure: failureFor })));
      const ggufs = { ...cached.ggufs };
      missing.forEach((model, i) => (ggufs[model.path] = read[i]!));
      const updated = { ...cached, ggufs };
      writeCachedDocuments(settings.cacheDir, ref.repo, updated, settings.accessToken);
      return { ...fromCache(updated, name, "hub", ref.tag), requests: requests() };
    } catch (error) {
      if (error instanceof HubError && error.transient) return { ...fromCache(cached, name, from, ref.tag, error), requests: requests() };
      throw error;
    }
  };

  if (isFullSha(revision)) {
    const cached = readCachedDocuments(settings.cacheDir, ref.repo, revision, settings.accessToken);
    if (cached) return fromCommit(cached, "document-cache");
  }
  if (settings.offline) return offlineAudit(ref, revision, name, settings, new HubError("offline", "HF_HUB_OFFLINE is set and neither modelcheck's cache nor huggingface_hub's holds this revision"));

  const http = hubFetch();
  const base: HubRequestOptions = { repo: ref.repo, revision, hubUrl: settings.hubUrl, accessToken: settings.accessToken, fetch: http.fetch };
  const fail = (what: string) => (error: unknown) => {
    throw describeHubFailure(error, { repo: ref.repo, revision, what, hasToken: settings.accessToken !== null, hubUrl: settings.hubUrl, failure: failureFor });
  };

  let info: HubModelInfo;
  try {
    info = await fetchModelInfo(base).catch(fail("model info"));
  } catch (error) {
    // An unreachable or overloaded Hub is no reason to fail when a copy of the revision is on disk.
    if (error instanceof HubError && error.transient) return offlineAudit(ref, revision, name, settings, error);
    throw error;
  }
  if (!isFullSha(revision)) writeCachedRef(settings.cacheDir, ref.repo, revision, info.sha);
  // Checked before the cache: an online run without a token says so even if an earlier run with one cached the files.
  if (info.gated && settings.accessToken === null) throw new HubError("gated", "gated: accept the licence on the Hub and set HF_TOKEN");
  const cached = readCachedDocuments(settings.cacheDir, ref.repo, info.sha, settings.accessToken);
  if (cached) return fromCommit(cached, "document-cache");

  // An empty file list means the Hub did not expand `siblings`: then every file is asked for.
  const listed = info.files.length > 0;
  if (listed) http.knowFiles(ref.repo, info.sha, info.files);
  // Before any file is read: an unknown tag fails here, with the tags the repo has.
  const selection = selectHubGgufs(info.files, ref.tag);
  const pinned: HubRequestOptions = { ...base, revision: info.sha };
  const present = (path: string) => !listed || info.files.includes(path);
  const paths = [...Object.keys(DOCUMENTS).filter((path) => present(path) && (path !== "adapter_config.json" || listed)), ...evalResultsPaths(info.files)];
  const checkpointPath = !listed || hasSafetensorsCheckpoint(info.files, info.libraryName) ? undefined : present(ADAPTER_WEIGHTS) ? ADAPTER_WEIGHTS : null;
  if (prefetch && listed && checkpointPath === undefined) prefetchSafetensorsRequests({ ...pinned, files: info.files, libraryName: info.libraryName });
  const settled = await Promise.allSettled([
    ...paths.map((path) => downloadRepoFile({ ...pinned, path, maxBytes: DOCUMENTS[path] ?? MAX_EVAL_RESULTS_BYTES }).catch(fail(path))),
    checkpointPath === null ? Promise.resolve(null) : fetchSafetensorsCheckpoint({ ...pinned, libraryName: info.libraryName, ...(checkpointPath ? { path: checkpointPath } : {}) }).catch((error: unknown) => unreadableCheckpoint(error) ?? fail("safetensors headers")(error)),
    Promise.all(selection.models.map((model) => fetchHubGguf({ ...pinned, model, listed: listed ? info.files : null, failure: failureFor }))),
  ]);
  for (const outcome of settled) {
    if (outcome.status !== "rejected") continue;
    // The Hub gave out halfway: the same commit on disk, if huggingface_hub has it, is as good.
    if (outcome.reason instanceof HubError && outcome.reason.transient) return offlineAudit({ ...ref, revision: info.sha }, info.sha, name, settings, outcome.reason);
    throw outcome.reason;
  }
  const values = settled.map((s) => (s as PromiseFulfilledResult<unknown>).value);
  const ggufOutcomes = values.pop() as HubGgufOutcome[];
  const checkpoint = values.pop() as CachedDocuments["checkpoint"];
  const files: CachedDocuments["files"] = {};
  paths.forEach((path, i) => (files[path] = values[i] as Uint8Array | null));
  // The library reads 404 EntryNotFound as "no such file"; for a file the repo's own list names, it is an inconsistent Hub.
  const vanished = listed ? paths.find((path) => files[path] === null) : undefined;
  if (vanished) throw new HubError("entry-not-found", `${vanished}: file not found in the repo at this revision (listed, but the Hub answers 404 EntryNotFound)`);
  if (checkpoint && info.safetensors && !checkpointPath) checkpoint.reported = { ...checkpoint.reported, total: info.safetensors.total, byDtype: info.safetensors.parameters };
  const ggufs: Record<string, HubGgufOutcome> = {};
  selection.models.forEach((model, i) => (ggufs[model.path] = ggufOutcomes[i]!));
  const fetched: CachedDocuments = { info, files, checkpoint, baseConfig: files["adapter_config.json"] ? await fetchBaseConfig(files["adapter_config.json"], base, settings) : null, ggufs };
  writeCachedDocuments(settings.cacheDir, ref.repo, fetched, settings.accessToken);
  return { ...fromCache(fetched, name, "hub", ref.tag), requests: requests() };
}

/**
 * A PEFT adapter's base model config, from the repo `base_model_name_or_path` names (its default
 * branch). Best-effort: a gated or missing base leaves the adapter counted from its own checkpoint.
 */
async function fetchBaseConfig(adapterBytes: Uint8Array, options: HubRequestOptions, settings: HubSettings): Promise<CachedDocuments["baseConfig"]> {
  let base: unknown;
  try {
    base = (JSON.parse(new TextDecoder().decode(adapterBytes)) as Record<string, unknown>)?.["base_model_name_or_path"];
  } catch {
    return null;
  }
  if (typeof base !== "string" || repoIdProblem(base) !== null) return null;
  try {
    const bytes = await downloadRepoFile({ ...options, repo: base, revision: "main", path: "config.json", maxBytes: MAX_CONFIG_BYTES });
    return bytes ? { source: base, bytes } : null;
  } catch (error) {
    settings.log?.(`hub: the adapter's base model ${base}: config.json not read (${(error as Error).message?.slice(0, 120)})`);
    return null;
  }
}

/** Offline, or the Hub out of reach: modelcheck's cache, then huggingface_hub's; else the original error. */
async function offlineAudit(ref: RepoRef, revision: string, name: string, settings: HubSettings, error: HubError): Promise<HubAudit> {
  const repo = ref.repo;
  const sha = isFullSha(revision) ? revision : readCachedRef(settings.cacheDir, repo, revision);
  const cached = sha ? readCachedDocuments(settings.cacheDir, repo, sha, settings.accessToken) : null;
  const unreachable = error.code === "offline" ? {} : { unreachable: error.message };
  if (cached) return { ...fromCache(cached, name, "document-cache", ref.tag, error), ...unreachable };
  const snapshot = findHfCacheSnapshot(settings.hfHubCache, repo, revision);
  if (snapshot) {
    settings.log?.(`hub: ${repo}@${revision}: ${error.message}; using huggingface_hub's cache (${snapshot.path})`);
    const { ggufs, notRead } = await readSnapshotGgufs(snapshot.path, ref.tag);
    return { documents: loadSnapshotDocuments(snapshot.path, repo), sha: snapshot.sha, kind: "cache", from: "hf-cache", requests: 0, ggufs, ggufNotRead: notRead, selected: !!ref.tag, ...unreachable };
  }
  throw error;
}

/** The selected GGUF models a cached commit holds no header (or error) for. */
function missingGgufs(cached: CachedDocuments, tag: string | null | undefined): HubGgufModel[] {
  return selectHubGgufs(cached.info.files, tag).models.filter((model) => !cached.ggufs?.[model.path]);
}

/**
 * The audit of a commit as fetched or cached. GGUF models the cache lacks (offline, or the Hub
 * out of reach while reading them) are reported as not read, with `missing` as the reason.
 */
function fromCache(cached: CachedDocuments, name: string, from: HubAudit["from"], tag: string | null | undefined, missing?: HubError): HubAudit {
  const selection = selectHubGgufs(cached.info.files, tag);
  const total = cached.info.gguf?.total ?? null;
  const ggufs: HubGgufResult[] = selection.models.map((model) => {
    const outcome = cached.ggufs?.[model.path];
    if (outcome && "gguf" in outcome) return { path: model.path, gguf: total !== null ? { ...outcome.gguf, reported: { total } } : outcome.gguf, error: null };
    if (outcome) return { path: model.path, gguf: null, error: outcome.error };
    return { path: model.path, gguf: null, error: { code: missing?.code ?? "offline", message: `header not read: ${missing?.message ?? "not in modelcheck's cache"}` } };
  });
  return { documents: hubTargetDocuments(cached, name), sha: cached.info.sha, kind: "hub", from, requests: 0, ggufs, ggufNotRead: selection.notRead, selected: !!tag };
}
