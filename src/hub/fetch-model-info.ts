import type { HubRequestOptions } from "./hub-request.js";
import { MODEL_INFO_FIELDS, toHubModelInfo, type HubModelInfo } from "./model-info.js";

/**
 * The repo's model info at a revision: commit sha, file list, gating, the Hub's safetensors
 * counts, card metadata. One request: `GET /api/models/{repo}/revision/{rev}?expand=…`.
 */
export async function fetchModelInfo(options: HubRequestOptions): Promise<HubModelInfo> {
  const { modelInfo } = await import("@huggingface/hub");
  const entry = await modelInfo({
    name: options.repo,
    revision: options.revision,
    hubUrl: options.hubUrl,
    ...(options.accessToken ? { accessToken: options.accessToken } : {}),
    fetch: options.fetch,
    // `gguf` is not in the library's field type (2.17), but it forwards every field to `expand` and back.
    additionalFields: [...MODEL_INFO_FIELDS] as unknown as "safetensors"[],
  });
  return toHubModelInfo(entry as unknown as Record<string, unknown>);
}
