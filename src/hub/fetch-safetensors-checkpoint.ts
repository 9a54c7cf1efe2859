import type { CheckpointTensor, LoadedCheckpoint } from "../sources/checkpoint.js";
import { readHeaderObject, SafetensorsHeaderError } from "../sources/parse-safetensors-header.js";
import { SourceDocument } from "../sources/source-document.js";
import { downloadRepoFile } from "./download-repo-file.js";
import type { HubRequestOptions } from "./hub-request.js";

/** The file names @huggingface/hub looks for, at the root and (for diffusers) under its subfolders. */
export const SAFETENSORS_CANDIDATES: Readonly<Record<string, readonly string[]>> = {
  "": ["model.safetensors", "model.safetensors.index.json"],
  diffusers: [
    "transformer/diffusion_pytorch_model.safetensors",
    "transformer/diffusion_pytorch_model.safetensors.index.json",
    "unet/diffusion_pytorch_model.safetensors",
    "unet/diffusion_pytorch_model.safetensors.index.json",
    "diffusion_pytorch_model.safetensors",
    "diffusion_pytorch_model.safetensors.index.json",
  ],
};

/** True when the repo's file list holds a checkpoint parseSafetensorsMetadata would find. */
export function hasSafetensorsCheckpoint(files: readonly string[], libraryName: string | null): boolean {
  const names = new Set(files);
  const candidates = [...SAFETENSORS_CANDIDATES[""]!, ...(libraryName ? (SAFETENSORS_CANDIDATES[libraryName] ?? []) : [])];
  return candidates.some((c) => names.has(c));
}

/** The library's own caps: a header and a shard count beyond these are refused, so never prefetched. */
const MAX_HEADER_BYTES = 25_000_000;
const MAX_SHARDS = 10_000;

/**
 * Start, alongside config.json, the requests parseSafetensorsMetadata will make one after the other
 * once it has read config.json — the HEAD that finds the checkpoint, the index, and for each file
 * the 8-byte header length and the header — so the audit's memo holds the answers when the library
 * asks. Each is the request the library makes (same method, URL and `Range`, hence the same memo
 * key); its 1-byte probe is cut from the 8-byte read. Nothing past a header is asked for, and
 * failures are left for the library's own requests to report.
 */
export function prefetchSafetensorsRequests(options: HubRequestOptions & { files: readonly string[]; libraryName: string | null }): void {
  const names = new Set(options.files);
  const candidates = [...SAFETENSORS_CANDIDATES[""]!, ...(options.libraryName ? (SAFETENSORS_CANDIDATES[options.libraryName] ?? []) : [])];
  const path = candidates.find((c) => names.has(c));
  if (!path) return;
  const auth: Record<string, string> = options.accessToken ? { Authorization: `Bearer ${options.accessToken}` } : {};
  const revision = encodeURIComponent(options.revision);
  const ignore = () => undefined;
  // fileExists(): a HEAD on the raw URL.
  options.fetch(`${options.hubUrl}/${options.repo}/raw/${revision}/${path}`, { method: "HEAD", headers: auth }).catch(ignore);
  if (!path.endsWith(".index.json")) {
    prefetchHeader(options, path, auth).catch(ignore);
    return;
  }
  const prefix = path.slice(0, path.lastIndexOf("/") + 1);
  downloadRepoFile({ ...options, path })
    .then((bytes) => {
      const map = bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as { weight_map?: Record<string, unknown> }).weight_map : undefined;
      const shards = new Set(Object.values(map ?? {}).filter((f): f is string => typeof f === "string" && /^[\w.-]+\.safetensors$/.test(f) && !f.startsWith(".")));
      if (shards.size > MAX_SHARDS) return;
      for (const shard of shards) prefetchHeader(options, `${prefix}${shard}`, auth).catch(ignore);
    })
    .catch(ignore);
}

/** A file's 8-byte length at the resolve URL, then its header where the library will read it (file-download-info.ts). */
async function prefetchHeader(options: HubRequestOptions, path: string, auth: Record<string, string>): Promise<void> {
  const resolveUrl = `${options.hubUrl}/${options.repo}/resolve/${encodeURIComponent(options.revision)}/${path.split("/").map(encodeURIComponent).join("/")}`;
  const first = await options.fetch(resolveUrl, { headers: { ...auth, Range: "bytes=0-7", Accept: "*/*" } });
  const size = Number(first.headers.get("content-range")?.split("/").pop());
  if (first.status !== 206 || !Number.isFinite(size)) return;
  const bytes = new Uint8Array(await first.arrayBuffer());
  if (bytes.byteLength !== 8) return;
  const length = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  if (length <= 0 || length > MAX_HEADER_BYTES) return;
  const keeps = first.url && (new URL(first.url).origin === new URL(options.hubUrl).origin || first.headers.get("x-cache")?.endsWith(" cloudfront"));
  const url = keeps ? first.url : resolveUrl;
  await (await options.fetch(url, { headers: { ...auth, Range: `bytes=8-${Math.min(8 + length, size) - 1}` } })).arrayBuffer();
}

/**
 * The checkpoint's tensors from its safetensors headers, read with range requests only
 * (@huggingface/hub's parseSafetensorsMetadata: a HEAD per candidate name, then for each file a
 * 1-byte probe, the 8-byte header length and the header). Its `parameterCount` unpacks GPTQ/AWQ,
 * bitsandbytes, compressed-tensors and MXFP4 weights and drops quantization bookkeeping: that is
 * `reported.logical`. Null when the repo has no safetensors checkpoint.
 */
export async function fetchSafetensorsCheckpoint(options: HubRequestOptions & { libraryName: string | null; path?: string }): Promise<LoadedCheckpoint | null> {
  const { parseSafetensorsMetadata } = await import("@huggingface/hub");
  let parsed;
  try {
    parsed = await parseSafetensorsMetadata({
      repo: options.repo,
      revision: options.revision,
      hubUrl: options.hubUrl,
      ...(options.accessToken ? { accessToken: options.accessToken } : {}),
      fetch: options.fetch,
      computeParametersCount: true,
      ...(options.path ? { path: options.path } : {}),
      ...(options.libraryName ? { library: options.libraryName } : {}),
    });
  } catch (error) {
    if (error instanceof Error && error.constructor === Error && /does not seem to contain safetensors weights/.test(error.message)) return null;
    throw error;
  }
  const logical = Object.values(parsed.parameterCount).reduce((a, b) => a + (b ?? 0), 0);
  const tensors: CheckpointTensor[] = [];
  if (!parsed.sharded) {
    const file = parsed.filepaths[0]!;
    const problem = collect(parsed.header, baseName(file), tensors);
    if (problem) return problem;
    return { source: "safetensors", files: [baseName(file)], tensors, document: new SourceDocument(file, "", undefined), reported: { logical } };
  }
  const indexPath = parsed.filepaths[0]!;
  for (const [file, header] of Object.entries(parsed.headers)) {
    const problem = collect(header, file, tensors);
    if (problem) return problem;
  }
  // The library has read the index already; through the audit's memoizing fetch this costs no request.
  const indexBytes = await downloadRepoFile({ ...options, path: indexPath });
  const text = indexBytes ? new TextDecoder().decode(indexBytes) : "";
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  // Shard names sort in shard order (model-00001-of-00002…); the index lists them in tensor-name order.
  return { source: "safetensors", files: Object.keys(parsed.headers).sort(), tensors, document: new SourceDocument(indexPath, text, value), reported: { logical } };
}

/**
 * A shard's header through the same checks as a local file's (parse-safetensors-header.ts; the
 * library checks none: a null dtype or 100 dimensions got through). The file size is unknown
 * remotely, so only the data section's end goes unchecked. A failed check is a fatal checkpoint
 * problem (MC500), as locally.
 */
function collect(header: Record<string, unknown>, file: string, into: CheckpointTensor[]): LoadedCheckpoint | null {
  try {
    for (const tensor of readHeaderObject(header, file, null).tensors) into.push(tensor);
    return null;
  } catch (error) {
    if (!(error instanceof SafetensorsHeaderError)) throw error;
    return { source: "safetensors", files: [file], tensors: [], document: new SourceDocument(file, "", undefined), problems: [{ file, message: error.message, fatal: true }] };
  }
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/**
 * A header that was fetched but cannot be read (malformed, hostile, not JSON) as a checkpoint with
 * a fatal problem, as a local folder reports it: rule MC500 names it and the config, card and
 * other documents are still analyzed. Null for anything else (the network, a missing file), which
 * fails the audit as before.
 */
export function unreadableCheckpoint(error: unknown): LoadedCheckpoint | null {
  const kind = (error as { name?: string } | null)?.name ?? (error as { constructor?: { name?: string } } | null)?.constructor?.name;
  if (kind !== "SafetensorParseError" && kind !== "SafetensorsIndexParseError") return null;
  const message = String((error as Error).message ?? error);
  // "failed to fetch …" is a transport failure (a 404 shard), not a header problem.
  if (/failed to fetch/i.test(message)) return null;
  const parsed = /^Failed to parse file (.+?): (.*)$/s.exec(message);
  const file = parsed ? baseName(parsed[1]!) : "model.safetensors";
  const detail = (parsed ? parsed[2]! : message).slice(0, 300);
  return { source: "safetensors", files: [file], tensors: [], document: new SourceDocument(parsed ? parsed[1]! : file, "", undefined), problems: [{ file, message: detail, fatal: true }] };
}
