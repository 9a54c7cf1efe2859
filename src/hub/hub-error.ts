import { SourceError } from "../errors.js";

/**
 * Stable codes of Hub failures, as they appear in `results[].error.code`. One per thing a user can
 * act on: a typo in the repo id, a licence to accept, a revision that does not exist, a Hub that
 * is down or slow, a repo whose files are broken or hostile.
 */
export type HubErrorCode =
  | "repo-not-found"
  | "gated"
  | "unauthorized"
  | "revision-not-found"
  | "entry-not-found"
  | "rate-limited"
  | "server-error"
  | "timeout"
  | "network"
  | "malformed-response"
  | "hostile-response"
  | "offline"
  | "gguf-tag-not-found"
  | "hub-error";

/** A Hub target that could not be read. The message is one line and never contains the token. */
export class HubError extends SourceError {
  override readonly code: HubErrorCode;
  /** Worth trying again later (rate limits, 5xx, timeouts, resets): a cached copy may stand in. */
  readonly transient: boolean;
  constructor(code: HubErrorCode, message: string, transient = false) {
    super(code, message);
    this.code = code;
    this.transient = transient;
  }
}
