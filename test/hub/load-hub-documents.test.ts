import { mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { HubError } from "../../src/hub/hub-error.js";
import { resolveHubSettings } from "../../src/hub/hub-settings.js";
import { loadHubDocuments, type HubAudit } from "../../src/hub/load-hub-documents.js";
import type { RepoRef } from "../../src/targets/parse-repo-id.js";
import { FIXTURE_TOKEN, HUB, exchangeBody, fixtureDir, loadRecording, mountRecording, pendingOf, type Exchange } from "../helpers/hub-recording.js";
import { buildSafetensorsHeader } from "../helpers/safetensors-header.mjs";
import { tinyLlama, writeGguf } from "../helpers/write-gguf.js";

const waits: number[] = [];
const hooks = { retry: { baseDelayMs: 1 }, sleep: async (ms: number) => void waits.push(ms) };

function settings(options: { token?: string | null; env?: Record<string, string>; endpoint?: string } = {}) {
  const home = mkdtempSync(join(tmpdir(), "mc-hub-test-"));
  return resolveHubSettings({ endpoint: options.endpoint ?? HUB, accessToken: options.token ?? null }, { MODELCHECK_CACHE: join(home, "modelcheck"), HF_HOME: join(home, "hf"), ...options.env });
}

function ref(repo: string, revision: string | null = null): RepoRef {
  return { repo, revision };
}

function infoOf(repo: string): { sha: string; safetensors?: { total: number } } {
  return JSON.parse(readFileSync(join(fixtureDir(repo), "model-info.json"), "utf8"));
}

/** Elements of every tensor in the fixture's headers: what the checkpoint stores. */
function headerSum(repo: string): number {
  const files = JSON.parse(readFileSync(join(fixtureDir(repo), "tensors.json"), "utf8")) as Record<string, Record<string, { shape: number[] }>>;
  let n = 0;
  for (const tensors of Object.values(files)) for (const { shape } of Object.values(tensors)) n += shape.reduce((a, b) => a * b, 1);
  return n;
}

async function failure(promise: Promise<HubAudit>): Promise<HubError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HubError);
  return error as HubError;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  waits.length = 0;
});
afterAll(() => nock.enableNetConnect());

describe("recorded audits (fixtures/hub/*/recording*.json)", () => {
  it("reads a sharded checkpoint: HEAD for the index, then the 8-byte length and the header of each shard", async () => {
    const repo = "mistralai/Mistral-7B-v0.1";
    const recording = loadRecording(repo);
    const scopes = mountRecording(repo, recording);
    const audit = await loadHubDocuments(ref(repo), settings(), hooks);
    expect(pendingOf(scopes)).toEqual([]);
    expect(audit).toMatchObject({ sha: infoOf(repo).sha, kind: "hub", from: "hub", requests: 17 });
    const cdnRanges = recording.filter((e) => e.scope !== HUB).map((e) => e.reqheaders.range);
    // Per shard: the 8-byte length (the library's 1-byte probe is cut from it), the header (Mistral's are 23,608 and 10,224 bytes).
    expect(cdnRanges.sort()).toEqual(["bytes=0-7", "bytes=0-7", "bytes=8-10231", "bytes=8-23615"]);
    const checkpoint = audit.documents.checkpoint!;
    expect(checkpoint.files).toEqual(["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"]);
    expect(checkpoint.tensors.length).toBe(291); // 1 embedding + 32 layers × 9 + norm + lm_head
    expect(checkpoint.document.path).toBe("model.safetensors.index.json");
    expect(checkpoint.tensors.find((t) => t.name === "model.layers.22.mlp.gate_proj.weight")).toEqual({ name: "model.layers.22.mlp.gate_proj.weight", dtype: "BF16", shape: [14336, 4096], file: "model-00002-of-00002.safetensors" });
    // The Hub's safetensors.total for Mistral-7B-v0.1 is 7,241,732,096 BF16 values, the headers' sum.
    expect(headerSum(repo)).toBe(7_241_732_096);
    expect(checkpoint.reported).toEqual({ logical: 7_241_732_096, total: 7_241_732_096, byDtype: { BF16: 7_241_732_096 } });
    expect(audit.documents.config?.problem).toBeNull();
    expect(audit.documents.card?.metadata).toMatchObject({ license: "apache-2.0" });
    expect(audit.documents.name).toBe("Mistral-7B-v0.1");
  });

  it("without CloudFront's X-Cache, range reads start at the resolve URL; the redirect seen once is not asked again", async () => {
    const repo = "mistralai/Mistral-7B-v0.1";
    const recording = loadRecording(repo, "recording-no-x-cache.json");
    expect(recording.some((e) => "x-cache" in e.headers)).toBe(false);
    const scopes = mountRecording(repo, recording);
    const audit = await loadHubDocuments(ref(repo), settings(), hooks);
    expect(pendingOf(scopes)).toEqual([]);
    expect(audit.requests).toBe(17);
    expect(audit.documents.checkpoint?.tensors.length).toBe(291);
  });

  it("reads a single-file checkpoint that stores lm_head.weight although the config ties it (Qwen3-0.6B)", async () => {
    const repo = "Qwen/Qwen3-0.6B";
    const scopes = mountRecording(repo, loadRecording(repo));
    const audit = await loadHubDocuments(ref(repo), settings(), hooks);
    expect(pendingOf(scopes)).toEqual([]);
    const checkpoint = audit.documents.checkpoint!;
    expect(checkpoint.tensors.find((t) => t.name === "lm_head.weight")?.shape).toEqual([151936, 1024]);
    // The Hub counts 751,632,384 stored values: 596,049,920 parameters + 151936 × 1024 for the stored head.
    expect(checkpoint.reported?.total).toBe(751_632_384);
    expect(headerSum(repo)).toBe(751_632_384);
    expect((audit.documents.config?.document.value as { tie_word_embeddings: boolean }).tie_word_embeddings).toBe(true);
  });

  it("passes the library's own sequence through unchanged when nothing is prefetched: HEAD, 1-byte probe, 8-byte length, header", async () => {
    const repo = "Qwen/Qwen3-0.6B";
    const recording = loadRecording(repo, "recording-library-sequence.json");
    const scopes = mountRecording(repo, recording);
    const audit = await loadHubDocuments(ref(repo), settings(), { ...hooks, prefetch: false });
    expect(pendingOf(scopes)).toEqual([]);
    expect(recording.filter((e) => e.scope !== HUB).map((e) => e.reqheaders.range)).toEqual(["bytes=0-0", "bytes=0-7", expect.stringMatching(/^bytes=8-\d+$/)]);
    expect(audit.requests).toBe(12);
    expect(audit.documents.checkpoint?.tensors.length).toBe(311);
  });

  it("keeps the library's logical count of a GPTQ checkpoint: qweight unpacked, bookkeeping dropped, the zero biases counted", async () => {
    const repo = "TheBloke/TinyLlama-1.1B-Chat-v1.0-GPTQ";
    const scopes = mountRecording(repo, loadRecording(repo));
    const audit = await loadHubDocuments(ref(repo), settings(), hooks);
    expect(pendingOf(scopes)).toEqual([]);
    const reported = audit.documents.checkpoint!.reported!;
    // Stored: 261,578,752 (the headers' sum). Logical, by hand: linear weights 22 × 44,040,192 = 968,884,224, embeddings and
    // lm_head 2 × 32000 × 2048, norms 45 × 2048 = 92,160, and the 154 GPTQ biases (22 × (2048 + 256 + 256 + 2048 + 5632 + 5632 + 2048) = 394,240).
    expect(reported.total).toBe(261_578_752);
    expect(headerSum(repo)).toBe(261_578_752);
    expect(reported.logical).toBe(968_884_224 + 131_072_000 + 92_160 + 394_240);
    expect(reported.byDtype).toEqual({ F16: 139_127_808, I32: 122_450_944 });
  });

  it("reads a gated repo with a token: Authorization on every Hub request, none on the CDN", async () => {
    const repo = "meta-llama/Llama-3.2-1B-Instruct";
    const recording = loadRecording(repo, "recording-with-token.json");
    expect(recording.filter((e) => e.scope === HUB).every((e) => e.reqheaders.authorization === "Bearer <token>")).toBe(true);
    const scopes = mountRecording(repo, recording, { token: FIXTURE_TOKEN });
    const audit = await loadHubDocuments(ref(repo), settings({ token: FIXTURE_TOKEN }), hooks);
    expect(pendingOf(scopes)).toEqual([]);
    expect(audit.documents.checkpoint?.reported?.total).toBe(1_235_814_400);
  });

  it("skips the checkpoint of a repo with PyTorch weights only and lists them", async () => {
    const repo = "facebook/opt-125m";
    const scopes = mountRecording(repo, loadRecording(repo));
    const audit = await loadHubDocuments(ref(repo), settings(), hooks);
    expect(pendingOf(scopes)).toEqual([]);
    // Model info, then probe (307 + 206) and download for config.json and README.md: no safetensors request at all.
    expect(audit.requests).toBe(7);
    expect(audit.documents.checkpoint).toBeNull();
    expect(audit.documents.unreadWeights).toEqual(["flax_model.msgpack", "pytorch_model.bin", "tf_model.h5"]);
  });
});

/** The first exchange of a recording (the model info), optionally altered. */
function modelInfoExchange(repo: string, file = "recording.json"): Exchange {
  return loadRecording(repo, file)[0]!;
}

describe("errors: one clear line per target", () => {
  it("stops after the public model info of a gated repo when there is no token", async () => {
    const repo = "meta-llama/Llama-3.2-1B-Instruct";
    const info = { ...modelInfoExchange(repo, "recording-with-token.json"), reqheaders: {} };
    const scopes = mountRecording(repo, [info]);
    const error = await failure(loadHubDocuments(ref(repo), settings(), hooks));
    expect(error).toMatchObject({ code: "gated", message: "gated: accept the licence on the Hub and set HF_TOKEN" });
    expect(pendingOf(scopes)).toEqual([]);
  });

  it("names the licence page when the token's account has no access (403 GatedRepo)", async () => {
    const repo = "meta-llama/Llama-3.2-1B-Instruct";
    mountRecording(repo, [modelInfoExchange(repo, "recording-with-token.json")], { token: FIXTURE_TOKEN });
    const message = `Access to model ${repo} is restricted and you are not in the authorized list. Visit https://huggingface.co/${repo} to ask for access.`;
    const gated = { "x-error-code": "GatedRepo", "x-error-message": message, "content-type": "text/plain; charset=utf-8" };
    nock(HUB).persist().get(/\/resolve\//).reply(403, message, gated);
    nock(HUB).persist().head(/\/raw\//).reply(403, "", gated);
    const error = await failure(loadHubDocuments(ref(repo), settings({ token: FIXTURE_TOKEN }), hooks));
    expect(error.code).toBe("gated");
    expect(error.message).toBe(`gated: this token's account has not been granted access; accept the licence at ${HUB}/${repo} (manual approvals can take a while)`);
    expect(error.message).not.toContain(FIXTURE_TOKEN);
  });

  it("tells a missing repo: 401 without a token, 404 RepoNotFound with one", async () => {
    const path = /\/api\/models\/nobody\/nothing\/revision\/main\?/;
    nock(HUB).get(path).reply(401, { error: "Invalid username or password." }, { "x-error-message": "Invalid username or password." });
    expect(await failure(loadHubDocuments(ref("nobody/nothing"), settings(), hooks))).toMatchObject({ code: "repo-not-found", message: "repository not found (if it is private, set HF_TOKEN)" });
    nock(HUB).get(path).reply(404, { error: "Repository not found" }, { "x-error-code": "RepoNotFound", "x-error-message": "Repository not found" });
    const error = await failure(loadHubDocuments(ref("nobody/nothing"), settings({ token: FIXTURE_TOKEN }), hooks));
    expect(error).toMatchObject({ code: "repo-not-found", message: "repository not found (or this token cannot see it)" });
  });

  it("tells a revision that does not exist (404 RevisionNotFound)", async () => {
    nock(HUB).get(/\/api\/models\/mistralai\/Mistral-7B-v0.1\/revision\/v9\?/).reply(404, { error: "Invalid rev id: v9" }, { "x-error-code": "RevisionNotFound", "x-error-message": "Invalid rev id: v9" });
    expect(await failure(loadHubDocuments(ref("mistralai/Mistral-7B-v0.1", "v9"), settings(), hooks))).toMatchObject({ code: "revision-not-found", message: 'revision "v9" not found' });
  });

  it("tells a file the file list promised but the Hub does not serve (404 EntryNotFound)", async () => {
    const repo = "facebook/opt-125m";
    const recording = loadRecording(repo);
    const config = recording.find((e) => e.path.endsWith("/config.json") && e.status === 307)!;
    const rest = recording.filter((e) => !e.path.split("?")[0]!.endsWith("/config.json"));
    mountRecording(repo, [...rest, { ...config, status: 404, response: "Entry not found", headers: { "x-error-code": "EntryNotFound", "x-error-message": "Entry not found", "x-repo-commit": infoOf(repo).sha } }]);
    expect(await failure(loadHubDocuments(ref(repo), settings(), hooks))).toMatchObject({ code: "entry-not-found", message: "config.json: file not found in the repo at this revision (listed, but the Hub answers 404 EntryNotFound)" });
  });

  it("waits out a 429 with Retry-After, then completes", async () => {
    const repo = "Qwen/Qwen3-0.6B";
    const recording = loadRecording(repo);
    nock(HUB).get(recording[0]!.path).reply(429, "Too Many Requests", { "retry-after": "2" });
    const scopes = mountRecording(repo, recording);
    const audit = await loadHubDocuments(ref(repo), settings(), hooks);
    expect(pendingOf(scopes)).toEqual([]);
    expect(waits).toEqual([2000]);
    expect(audit.requests).toBe(12);
  });

  it("retries a 500 on a CDN range read, then completes", async () => {
    const repo = "Qwen/Qwen3-0.6B";
    const recording = loadRecording(repo);
    const header = recording.find((e) => e.scope !== HUB && /^bytes=8-/.test(e.reqheaders.range ?? ""))!;
    nock(header.scope, { reqheaders: { range: header.reqheaders.range! } }).get(header.path).reply(500, "Internal Server Error");
    const scopes = mountRecording(repo, recording);
    const audit = await loadHubDocuments(ref(repo), settings(), hooks);
    expect(pendingOf(scopes)).toEqual([]);
    expect(waits.length).toBe(1);
    expect(audit.documents.checkpoint?.tensors.length).toBe(311);
  });

  it("calls a truncated model info malformed", async () => {
    const repo = "Qwen/Qwen3-0.6B";
    const info = modelInfoExchange(repo);
    const cut = (info.response as string).slice(0, 200);
    mountRecording(repo, [{ ...info, response: cut, headers: { ...info.headers, "content-length": String(cut.length) } }]);
    expect(await failure(loadHubDocuments(ref(repo), settings(), hooks))).toMatchObject({ code: "malformed-response", message: "model info: the Hub's answer is not valid JSON (truncated, or not a Hub endpoint?)" });
  });

  it("refuses a safetensors header that claims an absurd length: a fatal checkpoint problem (MC500), the rest still loaded", async () => {
    const repo = "Qwen/Qwen3-0.6B";
    const recording = loadRecording(repo);
    const length = recording.find((e) => e.scope !== HUB && e.reqheaders.range === "bytes=0-7")!;
    const absurd = Buffer.alloc(8);
    absurd.writeBigUInt64LE(2n ** 60n);
    const kept = recording.filter((e) => e !== length && !/^bytes=8-/.test(e.reqheaders.range ?? ""));
    mountRecording(repo, kept);
    nock(length.scope, { reqheaders: { range: "bytes=0-7" } }).get(length.path).reply(206, absurd, length.headers);
    const audit = await loadHubDocuments(ref(repo), settings(), hooks);
    expect(audit.documents.checkpoint!.problems).toEqual([{ file: "model.safetensors", message: "safetensor header is too big. Maximum supported size is 25000000 bytes.", fatal: true }]);
    expect(audit.documents.checkpoint!.tensors).toEqual([]);
    expect(audit.documents.config).not.toBeNull();
  });
});

describe("the document cache", () => {
  it("answers a re-run at a full commit sha with no request, and a branch with one", async () => {
    const repo = "Qwen/Qwen3-0.6B";
    const recording = loadRecording(repo);
    const shared = settings();
    mountRecording(repo, recording);
    const first = await loadHubDocuments(ref(repo), shared, hooks);
    nock.cleanAll();
    // No interceptor and no network: any request fails.
    const again = await loadHubDocuments(ref(repo, first.sha), shared, hooks);
    expect(again).toMatchObject({ from: "document-cache", requests: 0, sha: first.sha });
    expect(again.documents.checkpoint?.tensors).toEqual(first.documents.checkpoint?.tensors);
    expect(again.documents.checkpoint?.reported).toEqual(first.documents.checkpoint?.reported);
    expect(again.documents.config?.document.text).toBe(first.documents.config?.document.text);
    // "main" may have moved: the model info is asked again, the rest comes from the cache.
    const scopes = mountRecording(repo, [recording[0]!]);
    const branch = await loadHubDocuments(ref(repo, "main"), shared, hooks);
    expect(pendingOf(scopes)).toEqual([]);
    expect(branch).toMatchObject({ from: "document-cache", requests: 1 });
  });

  it("keeps no token in the cache", async () => {
    const repo = "meta-llama/Llama-3.2-1B-Instruct";
    const shared = settings({ token: FIXTURE_TOKEN });
    mountRecording(repo, loadRecording(repo, "recording-with-token.json"), { token: FIXTURE_TOKEN });
    const audit = await loadHubDocuments(ref(repo), shared, hooks);
    const stored = readFileSync(join(shared.cacheDir, "hub", "models--meta-llama--Llama-3.2-1B-Instruct", `${audit.sha}.json`), "utf8");
    expect(stored).toContain('"sha"');
    expect(stored).not.toContain(FIXTURE_TOKEN);
  });

  it("serves a gated repo's entry only to the token that stored it; files 0600, folders 0700", async () => {
    const repo = "meta-llama/Llama-3.2-1B-Instruct";
    const shared = settings({ token: FIXTURE_TOKEN });
    mountRecording(repo, loadRecording(repo, "recording-with-token.json"), { token: FIXTURE_TOKEN });
    const first = await loadHubDocuments(ref(repo), shared, hooks);
    nock.cleanAll();
    const folder = join(shared.cacheDir, "hub", "models--meta-llama--Llama-3.2-1B-Instruct");
    expect(statSync(join(folder, `${first.sha}.json`)).mode & 0o777).toBe(0o600);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    // The same token: served from the cache, no request.
    expect(await loadHubDocuments(ref(repo, first.sha), shared, hooks)).toMatchObject({ from: "document-cache", requests: 0 });
    // No token, or another token: the cache is not consulted, so the Hub is asked (and here, with no interceptor, cannot answer).
    for (const token of [null, "hf_someone_else_without_access"]) {
      const other = { ...shared, accessToken: token };
      const error = await failure(loadHubDocuments(ref(repo, first.sha), other, hooks));
      expect(error.message).toMatch(/cannot reach huggingface\.co/);
    }
  });

  it("treats a cache entry of the wrong shape as a miss and fetches it again", async () => {
    const repo = "Qwen/Qwen3-0.6B";
    const recording = loadRecording(repo);
    const shared = settings();
    mountRecording(repo, recording);
    const first = await loadHubDocuments(ref(repo), shared, hooks);
    const path = join(shared.cacheDir, "hub", "models--Qwen--Qwen3-0.6B", `${first.sha}.json`);
    const entry = JSON.parse(readFileSync(path, "utf8"));
    // Valid JSON, wrong shapes: a file list that is not a list, a tensor pointing at no file.
    for (const damage of [(e: any) => (e.info.files = "config.json"), (e: any) => (e.checkpoint.tensors[0][3] = 99), (e: any) => (e.files["config.json"] = 7)]) {
      const copy = structuredClone(entry);
      damage(copy);
      writeFileSync(path, JSON.stringify(copy));
      nock.cleanAll();
      const scopes = mountRecording(repo, recording);
      const again = await loadHubDocuments(ref(repo), shared, hooks);
      expect(again.from).toBe("hub");
      expect(again.documents.checkpoint?.tensors).toEqual(first.documents.checkpoint?.tensors);
      expect(pendingOf(scopes).length).toBeLessThan(recording.length);
    }
  });
});

/** A huggingface_hub cache holding one small model: refs/main → snapshots/<sha>/ with symlinks into blobs/, as huggingface_hub lays it out. */
function hfCacheWithModel(hfHome: string, repo: string, sha: string): void {
  const folder = join(hfHome, "hub", `models--${repo.replace("/", "--")}`);
  mkdirSync(join(folder, "refs"), { recursive: true });
  mkdirSync(join(folder, "blobs"), { recursive: true });
  mkdirSync(join(folder, "snapshots", sha), { recursive: true });
  writeFileSync(join(folder, "refs", "main"), sha);
  const config = { architectures: ["LlamaForCausalLM"], model_type: "llama", hidden_size: 64, intermediate_size: 128, num_hidden_layers: 1, num_attention_heads: 4, num_key_value_heads: 4, vocab_size: 100, tie_word_embeddings: true };
  const tensors: Record<string, { dtype: string; shape: number[] }> = {
    "model.embed_tokens.weight": { dtype: "F32", shape: [100, 64] },
    "model.norm.weight": { dtype: "F32", shape: [64] },
  };
  const { bytes, dataSize } = buildSafetensorsHeader(tensors);
  const files: Record<string, Buffer> = { "config.json": Buffer.from(JSON.stringify(config)), "model.safetensors": Buffer.concat([bytes, Buffer.alloc(dataSize)]) };
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(folder, "blobs", name), content);
    symlinkSync(join("..", "..", "blobs", name), join(folder, "snapshots", sha, name));
  }
}

describe("offline, and when the Hub is out of reach", () => {
  const sha = "0123456789abcdef0123456789abcdef01234567";

  it("audits a model in huggingface_hub's cache with HF_HUB_OFFLINE=1, reading its safetensors headers from disk", async () => {
    const hfHome = mkdtempSync(join(tmpdir(), "hf-home-"));
    hfCacheWithModel(hfHome, "org/tiny", sha);
    const audit = await loadHubDocuments(ref("org/tiny"), settings({ env: { HF_HUB_OFFLINE: "1", HF_HOME: hfHome } }), hooks);
    expect(audit).toMatchObject({ kind: "cache", from: "hf-cache", sha, requests: 0 });
    expect(audit.documents.checkpoint?.tensors.map((t) => t.name).sort()).toEqual(["model.embed_tokens.weight", "model.norm.weight"]);
    expect(audit.documents.config?.document.path).toBe("config.json");
  });

  it("reads the GGUF files of a snapshot from disk, with the same selection as online", async () => {
    const hfHome = mkdtempSync(join(tmpdir(), "hf-home-"));
    const folder = join(hfHome, "hub", "models--org--tiny-GGUF");
    mkdirSync(join(folder, "refs"), { recursive: true });
    mkdirSync(join(folder, "blobs"), { recursive: true });
    mkdirSync(join(folder, "snapshots", sha, "Q8_0"), { recursive: true });
    writeFileSync(join(folder, "refs", "main"), sha);
    // tinyLlama (test/helpers/write-gguf.ts): 86,848 elements in 21 tensors.
    writeGguf(join(folder, "blobs", "a"), tinyLlama({ fileType: 7 }));
    writeGguf(join(folder, "blobs", "b"), tinyLlama({ fileType: 15 }));
    symlinkSync(join("..", "..", "..", "blobs", "a"), join(folder, "snapshots", sha, "Q8_0", "tiny.Q8_0.gguf"));
    symlinkSync(join("..", "..", "blobs", "b"), join(folder, "snapshots", sha, "tiny.Q4_K_M.gguf"));
    const offline = settings({ env: { HF_HUB_OFFLINE: "1", HF_HOME: hfHome } });
    const all = await loadHubDocuments(ref("org/tiny-GGUF"), offline, hooks);
    expect(all).toMatchObject({ kind: "cache", from: "hf-cache", sha, requests: 0, selected: false });
    expect(all.ggufs.map((g) => [g.path, g.gguf?.tensors.reduce((n, t) => n + t.elements, 0), g.error])).toEqual([
      ["Q8_0/tiny.Q8_0.gguf", 86_848, null],
      ["tiny.Q4_K_M.gguf", 86_848, null],
    ]);
    const one = await loadHubDocuments({ ...ref("org/tiny-GGUF"), tag: "Q4_K_M" }, offline, hooks);
    expect(one.ggufs.map((g) => g.path)).toEqual(["tiny.Q4_K_M.gguf"]);
    expect(one.selected).toBe(true);
  });

  it("fails offline with a clear line when no cache holds the revision", async () => {
    const error = await failure(loadHubDocuments(ref("org/absent"), settings({ env: { HF_HUB_OFFLINE: "1" } }), hooks));
    expect(error).toMatchObject({ code: "offline", message: "HF_HUB_OFFLINE is set and neither modelcheck's cache nor huggingface_hub's holds this revision" });
  });

  it("falls back to huggingface_hub's cache when the Hub cannot be reached", async () => {
    nock.enableNetConnect("127.0.0.1");
    try {
      const hfHome = mkdtempSync(join(tmpdir(), "hf-home-"));
      hfCacheWithModel(hfHome, "org/tiny", sha);
      // Port 9 (discard) on loopback: nothing listens, every attempt is refused.
      const audit = await loadHubDocuments(ref("org/tiny"), settings({ endpoint: "http://127.0.0.1:9", env: { HF_HOME: hfHome } }), { ...hooks, retry: { attempts: 2, baseDelayMs: 1 } });
      expect(audit).toMatchObject({ kind: "cache", from: "hf-cache", sha });
    } finally {
      nock.disableNetConnect();
    }
  });
});

describe("exchangeBody", () => {
  it("refuses to serve weight bytes from a recording", () => {
    expect(() => exchangeBody("Qwen/Qwen3-0.6B", { $safetensors: "model.safetensors", range: [0, 10_000_000] })).toThrow(/weight bytes/);
  });
});
