import { HubError } from "./hub-error.js";
import { backoffDelay, DEFAULT_RETRY, isRetryableStatus, parseRetryAfter, type RetryPolicy } from "./retry-policy.js";

/**
 * The `fetch` every @huggingface/hub call of one audit goes through. It makes up for what the
 * library does not do (DESIGN.md "Hub requests"):
 *
 * - **Token only to the endpoint.** `Authorization` (and cookies) are removed from every request
 *   to another origin. The library resends the token to a CloudFront CDN URL it keeps after a
 *   redirect (`X-Cache: … from cloudfront`), and CDN URLs are signed already.
 * - **Redirects followed here**, hop by hop (`redirect: "manual"`), so the rule above holds on each
 *   hop, `Range` is forwarded, the relative 307 to `/api/resolve-cache/…` works, and a redirect seen
 *   once (resolve → CDN) is not asked again within the audit.
 * - **Timeouts and retries:** each attempt has a deadline covering headers and body; 429 waits for
 *   `Retry-After`, 5xx, timeouts and resets back off exponentially; attempts and total time are
 *   bounded (retry-policy.ts).
 * - **Memoized per audit**, keyed by method, URL and `Range`: `parseSafetensorsMetadata`
 *   downloads `config.json` again, and probes repeat; repeats cost nothing. A range inside one
 *   already read at the same URL (the 1-byte probe after the 8-byte read) is cut from it.
 * - **Siblings skip probes:** once the model info has listed the repo's files, a `resolve`/`raw`
 *   request at the pinned revision for a file that is not there gets a local 404 EntryNotFound.
 * - **Plain HTTP, never Xet:** the xet media type is removed from `Accept`, so the Hub answers
 *   with its ordinary redirect to a CDN that serves byte ranges; the Xet protocol would need a
 *   token exchange and a CAS server (a third origin) to read the same few kilobytes.
 * - **Bounded bodies:** a server that answers a range request with a whole file is cut off, so no
 *   weight bytes are downloaded; every body is capped.
 * - **Never logs the token**; `--debug` lines show CDN URLs without their signed query strings.
 */

export interface HubFetchOptions {
  /** The endpoint; its origin is the only one that receives `Authorization`. */
  hubUrl: string;
  /** Deadline of one attempt (headers and body). */
  timeoutMs: number;
  retry?: Partial<RetryPolicy>;
  /** The underlying fetch (tests pass their own). */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  log?: ((line: string) => void) | null;
}

/** What the Hub said about a failed request, kept because HubApiError keeps no headers. */
export interface FailureInfo {
  status: number;
  /** `X-Error-Code`: RepoNotFound, GatedRepo, RevisionNotFound, EntryNotFound, … */
  errorCode: string | null;
  /** `X-Error-Message`, clipped. */
  errorMessage: string | null;
}

export interface HubFetch {
  fetch: typeof fetch;
  /** Requests actually sent (redirect hops and retries included) and body bytes received. */
  stats: { requests: number; bytes: number; retries: number; memoHits: number; skipped: number };
  /** The last failed response for a URL (the one a HubApiError names), if any. */
  failureFor(url: string): FailureInfo | undefined;
  /** The most recent failure of any request: HEAD probes throw errors without a body to read. */
  lastFailure(): FailureInfo | undefined;
  /** Record the files the repo holds at `revision` (model info's siblings). */
  knowFiles(repo: string, revision: string, files: readonly string[]): void;
}

/** Largest body read for a request with `Range`, when the server ignored it: headers are kilobytes, weights gigabytes. */
const MAX_UNRANGED_BYTES = 16 * 1024 * 1024;
/** Largest body of any response: index files of the largest MoEs are tens of MB. */
const MAX_BODY_BYTES = 256 * 1024 * 1024;
const MAX_REDIRECTS = 10;
const XET_MEDIA_TYPE = "application/vnd.xet-fileinfo+json";
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

interface Snapshot {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer> | null;
  url: string;
}

export function createHubFetch(options: HubFetchOptions): HubFetch {
  const endpoint = new URL(options.hubUrl);
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const baseFetch = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const log = options.log ?? null;
  const memo = new Map<string, Promise<Snapshot>>();
  const ranges = new Map<string, { range: [number, number]; pending: Promise<Snapshot> }[]>();
  const redirects = new Map<string, string>();
  const failures = new Map<string, FailureInfo>();
  let latestFailure: FailureInfo | undefined;
  const known: { prefix: string; files: Set<string> }[] = [];
  const stats = { requests: 0, bytes: 0, retries: 0, memoHits: 0, skipped: 0 };

  async function hubFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    const accept = headers.get("accept");
    if (accept?.includes(XET_MEDIA_TYPE)) {
      const rest = accept.split(",").map((s) => s.trim()).filter((s) => s && !s.startsWith(XET_MEDIA_TYPE));
      headers.set("accept", rest.length ? rest.join(", ") : "*/*");
    }
    const absent = absentFile(url);
    if (absent) {
      stats.skipped++;
      log?.(`hub: ${method} ${shown(url)} → 404 EntryNotFound (not in the repo's file list; not sent)`);
      return toResponse(absent);
    }
    const key = `${method} ${url} ${headers.get("range") ?? ""}`;
    const cached = memo.get(key);
    if (cached) {
      stats.memoHits++;
      return toResponse(await cached);
    }
    const range = method === "GET" ? parseRange(headers.get("range")) : null;
    // Registered before any await, so a caller asking the same thing meanwhile shares this answer.
    const pending = (async () => (range ? await fromCoveringRange(url, range) : null) ?? follow(url, method, headers))();
    memo.set(key, pending);
    if (range) remember(url, range, pending);
    try {
      const snapshot = await pending;
      if (range && snapshot.url !== url) remember(snapshot.url, range, pending);
      if (snapshot.status >= 400) {
        const info = failureInfo(snapshot);
        failures.set(snapshot.url, info);
        failures.set(url, info);
        latestFailure = info;
      }
      return toResponse(snapshot);
    } catch (error) {
      memo.delete(key);
      throw error;
    }
  }

  /** Range reads by URL (the one asked and the one answered after redirects), to serve ranges they contain. */
  function remember(url: string, range: [number, number], pending: Promise<Snapshot>): void {
    const list = ranges.get(url) ?? [];
    list.push({ range, pending });
    ranges.set(url, list);
  }

  /**
   * A range inside one already read (or being read) at the same URL in this audit: the 1-byte probe
   * after the 8-byte read, say. Cut from that answer, with its headers and `Content-Range` adjusted.
   */
  async function fromCoveringRange(url: string, [start, end]: [number, number]): Promise<Snapshot | null> {
    const entry = ranges.get(url)?.find(({ range }) => range[0] <= start && end <= range[1]);
    if (!entry) return null;
    const snapshot = await entry.pending.catch(() => null);
    const held = snapshot?.status === 206 && snapshot.body ? /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header(snapshot, "content-range") ?? "") : null;
    if (!snapshot || !held || Number(held[1]) > start || Number(held[2]) < end) return null;
    const offset = start - Number(held[1]);
    const headers = snapshot.headers.filter(([k]) => !/^content-(range|length)$/i.test(k));
    headers.push(["content-range", `bytes ${start}-${end}/${held[3]}`], ["content-length", String(end - start + 1)]);
    stats.memoHits++;
    return { ...snapshot, headers, body: snapshot.body!.slice(offset, offset + end - start + 1) };
  }

  async function follow(start: string, method: string, headers: Headers): Promise<Snapshot> {
    let current = start;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const remembered = redirects.get(`${method} ${current}`);
      if (remembered) {
        current = remembered;
        continue;
      }
      const snapshot = await attempt(current, method, hopHeaders(headers, current));
      const location = isRedirect(snapshot.status) ? header(snapshot, "location") : null;
      if (location === null) return snapshot;
      let next: string;
      try {
        next = new URL(location, current).href;
      } catch {
        throw new HubError("hostile-response", `the Hub redirected to an invalid URL (${location.slice(0, 80)})`);
      }
      if (!/^https?:$/.test(new URL(next).protocol)) throw new HubError("hostile-response", `the Hub redirected to a non-HTTP URL`);
      redirects.set(`${method} ${current}`, next);
      current = next;
    }
    throw new HubError("hostile-response", `more than ${MAX_REDIRECTS} redirects from ${shown(start)}`);
  }

  /** One hop, with retries. Throws HubError when the attempts or the time budget run out. */
  async function attempt(url: string, method: string, headers: Headers): Promise<Snapshot> {
    const started = Date.now();
    const range = headers.get("range");
    for (let n = 1; ; n++) {
      const t0 = Date.now();
      let failure: HubError;
      let wait: number | null = null;
      try {
        stats.requests++;
        const response = await baseFetch(url, { method, headers, redirect: "manual", signal: AbortSignal.timeout(options.timeoutMs) });
        if (isRetryableStatus(response.status)) {
          await response.body?.cancel().catch(() => undefined);
          const retryAfter = response.status === 429 ? parseRetryAfter(response.headers.get("retry-after")) : null;
          wait = retryAfter;
          failure =
            response.status === 429
              ? new HubError("rate-limited", `rate limited by the Hub (429)${retryAfter !== null ? `; it asks to wait ${Math.ceil(retryAfter / 1000)} s` : ""}`, true)
              : new HubError("server-error", `the Hub answered ${response.status}`, true);
          log?.(`hub: ${method} ${shown(url)}${range ? ` [${range}]` : ""} → ${response.status} (${Date.now() - t0} ms)`);
        } else if (method === "GET" && response.status === 200 && parseRange(range) && response.body) {
          // The server ignored Range and sends the whole file: read only the bytes asked for, then hang up.
          const snapshot = await cutToRange(response, parseRange(range)!, url);
          stats.bytes += snapshot.body?.byteLength ?? 0;
          log?.(`hub: ${method} ${shown(url)} [${range}] → 200 without Range support: cut to ${snapshot.body?.byteLength ?? 0} B (${Date.now() - t0} ms)`);
          return snapshot;
        } else {
          const body = method === "HEAD" || NULL_BODY_STATUS.has(response.status) || isRedirect(response.status) ? null : await readBody(response, range);
          if (body) checkComplete(response, body);
          stats.bytes += body?.byteLength ?? 0;
          log?.(`hub: ${method} ${shown(url)}${range ? ` [${range}]` : ""} → ${response.status}${body ? ` ${body.byteLength} B` : ""} (${Date.now() - t0} ms)`);
          return { status: response.status, statusText: response.statusText, headers: [...response.headers], body, url };
        }
      } catch (error) {
        failure = asHubError(error, options.timeoutMs, url);
        log?.(`hub: ${method} ${shown(url)}${range ? ` [${range}]` : ""} → ${failure.code}: ${failure.message}`);
        if (!failure.transient) throw failure;
      }
      const delay = wait ?? backoffDelay(n, policy, random);
      const elapsed = Date.now() - started;
      if (n >= policy.attempts) throw new HubError(failure.code, `${failure.message} (gave up after ${n} attempts)`, true);
      if (elapsed + delay > policy.budgetMs) throw new HubError(failure.code, `${failure.message} (gave up: waiting ${Math.ceil(delay / 1000)} s more would exceed the ${Math.round(policy.budgetMs / 1000)} s retry budget)`, true);
      stats.retries++;
      log?.(`hub: retrying in ${(delay / 1000).toFixed(1)} s (attempt ${n + 1} of ${policy.attempts})`);
      await sleep(delay);
    }
  }

  function hopHeaders(headers: Headers, url: string): Headers {
    if (new URL(url).origin === endpoint.origin) return headers;
    const foreign = new Headers(headers);
    foreign.delete("authorization");
    foreign.delete("cookie");
    return foreign;
  }

  function absentFile(url: string): Snapshot | null {
    for (const { prefix, files } of known) {
      if (!url.startsWith(prefix)) continue;
      const rest = url.slice(prefix.length).split(/[?#]/)[0]!;
      let path: string;
      try {
        path = rest.split("/").map(decodeURIComponent).join("/");
      } catch {
        return null;
      }
      if (files.has(path)) return null;
      return {
        status: 404,
        statusText: "Not Found",
        headers: [
          ["content-type", "text/plain; charset=utf-8"],
          ["x-error-code", "EntryNotFound"],
          ["x-error-message", "Entry not found"],
        ],
        body: new TextEncoder().encode("Entry not found"),
        url,
      };
    }
    return null;
  }

  function shown(url: string): string {
    const parsed = new URL(url);
    if (parsed.origin === endpoint.origin) return url;
    // Signed CDN URLs grant access to a file for a while: their query strings stay out of logs.
    return `${parsed.origin}${parsed.pathname}${parsed.search ? "?…" : ""}`;
  }

  return {
    fetch: hubFetch as typeof fetch,
    stats,
    failureFor: (url) => failures.get(url),
    lastFailure: () => latestFailure,
    knowFiles(repo, revision, files) {
      const base = endpoint.href.replace(/\/+$/, "");
      const set = new Set(files);
      for (const kind of ["resolve", "raw"]) known.push({ prefix: `${base}/${repo}/${kind}/${encodeURIComponent(revision)}/`, files: set });
    },
  };
}

/** `bytes=a-b` as [a, b]; null for anything else (open ranges, several ranges). */
function parseRange(value: string | null): [number, number] | null {
  const m = value ? /^bytes=(\d+)-(\d+)$/.exec(value) : null;
  return m && Number(m[1]) <= Number(m[2]) ? [Number(m[1]), Number(m[2])] : null;
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function header(snapshot: Snapshot, name: string): string | null {
  for (const [k, v] of snapshot.headers) if (k.toLowerCase() === name) return v;
  return null;
}

function failureInfo(snapshot: Snapshot): FailureInfo {
  const message = header(snapshot, "x-error-message");
  return { status: snapshot.status, errorCode: header(snapshot, "x-error-code"), errorMessage: message === null ? null : message.slice(0, 300) };
}

/** Built once per snapshot: a Headers object is copied into a Response faster than a list of pairs. */
const headersOf = new WeakMap<Snapshot, Headers>();

function toResponse(snapshot: Snapshot): Response {
  // Response copies a BufferSource body (fetch spec, "extract a body"), so the memo's bytes stay untouched.
  const body = snapshot.body === null || NULL_BODY_STATUS.has(snapshot.status) ? null : snapshot.body;
  let headers = headersOf.get(snapshot);
  if (!headers) headersOf.set(snapshot, (headers = new Headers(snapshot.headers)));
  const response = new Response(body, { status: snapshot.status, statusText: snapshot.statusText, headers });
  // The library reads `response.url` to decide where later range reads go (file-download-info.ts).
  Object.defineProperty(response, "url", { value: snapshot.url });
  return response;
}

/**
 * A whole-file answer (200) to `Range: bytes=a-b`, as the 206 the request asked for: the stream is
 * read up to byte b and cancelled, so a server that ignores Range costs b + 1 bytes, not the file.
 */
async function cutToRange(response: Response, [start, end]: [number, number], url: string): Promise<Snapshot> {
  const want = end + 1;
  const reader = response.body!.getReader();
  const body = new Uint8Array(new ArrayBuffer(want));
  let got = 0;
  while (got < want) {
    const { done, value } = await reader.read();
    if (done) break;
    const take = Math.min(value.byteLength, want - got);
    body.set(value.subarray(0, take), got);
    got += take;
  }
  await reader.cancel().catch(() => undefined);
  const bytes = body.slice(Math.min(start, got), got);
  const declared = Number(response.headers.get("content-length") ?? NaN);
  const size = Number.isFinite(declared) ? String(declared) : got < want ? String(got) : "*";
  const headers: [string, string][] = [...response.headers].filter(([k]) => !/^content-(length|range|encoding)$/i.test(k));
  if (bytes.byteLength > 0) headers.push(["content-range", `bytes ${start}-${start + bytes.byteLength - 1}/${size}`]);
  headers.push(["content-length", String(bytes.byteLength)]);
  return bytes.byteLength > 0
    ? { status: 206, statusText: "Partial Content", headers, body: bytes, url }
    : { status: 416, statusText: "Range Not Satisfiable", headers, body: new Uint8Array(0), url };
}

/** Read the whole body under a cap; a range request answered with a whole file is cut off early. */
async function readBody(response: Response, range: string | null): Promise<Uint8Array<ArrayBuffer>> {
  if (!response.body) return new Uint8Array(0);
  const unranged = range !== null && response.status === 200;
  const limit = unranged ? MAX_UNRANGED_BYTES : MAX_BODY_BYTES;
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await response.body.cancel().catch(() => undefined);
    throw tooLarge(declared, unranged);
  }
  // A declared length within the cap: undici itself refuses a body longer than it, so read it whole.
  if (Number.isFinite(declared) && !response.headers.get("content-encoding")) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(total, unranged);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function tooLarge(bytes: number, unranged: boolean): HubError {
  return unranged
    ? new HubError("hostile-response", `the server ignored the byte range asked for and sent a whole file (over ${Math.round(MAX_UNRANGED_BYTES / 1048576)} MiB); modelcheck reads headers only, never weights`)
    : new HubError("hostile-response", `a response of ${bytes} bytes is over the ${Math.round(MAX_BODY_BYTES / 1048576)} MiB limit`);
}

/** A body shorter than the server announced was cut off in transit: worth another attempt. */
function checkComplete(response: Response, body: Uint8Array<ArrayBuffer>): void {
  const encoded = response.headers.get("content-encoding");
  const declared = response.headers.get("content-length");
  if (!encoded && declared !== null && /^\d+$/.test(declared) && Number(declared) !== body.byteLength) {
    throw new HubError("network", `the response was truncated (${body.byteLength} of ${declared} bytes)`, true);
  }
  const range = response.status === 206 ? /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(response.headers.get("content-range") ?? "") : null;
  if (range && Number(range[2]) - Number(range[1]) + 1 !== body.byteLength) {
    throw new HubError("network", `the response was truncated (${body.byteLength} of ${Number(range[2]) - Number(range[1]) + 1} bytes of the range)`, true);
  }
}

/** Thrown fetch and body errors, as HubErrors; `transient` ones are retried. */
function asHubError(error: unknown, timeoutMs: number, url: string): HubError {
  if (error instanceof HubError) return error;
  const name = (error as { name?: string })?.name;
  if (name === "TimeoutError" || name === "AbortError") return new HubError("timeout", `no answer within ${formatSeconds(timeoutMs)} (--timeout)`, true);
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code;
  if (code === "UND_ERR_HEADERS_OVERFLOW") return new HubError("hostile-response", "the response headers are larger than any real Hub response");
  if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT" || code === "ETIMEDOUT") return new HubError("timeout", `no answer within ${formatSeconds(timeoutMs)} (--timeout)`, true);
  const detail = code ?? cause?.message ?? (error as Error)?.message ?? "unknown error";
  return new HubError("network", `cannot reach ${hostOf(url)} (${String(detail).slice(0, 80)})`, true);
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** The host a request went to, for messages; never the path or query (a CDN URL carries a signature). */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "the Hub";
  }
}
