import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadAllFixtures, startHubSimulator } from "../helpers/hub-simulator.mjs";
import { CLI, ROOT } from "../helpers/run-cli.js";
import { draft07Validator, sarifValidator } from "../helpers/schemas.js";

/**
 * The CLI against a faithful local Hub (test/helpers/hub-simulator.mjs) through HF_ENDPOINT:
 * real HTTP, real redirects to a second (CDN) origin, the live Hub's error shapes.
 */

const TOKEN = "hf_cliTestTokenGrantedLlama32aaaaaaaa";
const UNGRANTED = "hf_cliTestTokenWithoutAccessbbbbbbbb";
const MISTRAL = "mistralai/Mistral-7B-v0.1";
const GATED = "meta-llama/Llama-3.2-1B-Instruct";
const fixtures = loadAllFixtures();
const shaOf = (repo: string) => fixtures.find((r: { id: string }) => r.id === repo)!.sha as string;

let sim: Awaited<ReturnType<typeof startHubSimulator>>;
let home: string;

beforeAll(async () => {
  sim = await startHubSimulator({ repos: fixtures, tokens: { [TOKEN]: [GATED], [UNGRANTED]: [] } });
});
afterAll(async () => sim.close());
beforeEach(() => {
  sim.reset();
  sim.setFaults([]);
  home = mkdtempSync(join(tmpdir(), "mc-cli-hub-"));
});

/** Run the built CLI without blocking the event loop (the simulator runs in this process). */
function run(args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env: Record<string, string> = { PATH: process.env.PATH ?? "", HOME: home, NO_COLOR: "1", HF_ENDPOINT: sim.hubUrl, MODELCHECK_CACHE: join(home, "modelcheck"), HF_HOME: join(home, "hf"), ...options.env };
    const child = spawn(process.execPath, [CLI, ...args], { cwd: home, env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.stdin.end(options.input ?? "");
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Elements of every tensor in a fixture's headers. */
function headerSum(repo: string): number {
  const files = JSON.parse(readFileSync(join(ROOT, "fixtures", "hub", repo.replace("/", "--"), "tensors.json"), "utf8")) as Record<string, Record<string, { shape: number[] }>>;
  let n = 0;
  for (const tensors of Object.values(files)) for (const { shape } of Object.values(tensors)) n += shape.reduce((a, b) => a * b, 1);
  return n;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());
}

describe("modelcheck org/name against a local Hub", () => {
  it("audits Mistral-7B-v0.1: config total 7,241,732,096, checkpoint total = the headers' sum, nothing unexplained, exit 0", async () => {
    const { code, stdout } = await run([MISTRAL, "-f", "json"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(draft07Validator("report.schema.json")(report)).toBe(true);
    const result = report.results[0];
    expect(result).toMatchObject({ target: MISTRAL, kind: "hub", revision: shaOf(MISTRAL), status: "ok" });
    // 7,241,732,096: Mistral-7B-v0.1's parameters as the Hub publishes them (safetensors.total, BF16).
    expect(result.facts.parameters.total).toBe(7_241_732_096);
    expect(result.facts.parameters.checkpoint.total).toBe(headerSum(MISTRAL));
    expect(result.facts.parameters.checkpoint.differences.filter((d: { kind: string }) => d.kind === "unexpected" || d.kind === "unaccounted")).toEqual([]);
    expect(result.findings.filter((f: { severity: string }) => f.severity === "error")).toEqual([]);
    // Never a byte of weights, never the token at the CDN.
    expect(sim.stats.weightBytes).toBe(0);
    expect(sim.stats.cdnAuthorization).toBe(0);
  });

  it("audits a gated repo with HF_TOKEN, and fails it in one clear line without", async () => {
    const granted = await run([GATED, "-f", "json"], { env: { HF_TOKEN: TOKEN } });
    expect(granted.code).not.toBe(2);
    expect(JSON.parse(granted.stdout).results[0]).toMatchObject({ status: "ok", kind: "hub" });
    expect(sim.stats.cdnAuthorization).toBe(0);
    sim.reset();
    const anonymous = await run([GATED, MISTRAL]);
    expect(anonymous.code).toBe(2);
    expect(anonymous.stdout).toContain(`✖ ${GATED}  failed: gated: accept the licence on the Hub and set HF_TOKEN\n`);
    // The batch goes on: Mistral is still audited.
    expect(anonymous.stdout).toContain(`${MISTRAL} @ ${shaOf(MISTRAL).slice(0, 7)}  mistral · MistralForCausalLM`);
    expect(anonymous.stderr).toBe("");
  });

  it("makes no request when re-run at a full commit sha", async () => {
    expect((await run([MISTRAL, "-f", "json"])).code).toBe(0);
    const before = sim.stats.requests;
    const again = await run([`${MISTRAL}@${shaOf(MISTRAL)}`, "-f", "json"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).results[0].facts.parameters.checkpoint.total).toBe(headerSum(MISTRAL));
    expect(sim.stats.requests).toBe(before);
  });

  it("completes on a flaky Hub: a 429 with Retry-After and a 503 on a CDN read are retried", async () => {
    sim.setFaults([
      { match: (r: { path: string }) => r.path.startsWith("/api/models/"), times: 1, status: 429, headers: { "retry-after": "1" } },
      { match: (r: { origin: string; headers: Record<string, string> }) => r.origin === "cdn" && r.headers.range === "bytes=0-7", times: 1, status: 503 },
    ]);
    const { code, stdout } = await run(["Qwen/Qwen3-0.6B", "-f", "json"]);
    expect(code).not.toBe(2);
    const result = JSON.parse(stdout).results[0];
    expect(result.status).toBe("ok");
    // Qwen3-0.6B on the Hub: 751,632,384 stored = 596,049,920 + the untied lm_head.weight [151936, 1024].
    expect(result.facts.parameters.checkpoint.total).toBe(751_632_384);
  });
});

describe("batches", () => {
  it("reads --from-file (comments, blank lines), keeps the input order, and prints the summary as CSV and markdown", async () => {
    const list = join(home, "repos.txt");
    writeFileSync(list, `# models to audit\nQwen/Qwen3-0.6B\n\nnobody/nothing   # a typo\nfacebook/opt-125m\n`);
    const csv = await run([MISTRAL, "--from-file", list, "--summary", "csv", "--concurrency", "2"]);
    expect(csv.code).toBe(2);
    expect(csv.stdout).toBe(
      [
        "target,advertised,config total,checkpoint total,verdict",
        `${MISTRAL},7B (name),7241732096,7241732096,${verdictOf(csv.stdout, MISTRAL)}`,
        `Qwen/Qwen3-0.6B,0.6B (name),596049920,751632384,${verdictOf(csv.stdout, "Qwen/Qwen3-0.6B")}`,
        "nobody/nothing,,,,failed (repo-not-found)",
        `facebook/opt-125m,125m (name),125239296,,${verdictOf(csv.stdout, "facebook/opt-125m")}`,
        "",
      ].join("\n"),
    );
    const markdown = await run(["Qwen/Qwen3-0.6B", "nobody/nothing", "--summary", "markdown"]);
    expect(markdown.stdout.split("\n").slice(0, 4)).toEqual([
      "| target | advertised | config total | checkpoint total | verdict |",
      "|---|---|---:|---:|---|",
      `| Qwen/Qwen3-0.6B | 0.6B (name) | 596,049,920 | 751,632,384 | ${verdictOf(csv.stdout, "Qwen/Qwen3-0.6B")} |`,
      "| nobody/nothing | — | — | — | failed (repo-not-found) |",
    ]);
  });

  it("closes the text report of several repos with the summary table, and draws no progress line when stderr is not a terminal", async () => {
    const { stdout, stderr } = await run(["Qwen/Qwen3-0.6B", "facebook/opt-125m"]);
    expect(stdout).toMatch(/\ntarget +advertised +config total +checkpoint total +verdict\nQwen\/Qwen3-0\.6B +0\.6B \(name\) +596,049,920 +751,632,384 /);
    expect(stderr).toBe("");
  });
});

/** The verdict column is the rules' business (severities change as rules are added): read it back rather than pin it. */
function verdictOf(csv: string, target: string): string {
  return csv.split("\n").find((l) => l.startsWith(`${target},`))!.split(",").at(-1)!;
}

describe("the token", () => {
  it("never appears in output, --debug lines, errors, report files or the cache", async () => {
    const report = join(home, "report.sarif");
    const { stdout, stderr } = await run([GATED, "nobody/nothing", MISTRAL, "--debug", "-f", "json", "-f", "sarif", "-o", "-", "-o", report], { env: { HF_TOKEN: UNGRANTED } });
    const results = JSON.parse(stdout).results;
    expect(results.map((r: { status: string }) => r.status)).toEqual(["failed", "failed", "ok"]);
    expect(results[0].error.message).toContain("gated: this token's account has not been granted access");
    expect(stderr).toContain("hub: GET");
    for (const text of [stdout, stderr, readFileSync(report, "utf8"), ...filesUnder(join(home, "modelcheck")).map((f) => readFileSync(f, "utf8"))]) expect(text).not.toContain(UNGRANTED);
  });

  it("refuses a token typed on the command line, and reads one from standard input with --token -", async () => {
    const typed = await run([GATED, "--token", TOKEN]);
    expect(typed.code).toBe(2);
    expect(typed.stderr).toBe("modelcheck: --token takes - (read the token from standard input); a token on the command line is visible to other users: use HF_TOKEN, --token-file or --token -\n");
    const piped = await run([GATED, "--token", "-", "-f", "json"], { input: `${TOKEN}\n` });
    expect(JSON.parse(piped.stdout).results[0].status).toBe("ok");
  });
});

describe("SARIF for Hub files", () => {
  it("points at the file's page at the audited commit", async () => {
    const { stdout } = await run([MISTRAL, "-f", "sarif"]);
    const log = JSON.parse(stdout);
    expect(sarifValidator()(log)).toBe(true);
    const uris = new Set(log.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri));
    expect(uris.size).toBeGreaterThan(0);
    for (const uri of uris) expect(uri).toMatch(new RegExp(`^https://huggingface\\.co/${MISTRAL}/blob/${shaOf(MISTRAL)}/(README\\.md|config\\.json|model\\.safetensors\\.index\\.json)$`));
  });
});

describe("Hub messages a user can act on (issue 15 item 5)", () => {
  // Port 9 (discard) on the loopback refuses connections: the Hub out of reach, without leaving the machine.
  const UNREACHABLE = "http://127.0.0.1:9";

  it("a network failure names the host, suggests HF_HUB_OFFLINE, HF_ENDPOINT or --endpoint, and names the repo once", async () => {
    const r = await run([MISTRAL], { env: { HF_ENDPOINT: UNREACHABLE } });
    expect(r.code).toBe(2);
    const line = r.stdout.split("\n").find((l) => l.startsWith("✖"))!;
    expect(line).toContain("cannot reach 127.0.0.1:9");
    expect(line).toContain("HF_HUB_OFFLINE=1");
    expect(line).toContain("HF_ENDPOINT or --endpoint");
    expect(line.split(MISTRAL).length - 1).toBe(1);
  });

  it("a result the document cache served because the Hub was out of reach says so: fromCache with the commit, and a note on stderr", async () => {
    const first = await run([MISTRAL, "-f", "json"]);
    expect(JSON.parse(first.stdout).results[0].fromCache).toBeUndefined();
    const r = await run([MISTRAL, "-f", "json"], { env: { HF_ENDPOINT: UNREACHABLE } });
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout).results[0];
    expect(result).toMatchObject({ status: "ok", fromCache: true, revision: shaOf(MISTRAL) });
    expect(result.cacheReason).toContain("cannot reach 127.0.0.1:9");
    expect(r.stderr).toContain(`modelcheck: ${MISTRAL}: model info: cannot reach 127.0.0.1:9`);
    expect(r.stderr).toContain(`reported from the cache at commit ${shaOf(MISTRAL)}`);
  });
});
