// Network cost of Hub audits: modelcheck against a script that calls @huggingface/hub directly
// (model info, config.json, README.md, parseSafetensorsMetadata), on the same batch of repos,
// served by the local Hub of test/helpers/hub-simulator.mjs on 127.0.0.1 (a Hub origin and a CDN
// origin) with 50 ms added to every answer. Counts requests, bytes and weight bytes at the server.
// The batch is the five fixtures, each also served under seven more organisations (40 repos). Both
// sides run as child processes, 8 repos at a time, 5 rounds each; the median round is printed.
// Then a flaky round: the Hub answers the first model info of each repo with 429 (Retry-After: 1)
// and one CDN range read with 503. Run: npm run build && node bench/hub-network.mjs [latency ms] [copies] [rounds]
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadAllFixtures, startHubSimulator } from "../test/helpers/hub-simulator.mjs";

const root = join(fileURLToPath(new URL(".", import.meta.url)), "..");
const cli = join(root, "dist", "bin", "modelcheck.mjs");
const TOKEN = "hf_benchTokenGrantedForTheGatedRepo00";
const FIXTURE_REPOS = ["mistralai/Mistral-7B-v0.1", "Qwen/Qwen3-0.6B", "TheBloke/TinyLlama-1.1B-Chat-v1.0-GPTQ", "meta-llama/Llama-3.2-1B-Instruct", "facebook/opt-125m"];
/** Each fixture also served under seven more organisations, for a batch of 40 repos. Arguments: [latency ms] [copies] [rounds]. */
const LATENCY_MS = Number(process.argv[2] ?? 50);
const COPIES = Number(process.argv[3] ?? 8);
const ROUNDS = Number(process.argv[4] ?? 5);
const CONCURRENCY = 8;

function batchRepos() {
  const repos = [];
  for (const fixture of loadAllFixtures()) {
    for (let k = 0; k < COPIES; k++) {
      const id = k === 0 ? fixture.id : fixture.id.replace("/", `-copy${k}/`);
      repos.push({ ...fixture, id, info: { ...fixture.info, id } });
    }
  }
  return repos;
}
const SERVED = batchRepos();
const REPOS = SERVED.map((r) => r.id).filter((id) => FIXTURE_REPOS.some((f) => id.replace(/-copy\d\//, "/") === f));
const GATED = REPOS.filter((id) => id.endsWith("/Llama-3.2-1B-Instruct"));

const DIRECT = `
const { modelInfo, downloadFile, parseSafetensorsMetadata } = await import("@huggingface/hub");
const hubUrl = process.env.HF_ENDPOINT;
const accessToken = process.env.HF_TOKEN;
const repos = JSON.parse(process.argv[1]);
let failed = 0;
// The same concurrency as modelcheck's default: ${CONCURRENCY} repos at a time.
const queue = [...repos];
const audit = async (name) => {
  try {
    const info = await modelInfo({ name, hubUrl, accessToken, additionalFields: ["safetensors", "cardData", "config", "sha", "filePaths", "tags", "library_name"] });
    for (const path of ["config.json", "README.md"]) {
      const blob = await downloadFile({ repo: name, path, revision: info.sha, hubUrl, accessToken });
      if (blob) await blob.text();
    }
    try {
      await parseSafetensorsMetadata({ repo: name, revision: info.sha, hubUrl, accessToken, computeParametersCount: true });
    } catch (error) {
      if (!/does not seem to contain safetensors/.test(error.message)) throw error;
    }
  } catch (error) {
    failed++;
    console.error(name + ": " + error.message.split("\\n")[0]);
  }
};
await Promise.all(Array.from({ length: ${CONCURRENCY} }, async () => { while (queue.length) await audit(queue.shift()); }));
console.log(JSON.stringify({ failed }));
`;

/** GNU time reports the child's CPU time; without it the column reads n/a. */
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

function run(args, env) {
  return new Promise((resolve) => {
    const started = performance.now();
    const [command, argv] = TIME ? [TIME, ["-f", "cpu %U %S", process.execPath, ...args]] : [process.execPath, args];
    const child = spawn(command, argv, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => {
      const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
      resolve({ code, stdout, ms: performance.now() - started, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null });
    });
  });
}

async function round(sim, side) {
  sim.reset();
  const env = { HF_ENDPOINT: sim.hubUrl, HF_TOKEN: TOKEN, MODELCHECK_CACHE: mkdtempSync(join(tmpdir(), "mc-bench-")), HF_HOME: mkdtempSync(join(tmpdir(), "hf-bench-")) };
  const result =
    side === "modelcheck"
      ? await run([cli, ...REPOS, "-f", "json", "--concurrency", String(CONCURRENCY)], env)
      : await run(["--input-type=module", "-e", DIRECT, JSON.stringify(REPOS)], env);
  let failed;
  try {
    failed = side === "modelcheck" ? JSON.parse(result.stdout).summary.failed : JSON.parse(result.stdout.trim().split("\n").pop()).failed;
  } catch {
    // The process died before printing its result (an unhandled rejection inside the library): nothing was audited.
    failed = REPOS.length;
  }
  const hubMs = sim.stats.lastResponseAt - sim.stats.firstRequestAt;
  return { ms: result.ms, cpuMs: result.cpuMs, hubMs, requests: sim.stats.requests, bytes: sim.stats.bytes, weightBytes: sim.stats.weightBytes, cdnAuthorization: sim.stats.cdnAuthorization, failed };
}

function median(rounds) {
  return [...rounds].sort((a, b) => a.ms - b.ms)[Math.floor(rounds.length / 2)];
}

function line(name, r) {
  return `${name.padEnd(16)} ${String(r.requests).padStart(4)} requests ${String(r.bytes).padStart(7)} bytes  Hub busy ${r.hubMs.toFixed(0).padStart(5)} ms  wall ${r.ms.toFixed(0).padStart(5)} ms  cpu ${r.cpuMs === null ? "n/a" : `${r.cpuMs.toFixed(0)} ms`}  weight bytes ${r.weightBytes}  token at CDN ${r.cdnAuthorization}  failed ${r.failed}/${REPOS.length}`;
}

const sim = await startHubSimulator({ repos: SERVED, latencyMs: LATENCY_MS, tokens: { [TOKEN]: GATED } });
try {
  const direct = [];
  const ours = [];
  for (let i = 0; i < ROUNDS; i++) {
    direct.push(await round(sim, "direct"));
    ours.push(await round(sim, "modelcheck"));
  }
  const d = median(direct);
  const m = median(ours);
  console.log(`batch of ${REPOS.length} repos, ${LATENCY_MS} ms per answer, median of ${ROUNDS} rounds`);
  console.log(line("library, direct", d));
  console.log(line("modelcheck", m));
  console.log(`modelcheck / direct: requests ${(m.requests / d.requests).toFixed(2)}×, bytes ${(m.bytes / d.bytes).toFixed(2)}×, Hub busy ${(m.hubMs / d.hubMs).toFixed(2)}×, wall ${(m.ms / d.ms).toFixed(2)}×`);
  console.log("(Hub busy: first request to last answer, at the server. Wall: the whole process; modelcheck also starts its CLI, parses cards with YAML, derives facts and runs the rules.)");

  // One 429 for the first model-info request of each repo (its retry succeeds), and one 503 at the CDN.
  const faults = () => {
    const limited = new Set();
    const firstAsk = (r) => {
      const repo = /^\/api\/models\/([^/]+\/[^/]+)\//.exec(r.path)?.[1];
      if (!repo || limited.has(repo)) return false;
      limited.add(repo);
      return true;
    };
    return [
      { match: firstAsk, times: Infinity, status: 429, headers: { "retry-after": "1" } },
      { match: (r) => r.origin === "cdn" && r.headers.range === "bytes=0-7", times: 1, status: 503 },
    ];
  };
  sim.setFaults(faults());
  const flakyDirect = await round(sim, "direct");
  sim.setFaults(faults());
  const flakyOurs = await round(sim, "modelcheck");
  console.log("flaky Hub: every repo's first model info answers 429 (Retry-After: 1), one CDN read 503");
  console.log(line("library, direct", flakyDirect));
  console.log(line("modelcheck", flakyOurs));
} finally {
  await sim.close();
}
