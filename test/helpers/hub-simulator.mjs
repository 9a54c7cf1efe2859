/**
 * A local Hugging Face Hub for tests and benchmarks: two HTTP servers on 127.0.0.1 (the Hub, and a
 * CDN on another origin), serving the repos under fixtures/hub/ with the live Hub's wire format as
 * huggingface_hub and @huggingface/hub meet it (DESIGN.md "Hub requests"):
 *
 * - `GET /api/models/{repo}/revision/{rev}?expand=…`: the model info, projected on the requested
 *   `expand` fields plus `_id` and `id`; public even for gated repos.
 * - `GET|HEAD /{repo}/resolve/{rev}/{path}`: small (git) files answer a relative 307 to
 *   `/api/resolve-cache/models/{repo}/{sha}/{path}?…&etag=…`, LFS files a 302 to the CDN with
 *   `X-Linked-Size`, `X-Linked-Etag` (sha256), `X-Repo-Commit`, `X-Xet-Hash` and xet `Link`s.
 * - `HEAD /{repo}/raw/{rev}/{path}`: 200 (for LFS files, the pointer file).
 * - The CDN serves byte ranges (206 + `Content-Range`) of signed URLs; `X-Cache: Hit from
 *   cloudfront` unless `cdnXCache: false`.
 * - Errors as the live Hub sends them: a missing repo 401 (`X-Error-Message: Invalid username or
 *   password.`, no code) without a token and 404 `RepoNotFound` with one; gated files 401/403
 *   `GatedRepo`; missing files 404 `EntryNotFound` with `X-Repo-Commit`; bad revisions 404
 *   `RevisionNotFound` (`Invalid rev id: …`); a rejected token 401 `Invalid credentials in
 *   Authorization header`.
 *
 * Safetensors files are served from headers built from tensors.json: the bytes after the header
 * (weights) are zeros, and every byte of them served is counted in `stats.weightBytes`. Requests
 * reaching the CDN with an `Authorization` header are counted in `stats.cdnAuthorization`.
 * `faults` inject 429s, 5xx and resets; `latencyMs` delays every answer.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSafetensorsHeader } from "./safetensors-header.mjs";

export const FIXTURES = join(fileURLToPath(new URL(".", import.meta.url)), "..", "..", "fixtures", "hub");

/** Load one repo fixture: model info, served files, safetensors headers built from tensors.json. */
export function loadRepoFixture(dir) {
  const info = JSON.parse(readFileSync(join(dir, "model-info.json"), "utf8"));
  const files = new Map();
  for (const name of readdirSync(dir)) {
    if (name === "model-info.json" || name === "tensors.json" || name.startsWith("recording")) continue;
    const bytes = readFileSync(join(dir, name));
    files.set(name, { bytes, size: bytes.length, lfs: false, etag: gitBlobSha(bytes) });
  }
  const tensorsPath = join(dir, "tensors.json");
  if (existsSync(tensorsPath)) {
    for (const [name, tensors] of Object.entries(JSON.parse(readFileSync(tensorsPath, "utf8")))) {
      const { bytes, fileSize } = buildSafetensorsHeader(tensors);
      files.set(name, { bytes, size: fileSize, lfs: true, etag: createHash("sha256").update(name).update(info.sha).digest("hex") });
    }
  }
  for (const { rfilename } of info.siblings) {
    // Files the fixture lists but does not hold (tokenizers, .bin weights): small placeholders, never asked for by modelcheck.
    if (!files.has(rfilename)) {
      const lfs = /\.(bin|pth|h5|msgpack|model)$/.test(rfilename);
      files.set(rfilename, { bytes: Buffer.from(""), size: lfs ? 500_000_000 : 0, lfs, etag: gitBlobSha(Buffer.from(rfilename)) });
    }
  }
  return { id: info.id, sha: info.sha, gated: info.gated, private: info.private, info, files };
}

export function loadAllFixtures(root = FIXTURES) {
  return readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => loadRepoFixture(join(root, e.name)));
}

function gitBlobSha(bytes) {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/**
 * Start the simulator. Options: repos (from loadRepoFixture), tokens ({ token: [repo ids it may read] }),
 * latencyMs, cdnXCache, faults ([{ match(req) → bool, times, status, headers, reset }]).
 */
export async function startHubSimulator(options = {}) {
  const repos = new Map((options.repos ?? loadAllFixtures()).map((r) => [r.id, r]));
  const tokens = options.tokens ?? {};
  const latencyMs = options.latencyMs ?? 0;
  // firstRequestAt/lastResponseAt (performance.now()): the span during which the Hub was busy with a client.
  const stats = { requests: 0, bytes: 0, weightBytes: 0, cdnAuthorization: 0, hubRequests: 0, cdnRequests: 0, byRoute: {}, firstRequestAt: null, lastResponseAt: null };
  const exchanges = [];
  let faults = [...(options.faults ?? [])];
  const ctx = { hubUrl: "", cdnUrl: "" };

  const handle = (origin) => async (req, res) => {
    stats.firstRequestAt ??= performance.now();
    const url = new URL(req.url, "http://x");
    const request = { origin, method: req.method, path: url.pathname, search: url.search, query: url.searchParams, headers: req.headers };
    stats.requests++;
    origin === "hub" ? stats.hubRequests++ : stats.cdnRequests++;
    if (origin === "cdn" && req.headers.authorization) stats.cdnAuthorization++;
    if (latencyMs) await new Promise((r) => setTimeout(r, latencyMs));
    const fault = faults.find((f) => f.times > 0 && f.match(request));
    let answer;
    if (fault) {
      fault.times--;
      if (fault.reset) {
        req.socket.destroy();
        exchanges.push({ ...summary(request), status: "reset" });
        return;
      }
      answer = { status: fault.status, headers: { "content-type": "text/plain; charset=utf-8", ...fault.headers }, body: Buffer.from(fault.body ?? "") };
    } else {
      answer = origin === "hub" ? hubAnswer(request) : cdnAnswer(request);
    }
    const route = answer.route ?? "error";
    stats.byRoute[route] = (stats.byRoute[route] ?? 0) + 1;
    const body = req.method === "HEAD" ? Buffer.alloc(0) : answer.body;
    stats.bytes += body.length;
    stats.weightBytes += answer.weightBytes ?? 0;
    exchanges.push({ ...summary(request), at: performance.now(), status: answer.status, route, responseHeaders: answer.headers, body: answer.bodyRef ?? (body.length < 100_000 ? body.toString("utf8") : null) });
    res.writeHead(answer.status, { ...answer.headers, ...(answer.headers["content-length"] === undefined ? { "content-length": String(answer.status === 304 ? 0 : answer.body.length) } : {}) });
    res.end(req.method === "HEAD" ? undefined : body);
    stats.lastResponseAt = performance.now();
  };

  function summary(r) {
    return { origin: r.origin, method: r.method, path: r.path + r.search, range: r.headers.range ?? null, accept: r.headers.accept ?? null, authorization: r.headers.authorization ? "present" : null };
  }

  function tokenOf(r) {
    const header = r.headers.authorization;
    if (!header) return null;
    return header.replace(/^Bearer\s+/i, "");
  }

  function repoAndRest(parts) {
    // /{org}/{name}/… — model repos only.
    return { repoId: `${parts[0]}/${parts[1]}`, rest: parts.slice(2) };
  }

  function jsonAnswer(status, value, headers = {}) {
    return { status, headers: { "content-type": "application/json; charset=utf-8", "x-request-id": requestId(), ...headers }, body: Buffer.from(JSON.stringify(value)) };
  }

  function textAnswer(status, text, headers = {}) {
    return { status, headers: { "content-type": "text/plain; charset=utf-8", "x-request-id": requestId(), ...headers }, body: Buffer.from(text) };
  }

  /** Access to a repo for a request: null when allowed, else the error answer (API flavour when `api`). */
  function denied(r, repo, api, path) {
    const token = tokenOf(r);
    if (token !== null && !(token in tokens)) return api ? jsonAnswer(401, { error: "Invalid credentials in Authorization header" }, { "x-error-message": "Invalid credentials in Authorization header" }) : textAnswer(401, "Invalid credentials in Authorization header", { "x-error-message": "Invalid credentials in Authorization header" });
    if (!repo || (repo.private && !(tokens[token] ?? []).includes(repo.id))) {
      if (token === null) return api ? jsonAnswer(401, { error: "Invalid username or password." }, { "x-error-message": "Invalid username or password.", "www-authenticate": 'Bearer realm="Authentication required", charset="UTF-8"' }) : textAnswer(401, "Invalid username or password.", { "x-error-message": "Invalid username or password." });
      return api ? jsonAnswer(404, { error: "Repository not found" }, { "x-error-code": "RepoNotFound", "x-error-message": "Repository not found" }) : textAnswer(404, "Repository not found", { "x-error-code": "RepoNotFound", "x-error-message": "Repository not found" });
    }
    if (!api && repo.gated && path !== "README.md" && path !== ".gitattributes" && !(tokens[token] ?? []).includes(repo.id)) {
      if (token === null) {
        const message = `Access to model ${repo.id} is restricted. You must have access to it and be authenticated to access it. Please log in.`;
        return textAnswer(401, message, { "x-error-code": "GatedRepo", "x-error-message": message });
      }
      const message = `Access to model ${repo.id} is restricted and you are not in the authorized list. Visit https://huggingface.co/${repo.id} to ask for access.`;
      return textAnswer(403, message, { "x-error-code": "GatedRepo", "x-error-message": message });
    }
    return null;
  }

  function resolveRevision(repo, rev) {
    if (rev === "main" || rev === "HEAD" || rev === repo.sha) return repo.sha;
    return null;
  }

  function hubAnswer(r) {
    const parts = r.path.split("/").filter(Boolean).map(decodeURIComponent);
    if (parts[0] === "api" && parts[1] === "models" && parts[4] === "revision" && parts.length === 6) {
      const repo = repos.get(`${parts[2]}/${parts[3]}`);
      const no = denied(r, repo, true);
      if (no) return no;
      const sha = resolveRevision(repo, parts[5]);
      if (!sha) return jsonAnswer(404, { error: `Invalid rev id: ${parts[5]}` }, { "x-error-code": "RevisionNotFound", "x-error-message": `Invalid rev id: ${parts[5]}` });
      const expand = r.query.getAll("expand");
      const body = expand.length ? Object.fromEntries([["_id", repo.info._id], ["id", repo.info.id], ...expand.filter((k) => k in repo.info).map((k) => [k, repo.info[k]])]) : repo.info;
      return { ...jsonAnswer(200, body, { etag: `W/"${createHash("sha1").update(JSON.stringify(body)).digest("hex").slice(0, 16)}"`, "access-control-expose-headers": "X-Repo-Commit,X-Request-Id,X-Error-Code,X-Error-Message,X-Total-Count,ETag,Link,Accept-Ranges,Content-Range,X-Linked-Size,X-Linked-ETag,X-Xet-Hash" }), route: "model-info" };
    }
    if (parts[0] === "api" && parts[1] === "resolve-cache" && parts[2] === "models") {
      const repo = repos.get(`${parts[3]}/${parts[4]}`);
      const path = parts.slice(6).join("/");
      const no = denied(r, repo, false, path);
      if (no) return no;
      const file = parts[5] === repo.sha ? repo.files.get(path) : null;
      if (!file || file.lfs) return textAnswer(404, "Entry not found", { "x-error-code": "EntryNotFound", "x-error-message": "Entry not found", "x-repo-commit": repo.sha });
      return { ...rangeAnswer(r, file, { etag: `"${file.etag}"`, "x-repo-commit": repo.sha, "content-type": "text/plain; charset=utf-8" }), route: r.headers.range ? "small-file-range" : "small-file" };
    }
    const { repoId, rest } = repoAndRest(parts);
    const kind = rest[0];
    if (kind !== "resolve" && kind !== "raw") return textAnswer(404, "Not Found");
    const repo = repos.get(repoId);
    const path = rest.slice(2).join("/");
    const no = denied(r, repo, false, path);
    if (no) return no;
    const sha = resolveRevision(repo, rest[1]);
    if (!sha) return textAnswer(404, `Invalid rev id: ${rest[1]}`, { "x-error-code": "RevisionNotFound", "x-error-message": `Invalid rev id: ${rest[1]}` });
    const file = repo.files.get(path);
    if (!file) return textAnswer(404, "Entry not found", { "x-error-code": "EntryNotFound", "x-error-message": "Entry not found", "x-repo-commit": sha });
    const common = { "x-repo-commit": sha, "accept-ranges": "bytes", "access-control-expose-headers": "X-Repo-Commit,X-Request-Id,X-Error-Code,X-Error-Message,X-Total-Count,ETag,Link,Accept-Ranges,Content-Range,X-Linked-Size,X-Linked-ETag,X-Xet-Hash", "x-request-id": requestId() };
    if (kind === "raw") {
      // The raw endpoint serves git content: for LFS files the pointer file.
      const pointer = file.lfs ? Buffer.from(`version https://git-lfs.github.com/spec/v1\noid sha256:${file.etag}\nsize ${file.size}\n`) : file.bytes;
      return { status: 200, headers: { ...common, etag: `"${gitBlobSha(pointer)}"`, "content-type": "text/plain; charset=utf-8", "content-length": String(pointer.length) }, body: pointer, route: "raw" };
    }
    const disposition = `inline; filename*=UTF-8''${encodeURIComponent(path.split("/").pop())}; filename="${path.split("/").pop()}";`;
    if (!file.lfs) {
      const location = `/api/resolve-cache/models/${repo.id}/${sha}/${path}?${encodeURIComponent(`/${repo.id}/resolve/${rest[1]}/${path}`)}=&etag=${encodeURIComponent(`"${file.etag}"`)}`;
      const text = `Temporary Redirect. Redirecting to ${location}`;
      return { status: 307, headers: { ...common, location, "x-linked-etag": `"${file.etag}"`, "content-disposition": disposition, "content-type": "text/plain; charset=utf-8" }, body: Buffer.from(text), route: "resolve-small" };
    }
    const signed = `${ctx.cdnUrl}/repos/${file.etag.slice(0, 2)}/${file.etag.slice(2, 4)}/${file.etag}?response-content-disposition=${encodeURIComponent(disposition)}&Expires=1893456000&Signature=${createHash("sha1").update(file.etag).digest("hex")}&Key-Pair-Id=K3RPWS32NSSJCE`;
    const xet = createHash("sha256").update(`xet ${file.etag}`).digest("hex");
    const text = `Found. Redirecting to ${signed}`;
    return {
      status: 302,
      headers: {
        ...common,
        location: signed,
        "x-linked-size": String(file.size),
        "x-linked-etag": `"${file.etag}"`,
        "x-xet-hash": xet,
        link: `<${ctx.hubUrl}/api/models/${repo.id}/xet-read-token/${sha}>; rel="xet-auth", <https://cas-server.xethub.hf.co/v1/reconstructions/${xet}>; rel="xet-reconstruction-info"`,
        "content-disposition": disposition,
        "content-type": "text/plain; charset=utf-8",
        "cache-control": "no-store",
      },
      body: Buffer.from(text),
      route: "resolve-lfs",
    };
  }

  function cdnAnswer(r) {
    const etag = r.path.split("/").pop();
    let file = null;
    for (const repo of repos.values()) for (const f of repo.files.values()) if (f.lfs && f.etag === etag) file = f;
    if (!file || !r.query.get("Signature")) return { status: 403, headers: { "content-type": "application/xml" }, body: Buffer.from("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Access denied</Message></Error>") };
    const headers = { "content-type": "binary/octet-stream", etag: `"${etag}"`, "accept-ranges": "bytes", "last-modified": "Wed, 01 Jan 2025 00:00:00 GMT", via: "1.1 4f1e8a9c.cloudfront.net (CloudFront)", "x-amz-cf-pop": "AMS58-P1" };
    if (options.cdnXCache !== false) headers["x-cache"] = "Hit from cloudfront";
    return { ...rangeAnswer(r, file, headers), route: r.headers.range ? `cdn-range` : "cdn-whole-file" };
  }

  /** A 206 for a satisfiable `Range: bytes=a-b`, else 200 with the whole file; weight bytes (past the header) are zeros and counted. */
  function rangeAnswer(r, file, headers) {
    const m = /^bytes=(\d+)-(\d*)$/.exec(r.headers.range ?? "");
    const start = m ? Number(m[1]) : 0;
    const end = m ? Math.min(m[2] === "" ? file.size - 1 : Number(m[2]), file.size - 1) : file.size - 1;
    if (m && start >= file.size) return { status: 416, headers: { ...headers, "content-range": `bytes */${file.size}` }, body: Buffer.alloc(0) };
    const length = end - start + 1;
    const body = Buffer.alloc(Math.min(length, 32 * 1024 * 1024));
    file.bytes.copy(body, 0, start, Math.min(file.bytes.length, end + 1));
    const weightBytes = file.lfs ? Math.max(0, end + 1 - Math.max(start, file.bytes.length)) : 0;
    if (m) return { status: 206, headers: { ...headers, "content-range": `bytes ${start}-${end}/${file.size}`, "content-length": String(length) }, body, weightBytes };
    return { status: 200, headers: { ...headers, "content-length": String(body.length) }, body, weightBytes };
  }

  const hubServer = createServer(handle("hub"));
  const cdnServer = createServer(handle("cdn"));
  await Promise.all([new Promise((r) => hubServer.listen(0, "127.0.0.1", r)), new Promise((r) => cdnServer.listen(0, "127.0.0.1", r))]);
  ctx.hubUrl = `http://127.0.0.1:${hubServer.address().port}`;
  ctx.cdnUrl = `http://127.0.0.1:${cdnServer.address().port}`;
  return {
    hubUrl: ctx.hubUrl,
    cdnUrl: ctx.cdnUrl,
    stats,
    exchanges,
    setFaults(next) {
      faults = [...next];
    },
    reset() {
      Object.assign(stats, { requests: 0, bytes: 0, weightBytes: 0, cdnAuthorization: 0, hubRequests: 0, cdnRequests: 0, byRoute: {}, firstRequestAt: null, lastResponseAt: null });
      exchanges.length = 0;
    },
    async close() {
      hubServer.closeAllConnections?.();
      cdnServer.closeAllConnections?.();
      await Promise.all([new Promise((r) => hubServer.close(r)), new Promise((r) => cdnServer.close(r))]);
    },
  };
}

let counter = 0;
function requestId() {
  return `Root=1-6750${(++counter).toString(16).padStart(4, "0")}-0123456789abcdef01234567`;
}
