import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHubFetch } from "../../src/hub/create-hub-fetch.js";
import { HubError } from "../../src/hub/hub-error.js";
import { CDN, HUB } from "../helpers/hub-recording.js";

const TOKEN = "hf_secretTestToken1234567890abcdef";
const auth = { authorization: `Bearer ${TOKEN}` };

function hubFetch(options: Partial<Parameters<typeof createHubFetch>[0]> = {}) {
  const waits: number[] = [];
  const lines: string[] = [];
  const hub = createHubFetch({ hubUrl: HUB, timeoutMs: 5_000, sleep: async (ms) => void waits.push(ms), random: () => 0.5, log: (l) => lines.push(l), ...options });
  return { hub, waits, lines };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("the token stays with the endpoint", () => {
  it("follows a 302 to the CDN with Range forwarded and Authorization dropped", async () => {
    const hubScope = nock(HUB, { reqheaders: { ...auth, range: "bytes=0-0" } }).get("/org/m/resolve/main/model.safetensors").reply(302, "Found", { location: `${CDN}/repos/ab/cd/abcd?Signature=s&Expires=1` });
    const cdnScope = nock(CDN, { reqheaders: { range: "bytes=0-0" }, badheaders: ["authorization"] }).get("/repos/ab/cd/abcd?Signature=s&Expires=1").reply(206, "x", { "content-range": "bytes 0-0/100" });
    const { hub } = hubFetch();
    const response = await hub.fetch(`${HUB}/org/m/resolve/main/model.safetensors`, { headers: { ...auth, Range: "bytes=0-0" } });
    expect(response.status).toBe(206);
    // The library keeps response.url for later range reads (file-download-info.ts).
    expect(response.url).toBe(`${CDN}/repos/ab/cd/abcd?Signature=s&Expires=1`);
    expect(hubScope.isDone() && cdnScope.isDone()).toBe(true);
  });

  it("drops Authorization when the library sends it straight to a CloudFront URL it kept (X-Cache … from cloudfront)", async () => {
    // @huggingface/hub 2.17.5 keeps the CDN URL when X-Cache ends in " cloudfront" and resends the token there.
    const cdnScope = nock(CDN, { reqheaders: { range: "bytes=0-7" }, badheaders: ["authorization", "cookie"] }).get("/repos/ab/cd/abcd?Signature=s").reply(206, "12345678", { "content-range": "bytes 0-7/100", "x-cache": "Hit from cloudfront" });
    const { hub } = hubFetch();
    const response = await hub.fetch(`${CDN}/repos/ab/cd/abcd?Signature=s`, { headers: { ...auth, cookie: "token=x", Range: "bytes=0-7" } });
    expect(await response.text()).toBe("12345678");
    expect(cdnScope.isDone()).toBe(true);
  });

  it("keeps Authorization on the live Hub's relative 307 to /api/resolve-cache/…", async () => {
    const location = "/api/resolve-cache/models/org/m/0123456789abcdef0123456789abcdef01234567/config.json?%2Forg%2Fm%2Fresolve%2Fmain%2Fconfig.json=&etag=%22e%22";
    nock(HUB, { reqheaders: { ...auth, range: "bytes=0-0" } }).get("/org/m/resolve/main/config.json").reply(307, "", { location });
    const cached = nock(HUB, { reqheaders: { ...auth, range: "bytes=0-0" } }).get(location).reply(206, "{", { "content-range": "bytes 0-0/2", etag: '"e"' });
    const { hub } = hubFetch();
    const response = await hub.fetch(`${HUB}/org/m/resolve/main/config.json`, { headers: { ...auth, Range: "bytes=0-0" } });
    expect(response.status).toBe(206);
    expect(response.url).toBe(`${HUB}${location}`);
    expect(cached.isDone()).toBe(true);
  });

  it("asks for plain HTTP: the xet media type is removed from Accept", async () => {
    const scope = nock(HUB, { reqheaders: { accept: "*/*" } }).get("/org/m/resolve/main/config.json").reply(200, "{}");
    const { hub } = hubFetch();
    await hub.fetch(`${HUB}/org/m/resolve/main/config.json`, { headers: { Accept: "application/vnd.xet-fileinfo+json, */*" } });
    expect(scope.isDone()).toBe(true);
  });

  it("never writes the token or a CDN signature into --debug lines", async () => {
    nock(HUB).get("/org/m/resolve/main/model.safetensors").reply(302, "", { location: `${CDN}/repos/x?Signature=SECRETSIG` });
    nock(CDN).get("/repos/x?Signature=SECRETSIG").reply(206, "x", { "content-range": "bytes 0-0/10" });
    const { hub, lines } = hubFetch();
    await hub.fetch(`${HUB}/org/m/resolve/main/model.safetensors`, { headers: { ...auth, Range: "bytes=0-0" } });
    expect(lines.length).toBe(2);
    expect(lines.join("\n")).not.toContain(TOKEN);
    expect(lines.join("\n")).not.toContain("SECRETSIG");
    expect(lines[1]).toContain(`${CDN}/repos/x?…`);
  });
});

describe("retries", () => {
  it("waits exactly what Retry-After asks after a 429, then succeeds", async () => {
    nock(HUB).get("/api/models/org/m/revision/main").reply(429, "Too Many Requests", { "retry-after": "3" });
    nock(HUB).get("/api/models/org/m/revision/main").reply(200, { sha: "x" });
    const { hub, waits } = hubFetch();
    const response = await hub.fetch(`${HUB}/api/models/org/m/revision/main`);
    expect(response.status).toBe(200);
    expect(waits).toEqual([3000]);
    expect(hub.stats).toMatchObject({ requests: 2, retries: 1 });
  });

  it("backs off after a 500 and a connection reset, then succeeds", async () => {
    nock(HUB).get("/f").reply(500, "Internal Server Error");
    nock(HUB).get("/f").replyWithError({ code: "ECONNRESET", message: "socket hang up" });
    nock(HUB).get("/f").reply(200, "ok");
    const { hub, waits } = hubFetch({ retry: { baseDelayMs: 100 } });
    expect(await (await hub.fetch(`${HUB}/f`)).text()).toBe("ok");
    // Equal jitter with random() = 0.5: three quarters of 100·2^(n-1).
    expect(waits).toEqual([75, 150]);
  });

  it("gives up after the attempts allowed, with the status in one line", async () => {
    nock(HUB).get("/f").times(3).reply(503, "Service Unavailable");
    const { hub } = hubFetch({ retry: { attempts: 3, baseDelayMs: 1 } });
    const error = await hub.fetch(`${HUB}/f`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect(error).toMatchObject({ code: "server-error", message: "the Hub answered 503 (gave up after 3 attempts)" });
  });

  it("does not wait past the time budget when Retry-After asks for longer", async () => {
    nock(HUB).get("/f").reply(429, "", { "retry-after": "600" });
    const { hub, waits } = hubFetch({ retry: { budgetMs: 60_000 } });
    const error = await hub.fetch(`${HUB}/f`).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "rate-limited" });
    expect((error as Error).message).toMatch(/asks to wait 600 s .*exceed the 60 s retry budget/);
    expect(waits).toEqual([]);
  });

  it("retries a body cut short of its Content-Length", async () => {
    nock(HUB).get("/f").reply(206, "1234", { "content-range": "bytes 0-7/100" });
    nock(HUB).get("/f").reply(206, "12345678", { "content-range": "bytes 0-7/100" });
    const { hub, waits } = hubFetch();
    expect(await (await hub.fetch(`${HUB}/f`, { headers: { Range: "bytes=0-7" } })).text()).toBe("12345678");
    expect(waits.length).toBe(1);
  });
});

describe("timeouts", () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    // Accepts connections and never answers.
    server = createServer(() => undefined);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    nock.enableNetConnect("127.0.0.1");
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    nock.disableNetConnect();
  });

  it("abandons an attempt after --timeout and says so, after the attempts allowed", async () => {
    const hub = createHubFetch({ hubUrl: url, timeoutMs: 50, retry: { attempts: 2, baseDelayMs: 1 } });
    const error = await hub.fetch(`${url}/api/models/org/m/revision/main`).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "timeout", message: "no answer within 0.1 s (--timeout) (gave up after 2 attempts)" });
    expect(hub.stats.requests).toBe(2);
  });
});

describe("audit memo and file list", () => {
  it("answers a repeated request (same URL and Range) from memory", async () => {
    const scope = nock(HUB).get("/org/m/resolve/sha/config.json").reply(200, '{"a":1}');
    const { hub } = hubFetch();
    const first = await (await hub.fetch(`${HUB}/org/m/resolve/sha/config.json`)).text();
    const second = await (await hub.fetch(`${HUB}/org/m/resolve/sha/config.json`)).text();
    expect([first, second]).toEqual(['{"a":1}', '{"a":1}']);
    expect(scope.isDone()).toBe(true);
    expect(hub.stats).toMatchObject({ requests: 1, memoHits: 1 });
  });

  it("cuts a range from one already read at the same URL, before or after its redirect", async () => {
    nock(HUB, { reqheaders: { range: "bytes=0-7" } }).get("/org/m/resolve/sha/model.safetensors").reply(302, "", { location: `${CDN}/repos/x?Signature=s` });
    nock(CDN, { reqheaders: { range: "bytes=0-7" } }).get("/repos/x?Signature=s").reply(206, "ABCDEFGH", { "content-range": "bytes 0-7/1000", etag: '"e"', "x-cache": "Hit from cloudfront" });
    const { hub } = hubFetch();
    await (await hub.fetch(`${HUB}/org/m/resolve/sha/model.safetensors`, { headers: { Range: "bytes=0-7" } })).arrayBuffer();
    const probe = await hub.fetch(`${HUB}/org/m/resolve/sha/model.safetensors`, { headers: { Range: "bytes=0-0" } });
    expect([probe.status, probe.headers.get("content-range"), probe.headers.get("etag"), probe.url, await probe.text()]).toEqual([206, "bytes 0-0/1000", '"e"', `${CDN}/repos/x?Signature=s`, "A"]);
    const atCdn = await hub.fetch(`${CDN}/repos/x?Signature=s`, { headers: { Range: "bytes=2-4" } });
    expect(await atCdn.text()).toBe("CDE");
    expect(hub.stats).toMatchObject({ requests: 2, memoHits: 2 });
    // A range outside what was read goes to the network.
    const beyond = nock(CDN, { reqheaders: { range: "bytes=8-15" } }).get("/repos/x?Signature=s").reply(206, "IJKLMNOP", { "content-range": "bytes 8-15/1000" });
    await hub.fetch(`${CDN}/repos/x?Signature=s`, { headers: { Range: "bytes=8-15" } });
    expect(beyond.isDone()).toBe(true);
  });

  it("shares one request between two callers asking at once", async () => {
    nock(HUB).get("/f").reply(200, "once");
    const { hub } = hubFetch();
    const texts = await Promise.all([hub.fetch(`${HUB}/f`), hub.fetch(`${HUB}/f`)].map(async (p) => (await p).text()));
    expect(texts).toEqual(["once", "once"]);
    expect(hub.stats.requests).toBe(1);
  });

  it("answers 404 EntryNotFound locally for a file the repo does not list, without a request", async () => {
    const { hub } = hubFetch();
    hub.knowFiles("org/m", "0123456789abcdef0123456789abcdef01234567", ["config.json", "model.safetensors.index.json"]);
    const response = await hub.fetch(`${HUB}/org/m/raw/0123456789abcdef0123456789abcdef01234567/model.safetensors`, { method: "HEAD" });
    expect(response.status).toBe(404);
    expect(response.headers.get("x-error-code")).toBe("EntryNotFound");
    expect(hub.stats).toMatchObject({ requests: 0, skipped: 1 });
  });

  it("keeps what the Hub said about a failure (X-Error-Code) for the error message", async () => {
    nock(HUB).head("/org/m/raw/main/model.safetensors").reply(401, "", { "x-error-code": "GatedRepo", "x-error-message": "Access to model org/m is restricted." });
    const { hub } = hubFetch();
    const response = await hub.fetch(`${HUB}/org/m/raw/main/model.safetensors`, { method: "HEAD" });
    expect(response.status).toBe(401);
    expect(hub.failureFor(`${HUB}/org/m/raw/main/model.safetensors`)).toEqual({ status: 401, errorCode: "GatedRepo", errorMessage: "Access to model org/m is restricted." });
  });
});

describe("hostile answers", () => {
  it("cuts a whole-file answer to a range request at the range's size", async () => {
    const file = Buffer.alloc(17 * 1024 * 1024, 7);
    file.write("HEADER..", 0);
    nock(CDN).get("/repos/weights").reply(200, file, { "content-length": String(file.length) });
    const { hub } = hubFetch();
    const response = await hub.fetch(`${CDN}/repos/weights`, { headers: { Range: "bytes=2-5" } });
    // Served as the 206 the request asked for: bytes 2..5 of the file, 4 bytes in all.
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes 2-5/${file.length}`);
    expect(Buffer.from(await response.arrayBuffer()).toString()).toBe("ADER");
    expect(hub.stats.bytes).toBe(4);
  });

  it("hangs up on a streaming server that ignores Range after the bytes asked for (was ~16 MiB per request)", async () => {
    let sent = 0;
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      const chunk = Buffer.alloc(64 * 1024, 1);
      // Up to 256 MiB, as fast as the client takes it; counts what the socket accepted.
      const pump = () => {
        while (sent < 256 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("close", () => undefined);
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    nock.enableNetConnect("127.0.0.1");
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/weights`;
      const { hub } = hubFetch();
      const response = await hub.fetch(url, { headers: { Range: "bytes=0-7" } });
      expect(response.status).toBe(206);
      expect((await response.arrayBuffer()).byteLength).toBe(8);
      expect(hub.stats.bytes).toBe(8);
      // What the server got into the socket before the hang-up: kernel buffers, far below the file.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(sent).toBeLessThan(16 * 1024 * 1024);
    } finally {
      nock.disableNetConnect();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("refuses redirect loops", async () => {
    nock(HUB).get("/a").reply(302, "", { location: "/b" });
    nock(HUB).get("/b").reply(302, "", { location: "/a" });
    const { hub } = hubFetch();
    // The second hop back to /a is answered from the audit's redirect memo, which closes the loop; the bound ends it.
    const error = await hub.fetch(`${HUB}/a`).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "hostile-response", message: `more than 10 redirects from ${HUB}/a` });
  });
});
