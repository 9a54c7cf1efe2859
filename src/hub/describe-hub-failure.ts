import { HubError } from "./hub-error.js";
import type { FailureInfo } from "./create-hub-fetch.js";

export interface FailureContext {
  /** `org/name` */
  repo: string;
  /** The revision as asked for (branch, tag or sha). */
  revision: string;
  /** What was being read: "model info", "config.json", "the safetensors headers", … */
  what: string;
  hasToken: boolean;
  hubUrl: string;
  /** What the audit's fetch saw for the failing URL: HubApiError keeps no headers. */
  failure: (url: string | undefined) => FailureInfo | undefined;
}

/**
 * One clear line for anything thrown while reading a Hub repo, with a stable code. The Hub's
 * `X-Error-Code` decides between look-alikes: a missing repo and a gated one both answer 401 to a
 * request without a token (DESIGN.md "Hub requests"). Messages never hold the token: they are
 * built here from status codes, header codes and clipped server text.
 */
export function describeHubFailure(error: unknown, ctx: FailureContext): HubError {
  if (error instanceof HubError) {
    const message = withNetworkHint(error.code, error.message.includes(ctx.what) ? error.message : `${ctx.what}: ${error.message}`);
    return message === error.message ? error : new HubError(error.code, message, error.transient);
  }
  const e = error as { name?: string; constructor?: { name?: string }; statusCode?: unknown; url?: unknown; message?: unknown };
  const message = typeof e?.message === "string" ? e.message : String(error);
  if (typeof e?.statusCode === "number") return fromStatus(e.statusCode, ctx.failure(typeof e.url === "string" ? e.url : undefined), ctx);
  const kind = e?.name && e.name !== "Error" ? e.name : (e?.constructor?.name ?? "Error");
  if (kind === "SyntaxError") return new HubError("malformed-response", `${ctx.what}: the Hub's answer is not valid JSON (truncated, or not a Hub endpoint?)`);
  const unfetched = /^Failed to parse file (.+?): failed to fetch safetensors/.exec(message);
  if (kind === "SafetensorParseError" && unfetched) return new HubError("entry-not-found", `${ctx.what}: ${clip(unfetched[1]!)}: not found in the repo (404 EntryNotFound)`);
  if (kind === "SafetensorParseError" || kind === "SafetensorsIndexParseError") {
    const detail = clip(message.replace(/^Failed to parse file /, ""));
    const hostile = /too big|too many|unsafe shard|exceeds the maximum/i.test(message);
    return new HubError(hostile ? "hostile-response" : "malformed-response", `${ctx.what}: ${detail}`);
  }
  if (kind === "InvalidApiResponseFormatError") return new HubError("malformed-response", `${ctx.what}: the Hub's answer is malformed (${clip(message)})`);
  if (error instanceof RangeError) return new HubError("malformed-response", `${ctx.what}: ${clip(message)}`);
  return new HubError("hub-error", `${ctx.what}: ${clip(message)}`);
}

function fromStatus(status: number, info: FailureInfo | undefined, ctx: FailureContext): HubError {
  const code = info?.errorCode ?? null;
  const serverMessage = info?.errorMessage ? clip(info.errorMessage) : null;
  if (code === "GatedRepo") {
    return ctx.hasToken
      ? new HubError("gated", `gated: this token's account has not been granted access; accept the licence at ${ctx.hubUrl}/${ctx.repo} (manual approvals can take a while)`)
      : new HubError("gated", "gated: accept the licence on the Hub and set HF_TOKEN");
  }
  if (code === "RevisionNotFound") return new HubError("revision-not-found", `revision "${ctx.revision}" not found`);
  if (code === "EntryNotFound") return new HubError("entry-not-found", `${ctx.what}: file not found in the repo at this revision`);
  if (status === 401 && serverMessage === "Invalid credentials in Authorization header") {
    return new HubError("unauthorized", "the Hub rejected the token (invalid credentials); check HF_TOKEN or the token file");
  }
  if (code === "RepoNotFound" || status === 401 || (status === 404 && ctx.what === "model info")) {
    return new HubError("repo-not-found", ctx.hasToken ? "repository not found (or this token cannot see it)" : "repository not found (if it is private, set HF_TOKEN)");
  }
  if (status === 403) return new HubError("unauthorized", `${ctx.what}: access denied (403${serverMessage ? `: ${serverMessage}` : ""})`);
  if (status === 404) return new HubError("entry-not-found", `${ctx.what}: not found (404)`);
  if (status === 416) return new HubError("malformed-response", `${ctx.what}: the Hub refused a byte range (416)`);
  return new HubError("hub-error", `${ctx.what}: the Hub answered ${status}${serverMessage ? ` (${serverMessage})` : ""}`);
}

/** What a user can do when the Hub is out of reach: work from the caches, or point at a mirror. */
export const NETWORK_HINT = "working offline? HF_HUB_OFFLINE=1 (caches only, no retries); a mirror or proxy: HF_ENDPOINT or --endpoint";

function withNetworkHint(code: string, message: string): string {
  if ((code !== "network" && code !== "timeout") || message.includes(NETWORK_HINT)) return message;
  return `${message}; ${NETWORK_HINT}`;
}

/** Server text is untrusted: one line, printable, short. */
function clip(s: string): string {
  const oneLine = s.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return oneLine.length > 200 ? `${oneLine.slice(0, 197)}...` : oneLine;
}
