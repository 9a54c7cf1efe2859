import { analyzeDocuments, type AnalysisSettings } from "./analyze-documents.js";
import { failedResult } from "./analyze-config-file.js";
import { dropRepeatedFindings } from "./drop-repeated-findings.js";
import { describeError } from "../errors.js";
import type { HubSettings } from "../hub/hub-settings.js";
import { loadHubDocuments, type HubAudit, type HubAuditHooks } from "../hub/load-hub-documents.js";
import type { TargetResult } from "./report.js";
import { GGUF_SHARD } from "../sources/read-gguf-header.js";
import type { TargetDocuments } from "../sources/target-documents.js";
import type { Target } from "../targets/target.js";

/**
 * Audit one Hub repo: load its documents (network, or a cache), then the same pure analysis as a
 * local folder. Never throws: a repo that cannot be read is a failed result with one clear line,
 * and the other targets go on.
 *
 * A repo with GGUF files gives, as a local folder does (analyze-gguf.ts), one result per GGUF model
 * (kind "gguf", target `org/name/<path>`, the repo's config.json reconciled against it) after the
 * repo's own result. The repo's own result (config.json, model card, safetensors) is left out when
 * a tag selected files (`org/name:Q4_K_M`, like a local .gguf path) and when the repo holds nothing
 * else to check; it carries the note (MC510) on GGUF models left unread.
 */
export async function analyzeHubTarget(
  target: Target & { hub: NonNullable<Target["hub"]> },
  settings: AnalysisSettings,
  hub: HubSettings,
  hooks?: HubAuditHooks,
  /** Bounds the network part only (--concurrency): the next repo's requests start while this one is analyzed. */
  limit: <T>(work: () => Promise<T>) => Promise<T> = (work) => work(),
): Promise<TargetResult[]> {
  let audit: HubAudit;
  try {
    audit = await limit(() => loadHubDocuments(target.hub, hub, hooks));
  } catch (error) {
    const { code, message } = describeError(error);
    if (code === "internal" && error instanceof Error && error.stack) hub.log?.(redact(error.stack, hub.accessToken));
    return [failedResult(target.input, "hub", { code, message: redact(`${target.input}: ${message}`, hub.accessToken) })];
  }
  hub.log?.(`hub: ${target.input}: commit ${audit.sha} from ${audit.from}${audit.requests ? `, ${audit.requests} requests` : ""}`);
  const { repo } = target.hub;
  const documents: TargetDocuments = audit.ggufNotRead.length ? { ...audit.documents, ggufNotRead: { files: audit.ggufNotRead, repo } } : audit.documents;
  const results: TargetResult[] = [];
  if (!audit.selected && (audit.ggufs.length === 0 || hasOwnDocuments(documents))) {
    results.push(analyzeDocuments(documents, { input: target.input, kind: audit.kind, revision: audit.sha }, settings));
  }
  const repoResults = [...results];
  for (const g of audit.ggufs) {
    const input = `${repo}/${g.path}`;
    if (!g.gguf) {
      results.push({ ...failedResult(input, "gguf", { code: g.error!.code, message: redact(`${input}: ${g.error!.message}`, hub.accessToken) }), revision: audit.sha });
      continue;
    }
    const name = g.path.slice(g.path.lastIndexOf("/") + 1).replace(GGUF_SHARD, "$<prefix>").replace(/\.gguf$/i, "");
    // The config's own findings are the repo result's already.
    results.push(dropRepeatedFindings(analyzeDocuments({ config: audit.documents.config, name, gguf: g.gguf }, { input, kind: "gguf", revision: audit.sha }, settings), repoResults));
  }
  // Served without the Hub (offline, or out of reach): every result of the repo says so, never silently.
  if (audit.from === "hub" || (audit.unreachable === undefined && !hub.offline)) return results;
  const mark = audit.unreachable === undefined ? { fromCache: true as const } : { fromCache: true as const, cacheReason: redact(audit.unreachable, hub.accessToken) };
  return results.map((r) => ({ ...r, ...mark }));
}

/** Whether the repo's own result has something to check besides its GGUF files. */
function hasOwnDocuments(documents: TargetDocuments): boolean {
  return !!(documents.config || documents.card || documents.checkpoint || documents.adapter || documents.unreadWeights?.length || documents.ggufNotRead);
}

/**
 * Messages quote what servers say (X-Error-Message, error bodies), and a hostile server could echo
 * the token it was sent: it is cut out of every message, whatever its path here.
 */
function redact(text: string, token: string | null): string {
  return token ? text.split(token).join("hf_***") : text;
}
