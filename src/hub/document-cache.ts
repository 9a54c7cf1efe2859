import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { ensureFolder } from "../output/ensure-folder.js";
import { writeFileAtomic } from "../output/write-atomic.js";
import { dirname, join } from "node:path";
import { isStoredEntryShape } from "./cache-entry-shape.js";
import type { CheckpointTensor, LoadedCheckpoint } from "../sources/checkpoint.js";
import { ggufDocument, type GgufValue, type LoadedGguf } from "../sources/read-gguf-header.js";
import { SourceDocument } from "../sources/source-document.js";
import type { HubGgufOutcome } from "./fetch-hub-gguf.js";
import type { HubModelInfo } from "./model-info.js";

/**
 * modelcheck's cache of fetched Hub documents, keyed by repo and commit sha: what a commit holds
 * never changes, so a re-run at a full sha reads everything from here and makes no request. A
 * branch or tag is resolved again (one model-info request); the documents of the commit it points
 * to then come from here too. Layout, under `$MODELCHECK_CACHE` (else `$XDG_CACHE_HOME/modelcheck`,
 * else `~/.cache/modelcheck`):
 *
 *   hub/models--{org}--{name}/{sha}.json      model info, config.json, README.md, adapter_config.json,
 *                                             safetensors headers, and the GGUF headers read so far
 *                                             (metadata and tensor infos, long arrays as their length:
 *                                             kilobytes, never the vocabulary), or why one could not be
 *   hub/models--{org}--{name}/refs/{rev}      the sha a branch or tag last resolved to (for offline runs)
 *
 * Writes are atomic (temporary file, then rename) and best-effort: a read-only cache only costs
 * requests. Files are 0600 and folders 0700: a private repo's documents are as private as the repo.
 * Nothing secret is stored: documents as the Hub served them, never the token. An entry of a
 * private or gated repo records `identity`, a salted SHA-256 of the token that could read it, and
 * is served only to a run with that same token; any other run asks the Hub (which decides).
 * Entries are validated on read (cache-entry-shape.ts): a damaged or foreign entry is a miss.
 */

/**
 * Bumped whenever an audit starts reading something an older entry lacks, so older entries are
 * misses, not silently incomplete: 2 added `.eval_results/*.yaml`, the GGUF headers, the model
 * info's `gguf` and the checkpoint's problems.
 */
const FORMAT = 2;

export interface CachedDocuments {
  info: HubModelInfo;
  /** Repo path → bytes; null when the repo does not hold the file. */
  files: Record<string, Uint8Array | null>;
  checkpoint: LoadedCheckpoint | null;
  /** A PEFT adapter's base model config.json, from its own repo (`source` = `org/name`). */
  baseConfig?: { source: string; bytes: Uint8Array } | null;
  /** GGUF models read at this commit, by path (the file, or a split model's first shard); grows as other tags are asked for. */
  ggufs?: Record<string, HubGgufOutcome>;
}

/** A GGUF header as stored: tensors as [name, dims, ggml type, offset, bytes]; elements are recomputed. */
interface StoredGguf {
  path: string;
  version: number;
  metadata: Record<string, GgufValue>;
  tensors: [string, number[], string, number, number | null][];
  dataOffset: number;
  fileBytes: number | null;
  complete: boolean;
  files: string[];
}

interface StoredEntry {
  format: number;
  /** Who may read a private or gated repo's entry (see accessIdentity); null for public repos. */
  identity?: string | null;
  repo: string;
  sha: string;
  info: HubModelInfo;
  files: Record<string, string | null>;
  baseConfig: { source: string; bytes: string } | null;
  checkpoint: null | {
    source: LoadedCheckpoint["source"];
    files: string[];
    /** The distinct files tensors live in, referred to by index below. */
    tensorFiles: string[];
    /** [name, dtype, shape, index into tensorFiles] */
    tensors: [string, string, number[], number][];
    document: { path: string; text: string };
    reported: LoadedCheckpoint["reported"] | null;
    /** Headers that could not be read (MC500); absent in entries written before they were kept. */
    problems?: LoadedCheckpoint["problems"];
  };
  ggufs?: Record<string, { gguf: StoredGguf } | { error: { code: string; message: string } }>;
}

export function repoFolder(cacheDir: string, repo: string): string {
  return join(cacheDir, "hub", `models--${repo.replace("/", "--")}`);
}

/**
 * Who holds a token, without storing it: SHA-256 of a fixed salt and the token (tokens are long
 * random strings, so the digest reveals nothing usable). null without a token.
 */
export function accessIdentity(accessToken: string | null | undefined): string | null {
  return accessToken ? createHash("sha256").update(`modelcheck-document-cache\u0000${accessToken}`).digest("hex") : null;
}

/**
 * The cached documents of a commit, or null: missing, unreadable, of the wrong shape, or of a
 * private or gated repo stored for another token than `accessToken`.
 */
export function readCachedDocuments(cacheDir: string, repo: string, sha: string, accessToken: string | null = null): CachedDocuments | null {
  let entry: StoredEntry;
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(repoFolder(cacheDir, repo), `${sha}.json`), "utf8"));
    if (!isStoredEntryShape(parsed, FORMAT, repo, sha)) return null;
    entry = parsed as StoredEntry;
  } catch {
    return null;
  }
  const restricted = entry.info.private || entry.info.gated !== false;
  if (restricted && (!entry.identity || entry.identity !== accessIdentity(accessToken))) return null;
  try {
    return restoreEntry(entry);
  } catch {
    return null;
  }
}

function restoreEntry(entry: StoredEntry): CachedDocuments {
  const files: Record<string, Uint8Array | null> = {};
  for (const [path, data] of Object.entries(entry.files ?? {})) files[path] = data === null ? null : Buffer.from(data, "base64");
  const baseConfig = entry.baseConfig ? { source: entry.baseConfig.source, bytes: Buffer.from(entry.baseConfig.bytes, "base64") } : null;
  const ggufs: Record<string, HubGgufOutcome> = {};
  for (const [path, stored] of Object.entries(entry.ggufs ?? {})) ggufs[path] = "gguf" in stored ? { gguf: restoreGguf(stored.gguf) } : stored;
  return { info: entry.info, files, checkpoint: entry.checkpoint ? restoreCheckpoint(entry.checkpoint) : null, baseConfig, ggufs };
}

export function writeCachedDocuments(cacheDir: string, repo: string, documents: CachedDocuments, accessToken: string | null = null): void {
  const restricted = documents.info.private || documents.info.gated !== false;
  const identity = restricted ? accessIdentity(accessToken) : null;
  // A private or gated repo read without a token (a misbehaving server): nothing to bind it to, so not cached.
  if (restricted && !identity) return;
  const files: Record<string, string | null> = {};
  for (const [path, bytes] of Object.entries(documents.files)) files[path] = bytes === null ? null : Buffer.from(bytes).toString("base64");
  const baseConfig = documents.baseConfig ? { source: documents.baseConfig.source, bytes: Buffer.from(documents.baseConfig.bytes).toString("base64") } : null;
  const ggufs: NonNullable<StoredEntry["ggufs"]> = {};
  for (const [path, outcome] of Object.entries(documents.ggufs ?? {})) ggufs[path] = "gguf" in outcome ? { gguf: storeGguf(outcome.gguf) } : outcome;
  const entry: StoredEntry = { format: FORMAT, identity, repo, sha: documents.info.sha, info: documents.info, files, baseConfig, checkpoint: documents.checkpoint ? storeCheckpoint(documents.checkpoint) : null, ggufs };
  writeAtomic(join(repoFolder(cacheDir, repo), `${documents.info.sha}.json`), JSON.stringify(entry));
}

/** The sha a branch or tag last resolved to; used only when the Hub cannot be asked. */
export function readCachedRef(cacheDir: string, repo: string, revision: string): string | null {
  try {
    const sha = readFileSync(join(repoFolder(cacheDir, repo), "refs", encodeURIComponent(revision)), "utf8").trim();
    return /^[0-9a-f]{40}$/.test(sha) ? sha : null;
  } catch {
    return null;
  }
}

export function writeCachedRef(cacheDir: string, repo: string, revision: string, sha: string): void {
  writeAtomic(join(repoFolder(cacheDir, repo), "refs", encodeURIComponent(revision)), sha);
}

function writeAtomic(path: string, text: string): void {
  try {
    ensureFolder(dirname(path), 0o700);
    // No fsync: a lost entry after a power cut is a miss, and a torn one is invalid JSON (a miss too).
    writeFileAtomic(path, text, { mode: 0o600, sync: false });
  } catch {
    // Best-effort: an unwritable cache only means the next run asks the Hub again.
  }
}

function storeCheckpoint(checkpoint: LoadedCheckpoint): NonNullable<StoredEntry["checkpoint"]> {
  const index = new Map<string, number>();
  const tensorFiles: string[] = [];
  const tensors: [string, string, number[], number][] = checkpoint.tensors.map((t) => {
    let i = index.get(t.file);
    if (i === undefined) {
      i = tensorFiles.push(t.file) - 1;
      index.set(t.file, i);
    }
    return [t.name, t.dtype, t.shape, i];
  });
  return {
    source: checkpoint.source,
    files: [...checkpoint.files],
    tensorFiles,
    tensors,
    document: { path: checkpoint.document.path, text: checkpoint.document.text },
    reported: checkpoint.reported ?? null,
    ...(checkpoint.problems?.length ? { problems: checkpoint.problems } : {}),
  };
}

function restoreCheckpoint(stored: NonNullable<StoredEntry["checkpoint"]>): LoadedCheckpoint {
  const tensors: CheckpointTensor[] = stored.tensors.map(([name, dtype, shape, i]) => ({ name, dtype, shape, file: stored.tensorFiles[i]! }));
  let value: unknown;
  try {
    value = stored.document.text ? JSON.parse(stored.document.text) : undefined;
  } catch {
    value = undefined;
  }
  return {
    source: stored.source,
    files: stored.files,
    tensors,
    document: new SourceDocument(stored.document.path, stored.document.text, value),
    ...(stored.reported ? { reported: stored.reported } : {}),
    ...(stored.problems?.length ? { problems: stored.problems } : {}),
  };
}

function storeGguf(gguf: LoadedGguf): StoredGguf {
  return {
    path: gguf.document.path,
    version: gguf.version,
    metadata: gguf.metadata,
    tensors: gguf.tensors.map((t) => [t.name, t.dims, t.type, t.offset, t.bytes]),
    dataOffset: gguf.dataOffset,
    fileBytes: gguf.fileBytes,
    complete: gguf.complete,
    files: gguf.files,
  };
}

function restoreGguf(stored: StoredGguf): LoadedGguf {
  return {
    document: ggufDocument(stored.path),
    version: stored.version,
    metadata: stored.metadata,
    tensors: stored.tensors.map(([name, dims, type, offset, bytes]) => ({ name, dims, type, elements: dims.reduce((a, b) => a * b, 1), bytes, offset })),
    dataOffset: stored.dataOffset,
    fileBytes: stored.fileBytes,
    complete: stored.complete,
    files: stored.files,
  };
}
