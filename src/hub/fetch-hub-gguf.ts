import { SourceError } from "../errors.js";
import { mergeGgufShards, readRemoteGguf, type LoadedGguf } from "../sources/read-gguf-header.js";
import { describeHubFailure } from "./describe-hub-failure.js";
import type { FailureInfo } from "./create-hub-fetch.js";
import { HubError } from "./hub-error.js";
import type { HubRequestOptions } from "./hub-request.js";
import type { HubGgufModel } from "./select-hub-ggufs.js";

/**
 * One GGUF model of a Hub repo, read at the pinned commit: the header of each file (every shard of
 * a split model) through range reads of `{hubUrl}/{repo}/resolve/{sha}/{path}` that never reach the
 * tensor data (read-gguf-header.ts), sent through the audit's fetch — so the token goes to the Hub
 * only (the LFS redirect leads to a CDN on another origin), with retries, timeouts and the memo.
 *
 * What cannot be read is an outcome, not an exception — a hostile or truncated header, a shard the
 * repo lacks, a 404 — so the repo's other files are still reported. Only transient failures (the
 * Hub out of reach after retries) are thrown, for the audit to fall back to its caches.
 */
export type HubGgufOutcome = { gguf: LoadedGguf } | { error: { code: string; message: string } };

export async function fetchHubGguf(
  options: HubRequestOptions & {
    model: HubGgufModel;
    /** The repo's files at the commit, when the model info listed them. */
    listed: readonly string[] | null;
    /** What the audit's fetch saw for a failed URL (HubApiError-like errors keep no headers). */
    failure: (url: string | undefined) => FailureInfo | undefined;
  },
): Promise<HubGgufOutcome> {
  const { model } = options;
  const missing = options.listed ? model.shards.find((shard) => !options.listed!.includes(shard)) : undefined;
  if (missing) return failed(model, new HubError("entry-not-found", `${missing}: not in the repo at this revision (the split model ${model.path} has ${model.shards.length} shards)`));
  try {
    const shards = await Promise.all(model.shards.map((shard) => readShard(options, shard)));
    return { gguf: shards.length === 1 ? shards[0]! : mergeGgufShards(shards, model.path) };
  } catch (error) {
    if (error instanceof HubError && error.transient) throw error;
    return failed(model, error);
  }
}

async function readShard(options: HubRequestOptions & { failure: (url: string | undefined) => FailureInfo | undefined }, path: string): Promise<LoadedGguf> {
  const url = `${options.hubUrl}/${options.repo}/resolve/${encodeURIComponent(options.revision)}/${path.split("/").map(encodeURIComponent).join("/")}`;
  // An error status becomes the error @huggingface/hub would throw, so describeHubFailure reads it the same way (X-Error-Code included).
  const checked: typeof fetch = async (input, init) => {
    const response = await options.fetch(input, init);
    if (response.status >= 400) {
      await response.body?.cancel().catch(() => undefined);
      throw Object.assign(new Error(`HTTP ${response.status}`), { statusCode: response.status, url: String(input) });
    }
    return response;
  };
  try {
    return await readRemoteGguf({ url, fetch: checked, displayPath: path, headers: options.accessToken ? { Authorization: `Bearer ${options.accessToken}` } : {} });
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw describeHubFailure(error, { repo: options.repo, revision: options.revision, what: path, hasToken: options.accessToken !== null, hubUrl: options.hubUrl, failure: options.failure });
  }
}

/** The failure as an outcome; its message without the model's own path, which the result's target names. */
function failed(model: HubGgufModel, error: unknown): HubGgufOutcome {
  const code = error instanceof SourceError ? error.code : "internal";
  const message = error instanceof Error ? error.message : String(error);
  const prefix = `${model.path}: `;
  return { error: { code, message: message.startsWith(prefix) ? message.slice(prefix.length) : message } };
}
