// Records the Hub traffic of one modelcheck audit per scenario as nock definitions, under
// fixtures/hub/<org>--<name>/recording[-variant].json. The traffic is real HTTP between modelcheck
// (dist/, so run `npx tsc -p .` first) and test/helpers/hub-simulator.mjs, which serves the live
// Hub's wire format; nock's recorder captures it. Origins are then rewritten to the live ones
// (https://huggingface.co, a CloudFront CDN host), volatile headers (date, connection) dropped, and
// bodies that are fixture bytes replaced by references ({ "$file" } for repo files, { "$safetensors" }
// for header bytes built from tensors.json), so recordings stay small and text-only.
// test/helpers/hub-recording.ts replays them. Run: node scripts/record-hub-fixtures.mjs
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import nock from "nock";
import { FIXTURES, loadAllFixtures, startHubSimulator } from "../test/helpers/hub-simulator.mjs";

const root = join(fileURLToPath(new URL(".", import.meta.url)), "..");
const { loadHubDocuments } = await import(join(root, "dist/src/hub/load-hub-documents.js"));
const { resolveHubSettings } = await import(join(root, "dist/src/hub/hub-settings.js"));

export const HUB = "https://huggingface.co";
export const CDN = "https://cdn-lfs-us-1.hf.co";
/** The token of the recordings that need one (gated repos): a fixture value, not a real token. */
export const FIXTURE_TOKEN = "hf_modelcheckFixtureToken0000000000";

const SCENARIOS = [
  { repo: "mistralai/Mistral-7B-v0.1", file: "recording.json" },
  { repo: "mistralai/Mistral-7B-v0.1", file: "recording-no-x-cache.json", cdnXCache: false },
  { repo: "Qwen/Qwen3-0.6B", file: "recording.json" },
  // The library's own sequence, one request after the other: HEAD, then the 1-byte probe, the 8-byte length and the header.
  { repo: "Qwen/Qwen3-0.6B", file: "recording-library-sequence.json", prefetch: false },
  { repo: "TheBloke/TinyLlama-1.1B-Chat-v1.0-GPTQ", file: "recording.json" },
  { repo: "meta-llama/Llama-3.2-1B-Instruct", file: "recording-with-token.json", token: FIXTURE_TOKEN },
  { repo: "facebook/opt-125m", file: "recording.json" },
];

const repos = loadAllFixtures();
const DROP = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);

for (const scenario of SCENARIOS) {
  const sim = await startHubSimulator({ repos, cdnXCache: scenario.cdnXCache, tokens: { [FIXTURE_TOKEN]: ["meta-llama/Llama-3.2-1B-Instruct"] } });
  const settings = resolveHubSettings({ endpoint: sim.hubUrl, accessToken: scenario.token ?? null }, { MODELCHECK_CACHE: mkdtempSync(join(tmpdir(), "mc-rec-")), HF_HOME: mkdtempSync(join(tmpdir(), "hf-rec-")) });
  nock.recorder.clear();
  nock.recorder.rec({ output_objects: true, dont_print: true, enable_reqheaders_recording: true });
  await loadHubDocuments({ repo: scenario.repo, revision: null }, settings, { prefetch: scenario.prefetch ?? true });
  const defs = nock.recorder.play();
  nock.restore();
  const repo = repos.find((r) => r.id === scenario.repo);
  const rewrite = (s) => s.split(sim.hubUrl).join(HUB).split(sim.cdnUrl).join(CDN);
  const out = defs.map((def) => {
    const headers = {};
    const raw = def.rawHeaders;
    const pairs = Array.isArray(raw) ? raw.reduce((acc, v, j) => (j % 2 ? acc : [...acc, [v, raw[j + 1]]]), []) : Object.entries(raw);
    for (const [k, v] of pairs) if (!DROP.has(k.toLowerCase())) headers[k.toLowerCase()] = rewrite(String(v));
    const reqheaders = {};
    for (const [k, v] of Object.entries(def.reqheaders ?? {})) if (["range", "accept", "authorization"].includes(k)) reqheaders[k] = k === "authorization" ? "Bearer <token>" : v;
    return { scope: def.scope === sim.hubUrl ? HUB : CDN, method: def.method, path: rewrite(def.path), reqheaders, status: def.status, headers, response: body(def, repo, headers) };
  });
  writeFileSync(join(FIXTURES, scenario.repo.replace("/", "--"), scenario.file), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`${scenario.repo} ${scenario.file}: ${out.length} requests`);
  await sim.close();
  nock.recorder.clear();
  nock.activate();
}

/** The recorded body as a reference to fixture bytes where it is one, else the text itself. */
function body(def, repo, headers) {
  if (def.method === "HEAD") return "";
  const m = /^bytes (\d+)-(\d+)\//.exec(headers["content-range"] ?? "");
  const range = m ? [Number(m[1]), Number(m[2])] : null;
  const path = decodeURIComponent(def.path.split("?")[0]);
  if (path.startsWith("/repos/")) {
    for (const [name, file] of repo.files) if (file.lfs && path.endsWith(file.etag)) return { $safetensors: name, range };
  }
  if (def.status === 200 || def.status === 206) {
    const name = path.split(`/${repo.sha}/`)[1];
    if (name && repo.files.has(name)) return { $file: name, ...(range ? { range } : {}) };
    if (path.startsWith("/api/models/")) return typeof def.response === "string" ? def.response : JSON.stringify(def.response);
  }
  return typeof def.response === "string" ? def.response : JSON.stringify(def.response);
}
