import { analyzeDocuments, type AnalysisSettings } from "./analyze-documents.js";
import { failedResult } from "./analyze-config-file.js";
import { describeError } from "./errors.js";
import type { HubSettings } from "./hub/hub-settings.js";
import { loadHubDocuments, type HubAuditHooks } from "./hub/load-hub-documents.js";
import type { TargetResult } from "./report.js";
import type { Target } from "./targets/target.js";

/**
 * Audit one Hub repo: load its documents (network, or a cache), then the same pure analysis as a
 * local folder. Never throws: a repo that cannot be read is a failed result with one clear line,
 * and the other targets go on.
 */
export async function analyzeHubTarget(
  target: Target & { hub: NonNullable<Target["hub"]> },
  settings: AnalysisSettings,
  hub: HubSettings,
  hooks?: HubAuditHooks,
  /** Bounds the network part only (--concurrency): the next repo's requests start while this one is analyzed. */
  limit: <T>(work: () => Promise<T>) => Promise<T> = (work) => work(),
): Promise<TargetResult> {
  try {
    const audit = await limit(() => loadHubDocuments(target.hub, hub, hooks));
    hub.log?.(`hub: ${target.input}: commit ${audit.sha} from ${audit.from}${audit.requests ? `, ${audit.requests} requests` : ""}`);
    return analyzeDocuments(audit.documents, { input: target.input, kind: audit.kind, revision: audit.sha }, settings);
  } catch (error) {
    const { code, message } = describeError(error);
    if (code === "internal" && error instanceof Error && error.stack) hub.log?.(redact(error.stack, hub.accessToken));
    return failedResult(target.input, "hub", { code, message: redact(`${target.input}: ${message}`, hub.accessToken) });
  }
}

/**
 * Messages quote what servers say (X-Error-Message, error bodies), and a hostile server could echo
 * the token it was sent: it is cut out of every message, whatever its path here.
 */
function redact(text: string, token: string | null): string {
  return token ? text.split(token).join("hf_***") : text;
}
