/**
 * Is a parsed cache entry of the shape document-cache.ts writes? A file edited by hand, written by
 * another version or damaged on disk must be a cache miss (refetched), never a crash later on.
 * The checks are structural only: the documents themselves are validated when they are read.
 */
export function isStoredEntryShape(entry: unknown, format: number, repo: string, sha: string): boolean {
  if (!isRecord(entry) || entry.format !== format || entry.repo !== repo || entry.sha !== sha) return false;
  if (entry.identity !== undefined && entry.identity !== null && typeof entry.identity !== "string") return false;
  if (!isInfo(entry.info, sha)) return false;
  if (!isRecord(entry.files) || !Object.values(entry.files).every((v) => v === null || typeof v === "string")) return false;
  if (entry.baseConfig != null && !(isRecord(entry.baseConfig) && typeof entry.baseConfig.source === "string" && typeof entry.baseConfig.bytes === "string")) return false;
  if (entry.checkpoint !== null && !isCheckpoint(entry.checkpoint)) return false;
  if (entry.ggufs !== undefined && !(isRecord(entry.ggufs) && Object.values(entry.ggufs).every(isGgufOutcome))) return false;
  return true;
}

function isInfo(info: unknown, sha: string): boolean {
  if (!isRecord(info) || info.sha !== sha || typeof info.repo !== "string" || typeof info.private !== "boolean") return false;
  if (!(info.gated === false || info.gated === "auto" || info.gated === "manual")) return false;
  if (!isStringArray(info.files) || !isStringArray(info.tags)) return false;
  if (!(info.libraryName === null || typeof info.libraryName === "string") || !(info.pipelineTag === null || typeof info.pipelineTag === "string")) return false;
  if (!(info.cardData === null || isRecord(info.cardData))) return false;
  if (info.gguf != null && !isRecord(info.gguf)) return false;
  if (info.safetensors !== null && !(isRecord(info.safetensors) && isCount(info.safetensors.total) && isRecord(info.safetensors.parameters))) return false;
  return true;
}

function isCheckpoint(c: unknown): boolean {
  if (!isRecord(c) || !isStringArray(c.files) || !isStringArray(c.tensorFiles) || !Array.isArray(c.tensors)) return false;
  if (!isRecord(c.document) || typeof c.document.path !== "string" || typeof c.document.text !== "string") return false;
  if (c.problems !== undefined && !Array.isArray(c.problems)) return false;
  const fileCount = c.tensorFiles.length;
  return c.tensors.every(
    (t) => Array.isArray(t) && t.length === 4 && typeof t[0] === "string" && typeof t[1] === "string" && Array.isArray(t[2]) && t[2].every(isCount) && Number.isInteger(t[3]) && t[3] >= 0 && t[3] < fileCount,
  );
}

function isGgufOutcome(o: unknown): boolean {
  if (!isRecord(o)) return false;
  if (isRecord(o.error)) return typeof o.error.code === "string" && typeof o.error.message === "string";
  const g = o.gguf;
  return (
    isRecord(g) &&
    typeof g.path === "string" &&
    isRecord(g.metadata) &&
    isStringArray(g.files) &&
    Array.isArray(g.tensors) &&
    g.tensors.every((t) => Array.isArray(t) && typeof t[0] === "string" && Array.isArray(t[1]) && t[1].every(isCount) && typeof t[2] === "string")
  );
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");
const isCount = (v: unknown): boolean => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
