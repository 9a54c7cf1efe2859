import type { HubRequestOptions } from "./hub-request.js";

/**
 * The bytes of one small repo file (config.json, README.md, an index), or null when the repo does
 * not hold it. @huggingface/hub probes with `Range: bytes=0-0`, then downloads; `maxBytes` caps
 * what is read of a larger file (a range read), so an oversized file costs at most that.
 */
export async function downloadRepoFile(options: HubRequestOptions & { path: string; maxBytes?: number }): Promise<Uint8Array | null> {
  const { downloadFile } = await import("@huggingface/hub");
  const blob = await downloadFile({
    repo: options.repo,
    path: options.path,
    revision: options.revision,
    hubUrl: options.hubUrl,
    ...(options.accessToken ? { accessToken: options.accessToken } : {}),
    fetch: options.fetch,
    // Plain HTTP: the xet protocol would add a token exchange and a third origin for a few kilobytes.
    xet: false,
  });
  if (!blob) return null;
  // With a cap, read through a range, as parseSafetensorsMetadata reads config.json (`slice(0, 10 MB)`):
  // for any file under the cap both ask `bytes=0-{size-1}`, so the audit's memo answers the second.
  // Without one, the whole file, as the library streams an index.
  const part = options.maxBytes !== undefined ? blob.slice(0, options.maxBytes + 1) : blob;
  return new Uint8Array(await part.arrayBuffer());
}
