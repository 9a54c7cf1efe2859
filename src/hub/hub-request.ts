/** The one options object every Hub fetcher takes (house style, after @huggingface/hub's own). */
export interface HubRequestOptions {
  /** `org/name`, validated (parse-repo-id.ts). */
  repo: string;
  /** A commit sha once the model info has resolved it; a branch or tag only for the model info itself. */
  revision: string;
  hubUrl: string;
  accessToken: string | null;
  /** The audit's fetch (create-hub-fetch.ts): retries, memo, token kept to the endpoint. */
  fetch: typeof fetch;
}
