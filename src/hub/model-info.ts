import { HubError } from "./hub-error.js";

/**
 * What modelcheck uses of a repo's model info (`GET /api/models/{repo}/revision/{rev}`), in the
 * project's spelling. The wire names (`pipeline_tag`, `library_name`, `siblings[].rfilename`)
 * are converted once, here.
 */
export interface HubModelInfo {
  /** `org/name` as the Hub spells it. */
  repo: string;
  /** The commit the revision resolved to: every later request of the audit is pinned to it. */
  sha: string;
  /** Public even for gated repos, so a missing licence is known before any file is asked for. */
  gated: false | "auto" | "manual";
  private: boolean;
  /** Every file path in the repo at `sha` (`siblings`). */
  files: string[];
  libraryName: string | null;
  pipelineTag: string | null;
  tags: string[];
  /** The card's YAML metadata as the Hub parsed it. */
  cardData: Record<string, unknown> | null;
  /** The Hub's own counts of the stored safetensors elements, per dtype and in total. */
  safetensors: { total: number; parameters: Record<string, number> } | null;
  /**
   * What the Hub read from the repo's GGUF files (`expand=gguf`; huggingface.js's ModelData.gguf:
   * `{ total, architecture?, context_length?, chat_template? }`). `total` is the parameter count the
   * model page shows, from one of the repo's GGUF files. Absent for repos without GGUF files.
   */
  gguf?: { total: number | null; architecture: string | null; contextLength: number | null } | null;
}

/**
 * The fields modelInfo() is asked to expand beyond its defaults (pipeline_tag, private, gated,
 * downloads, likes, lastModified); `filePaths` is the library's name for `expand=siblings`. The
 * library (2.17) does not list `gguf` among its expandable keys but passes any field through.
 */
export const MODEL_INFO_FIELDS = ["safetensors", "cardData", "config", "sha", "filePaths", "tags", "library_name", "gguf"] as const;

/** Convert what @huggingface/hub's modelInfo returns; anything that is not a model info is a malformed response. */
export function toHubModelInfo(entry: Record<string, unknown>): HubModelInfo {
  const sha = entry.sha;
  if (typeof sha !== "string" || !/^[0-9a-f]{40}$/.test(sha)) throw new HubError("malformed-response", "the model info has no commit sha (not a Hub answer?)");
  // The library turns `siblings[].rfilename` into `filePaths`; a sibling without a name becomes undefined.
  const paths = entry.filePaths;
  if (!Array.isArray(paths)) throw new HubError("malformed-response", "the model info has no file list (siblings)");
  const files = paths.filter((p): p is string => typeof p === "string");
  const gated = entry.gated === "auto" || entry.gated === "manual" ? entry.gated : false;
  return {
    repo: typeof entry.name === "string" ? entry.name : "",
    sha,
    gated,
    private: entry.private === true,
    files,
    libraryName: typeof entry.library_name === "string" ? entry.library_name : null,
    pipelineTag: typeof entry.task === "string" ? entry.task : null,
    tags: Array.isArray(entry.tags) ? entry.tags.filter((t): t is string => typeof t === "string") : [],
    cardData: isObject(entry.cardData) ? entry.cardData : null,
    safetensors: readSafetensors(entry.safetensors),
    gguf: readGguf(entry.gguf),
  };
}

function readGguf(value: unknown): HubModelInfo["gguf"] {
  if (!isObject(value)) return null;
  const count = (v: unknown) => (typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? v : null);
  return { total: count(value.total), architecture: typeof value.architecture === "string" ? value.architecture : null, contextLength: count(value.context_length) };
}

function readSafetensors(value: unknown): HubModelInfo["safetensors"] {
  if (!isObject(value) || typeof value.total !== "number" || !isObject(value.parameters)) return null;
  const parameters: Record<string, number> = {};
  for (const [dtype, n] of Object.entries(value.parameters)) if (typeof n === "number") parameters[dtype] = n;
  return { total: value.total, parameters };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
