import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RULES } from "../../rules/index.js";
import { analyze } from "../../src/index.js";
import type { Report, TargetResult } from "../../src/analyze/report.js";
import { jsonReporter } from "../../src/reporters/json.js";
import { sarifReporter } from "../../src/reporters/sarif.js";
import { dataOffsets, ggufRepo, type GgufRepoSpec } from "../helpers/hub-gguf-repo.js";
import { startHubSimulator } from "../helpers/hub-simulator.mjs";
import { draft07Validator } from "../helpers/schemas.js";
import { tinyLlama, tinyLlamaConfig, type GgufTestFile } from "../helpers/write-gguf.js";

/**
 * Hub repos with GGUF files, against the local Hub (test/helpers/hub-simulator.mjs: the live Hub's
 * wire format — model info with `gguf`, `resolve` of an LFS file answered 302 to a CDN on another
 * origin, range reads answered 206 with Content-Range, 404 EntryNotFound). The files are written
 * from tinyLlama (test/helpers/write-gguf.ts); every expected count below is computed from its
 * tensors: token_embd 64 × 100 = 6,400; per layer q, o 64 × 64, k, v 64 × 32, gate, up, down
 * 64 × 128 and two norms of 64 = 36,992, × 2 layers = 73,984; output_norm 64; output 64 × 100 =
 * 6,400 — 86,848 in all (80,448 without output.weight) in 21 tensors, of which the 5 norms, 320,
 * are F32 and the rest Q8_0.
 */

const TOKEN = "hf_ggufTestTokenGrantedcccccccccccccc";
const TINY_TOTAL = 6_400 + 2 * 36_992 + 64 + 6_400;
const README = "---\nlicense: apache-2.0\nlibrary_name: gguf\n---\n# Tiny Llama GGUF\n\nQuantized files of a tiny llama for tests.\n";

const q = (fileType: number, options: Parameters<typeof tinyLlama>[0] = {}): GgufTestFile => tinyLlama({ ...options, fileType });

/** A preamble declaring 2^40 tensors in a 124-byte file. */
function hostileGguf(): Buffer {
  const b = Buffer.alloc(124);
  b.write("GGUF", 0, "ascii");
  b.writeUInt32LE(3, 4);
  b.writeBigUInt64LE(2n ** 40n, 8);
  return b;
}

const SPECS: Record<string, GgufRepoSpec> = {
  "test-org/Tiny-GGUF": { files: { "README.md": README, "tiny.Q4_K_M.gguf": q(15), "tiny.Q8_0.gguf": q(7) }, gguf: { total: TINY_TOTAL, architecture: "llama", context_length: 256 } },
  "test-org/Bare-GGUF": { files: { "tiny.Q8_0.gguf": q(7) } },
  "test-org/Tiny-With-Config": { files: { "config.json": tinyLlamaConfig(), "README.md": README, "tiny.Q8_0.gguf": q(7, { ropeFreqs: true }) } },
  "test-org/Tiny-Mismatch": { files: { "config.json": { ...tinyLlamaConfig(), intermediate_size: 256 }, "tiny.Q8_0.gguf": q(7) } },
  "test-org/Tiny-Stub-Config": { files: { "config.json": { model_type: "llama" }, "tiny.Q8_0.gguf": q(7) } },
  "test-org/Tiny-Split": {
    files: {
      "README.md": README,
      "Q8_0/tiny-Q8_0-00001-of-00002.gguf": { metadata: q(7).metadata, tensors: q(7).tensors.slice(0, 5) },
      "Q8_0/tiny-Q8_0-00002-of-00002.gguf": { metadata: {}, tensors: q(7).tensors.slice(5) },
      "Q2_K/tiny-Q2_K-00001-of-00002.gguf": { metadata: q(10).metadata, tensors: q(10).tensors.slice(0, 5) },
      "Q2_K/tiny-Q2_K-00002-of-00002.gguf": { metadata: {}, tensors: q(10).tensors.slice(5) },
    },
    // The second Q2_K shard is not in the repo's file list.
    unlisted: ["Q2_K/tiny-Q2_K-00002-of-00002.gguf"],
  },
  "test-org/Broken-GGUF": { files: { "README.md": README, "broken.Q4_0.gguf": hostileGguf(), "tiny.Q8_0.gguf": q(7), "gone.Q2_K.gguf": q(10) } },
  "test-org/Many-GGUF": { files: { "README.md": README, ...Object.fromEntries(["Q2_K", "Q3_K_M", "Q4_0", "Q4_K_M", "Q5_K_M", "Q6_K", "Q8_0"].map((t, i) => [`tiny.${t}.gguf`, q(i)])) } },
  "test-org/Gated-GGUF": { files: { "README.md": README, "tiny.Q8_0.gguf": q(7) }, gated: "manual", gguf: { total: TINY_TOTAL - 6_400 } },
};

let sim: Awaited<ReturnType<typeof startHubSimulator>>;
let home: string;
const repos = Object.entries(SPECS).map(([id, spec]) => ggufRepo(id, spec));
const shaOf = (id: string) => repos.find((r) => r.id === id)!.sha;

beforeAll(async () => {
  sim = await startHubSimulator({ repos, tokens: { [TOKEN]: ["test-org/Gated-GGUF"] } });
});
afterAll(async () => sim.close());
beforeEach(() => {
  sim.reset();
  sim.setFaults([]);
  home = mkdtempSync(join(tmpdir(), "mc-hub-gguf-"));
});

function audit(inputs: string[], accessToken: string | null = null): Promise<Report> {
  return analyze(inputs, { config: false, hub: { endpoint: sim.hubUrl, accessToken, env: { MODELCHECK_CACHE: join(home, "modelcheck"), HF_HOME: join(home, "hf") }, hooks: { retry: { attempts: 1 } } } });
}

const summary = (r: TargetResult) => [r.target, r.kind, r.status];

/** Every range read of a GGUF file, as [file, start, end]. */
function ggufReads(): { file: string; start: number; end: number }[] {
  const byEtag = new Map<string, string>();
  for (const repo of repos) for (const [name, f] of repo.files) if (f.lfs) byEtag.set(f.etag, `${repo.id}/${name}`);
  return sim.exchanges
    .filter((e: { origin: string; range: string | null }) => e.origin === "cdn" && e.range)
    .map((e: { path: string; range: string }) => {
      const [start, end] = e.range.slice(6).split("-").map(Number);
      return { file: byEtag.get(e.path.split("?")[0]!.split("/").pop()!)!, start: start!, end: end! };
    });
}

/** No read reaches a file's tensor data: every Range ends before its data offset, and the CDN served no byte past a header. */
function expectHeadersOnly(): void {
  const offsets: Record<string, number> = {};
  for (const [id, spec] of Object.entries(SPECS)) for (const [name, offset] of Object.entries(dataOffsets(spec))) offsets[`${id}/${name}`] = offset;
  const reads = ggufReads();
  expect(reads.length).toBeGreaterThan(0);
  for (const read of reads) expect(read.end, `${read.file} ${read.start}-${read.end}`).toBeLessThan(offsets[read.file]!);
  expect(sim.stats.weightBytes).toBe(0);
  expect(sim.stats.cdnAuthorization).toBe(0);
}

describe("a repo with GGUF files only", () => {
  it("gives one result per GGUF file, each with parameters.checkpoint from the file, and no MC50x finding", async () => {
    const report = await audit(["test-org/Tiny-GGUF"]);
    const sha = shaOf("test-org/Tiny-GGUF");
    // The repo's own result holds its model card; then one result per file.
    expect(report.results.map(summary)).toEqual([
      ["test-org/Tiny-GGUF", "hub", "ok"],
      ["test-org/Tiny-GGUF/tiny.Q4_K_M.gguf", "gguf", "ok"],
      ["test-org/Tiny-GGUF/tiny.Q8_0.gguf", "gguf", "ok"],
    ]);
    const [, q4] = report.results;
    expect(q4!.revision).toBe(sha);
    expect(q4!.facts!.gguf).toMatchObject({ file: "tiny.Q4_K_M.gguf", fileType: "Q4_K_M", architecture: "llama", parameterCount: TINY_TOTAL, reconciliation: null });
    expect(q4!.facts!.parameters!.total).toBe(TINY_TOTAL);
    expect(q4!.facts!.parameters!.checkpoint).toEqual({
      total: TINY_TOTAL,
      logical: TINY_TOTAL,
      byDtype: { Q8_0: TINY_TOTAL - 320, F32: 320 },
      source: "gguf",
      files: 1,
      tensors: 21,
      compared: false,
      differences: [],
      notes: ["no config.json: the parameter count is the sum of the file's own tensors"],
    });
    for (const r of report.results) expect(r.findings.filter((f) => f.ruleId.startsWith("MC5"))).toEqual([]);
    expectHeadersOnly();
    const validate = draft07Validator("report.schema.json");
    const json = JSON.parse(jsonReporter(report, { rules: RULES.map((r) => r.meta), version: "0", ruleDocs: {}, color: false, cwd: home }));
    expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it("does not fail with nothing to check when the repo has no card either", async () => {
    const report = await audit(["test-org/Bare-GGUF"]);
    expect(report.results.map(summary)).toEqual([["test-org/Bare-GGUF/tiny.Q8_0.gguf", "gguf", "ok"]]);
  });

  it("compares the Hub's gguf.total with the header's sum, and notes a difference", async () => {
    const same = await audit(["test-org/Tiny-GGUF:Q8_0"]);
    // gguf.total 86,848 = the sum of the file's tensors: nothing to say.
    expect(same.results[0]!.facts!.parameters!.checkpoint!.notes).toEqual(["no config.json: the parameter count is the sum of the file's own tensors"]);
    const differs = await audit(["test-org/Gated-GGUF"], TOKEN);
    const g = differs.results.find((r) => r.kind === "gguf")!;
    expect(g.facts!.parameters!.checkpoint!.notes).toContain("the Hub's gguf.total for the repo is 80,448, this file's tensors sum to 86,848 (the Hub counts one of the repo's GGUF files)");
  });
});

describe("a repo with config.json and GGUF files", () => {
  it("reports the config, then each GGUF reconciled against it: a stored buffer explained, nothing unexplained", async () => {
    const report = await audit(["test-org/Tiny-With-Config"]);
    expect(report.results.map(summary)).toEqual([
      ["test-org/Tiny-With-Config", "hub", "ok"],
      ["test-org/Tiny-With-Config/tiny.Q8_0.gguf", "gguf", "ok"],
    ]);
    const g = report.results[1]!.facts!;
    // The config's count (same layout) and the file's: + rope_freqs.weight [8], a buffer llama.cpp stores.
    expect(g.parameters!.total).toBe(TINY_TOTAL);
    expect(g.parameters!.checkpoint).toMatchObject({ total: TINY_TOTAL + 8, logical: TINY_TOTAL + 8, source: "gguf", compared: true });
    expect(g.parameters!.checkpoint!.differences).toEqual([{ tensor: "rope_freqs.weight", count: 8, reason: expect.stringContaining("buffer"), kind: "buffer", tensors: 1 }]);
    expect(g.gguf!.reconciliation).toMatchObject({ configTotal: TINY_TOTAL, ggufTotal: TINY_TOTAL + 8, unexplained: 0 });
    expect(report.results[1]!.findings.filter((f) => f.ruleId.startsWith("MC5")).map((f) => [f.ruleId, f.severity])).toEqual([["MC505", "info"]]);
    // config.json's own findings (MC203: a vocabulary of 100) are the repo result's, not repeated for the GGUF file.
    expect(report.results[0]!.findings.filter((f) => f.location.file === "config.json").map((f) => f.ruleId)).toContain("MC203");
    expect(report.results[1]!.findings.filter((f) => f.location.file === "config.json")).toEqual([]);
  });

  it("reports a real mismatch: a config whose feed-forward is twice the file's (MC503)", async () => {
    const report = await audit(["test-org/Tiny-Mismatch"]);
    const g = report.results.find((r) => r.kind === "gguf")!;
    // d_ff 256 in the config against 128 in the file: 2 layers × 3 × 64 × 128 fewer values stored.
    const mlp = 2 * 3 * 64 * 128;
    expect(g.facts!.parameters!.total).toBe(TINY_TOTAL + mlp);
    expect(g.facts!.parameters!.checkpoint!.differences).toEqual([{ tensor: "(mlp tensors)", count: -mlp, reason: "the file stores 49,152 mlp parameters, the config implies 98,304", kind: "missing", tensors: 6 }]);
    expect(g.findings.filter((f) => f.ruleId.startsWith("MC5")).map((f) => [f.ruleId, f.severity, f.location.file])).toEqual([["MC503", "error", "tiny.Q8_0.gguf"]]);
  });

  it("does not let a stub config.json ({\"model_type\": \"llama\"}) replace the file's metadata", async () => {
    const report = await audit(["test-org/Tiny-Stub-Config"]);
    const g = report.results.find((r) => r.kind === "gguf")!;
    expect(g.facts!.parameters!.total).toBe(TINY_TOTAL);
    expect(g.facts!.gguf!.reconciliation).toBeNull();
    expect(g.facts!.parameters!.checkpoint!.compared).toBe(false);
  });
});

describe("selecting files: org/name:TAG", () => {
  it("reads only the files the tag selects, case-insensitively, without the repo's own result", async () => {
    const report = await audit(["test-org/Tiny-GGUF:q4_k_m"]);
    expect(report.results.map(summary)).toEqual([["test-org/Tiny-GGUF/tiny.Q4_K_M.gguf", "gguf", "ok"]]);
    expect(new Set(ggufReads().map((r) => r.file))).toEqual(new Set(["test-org/Tiny-GGUF/tiny.Q4_K_M.gguf"]));
  });

  it("takes a file name, and a revision before the tag", async () => {
    const sha = shaOf("test-org/Tiny-GGUF");
    const report = await audit([`test-org/Tiny-GGUF@${sha}:tiny.Q8_0.gguf`]);
    expect(report.results.map((r) => [r.target, r.revision])).toEqual([["test-org/Tiny-GGUF/tiny.Q8_0.gguf", sha]]);
  });

  it("fails an unknown tag in one line naming the tags there are; a partial tag is not a match", async () => {
    const report = await audit(["test-org/Tiny-GGUF:Q5_K_S", "test-org/Tiny-GGUF:Q4_K"]);
    for (const [i, tag] of ["Q5_K_S", "Q4_K"].entries()) {
      expect(report.results[i]).toMatchObject({
        target: `test-org/Tiny-GGUF:${tag}`,
        status: "failed",
        error: { code: "gguf-tag-not-found", message: `test-org/Tiny-GGUF:${tag}: no GGUF file matches ":${tag}" (a quant tag, or a file name ending in .gguf); available: Q4_K_M, Q8_0` },
      });
    }
    // Decided from the model info's file list: no file was read.
    expect(ggufReads()).toEqual([]);
  });

  it("refuses the tag before the revision, with the order to use", async () => {
    const report = await audit(["test-org/Tiny-GGUF:Q8_0@main"]);
    expect(report.results[0]!.error!.message).toContain("put the revision before the GGUF tag, as org/name@revision:TAG (here test-org/Tiny-GGUF@main:Q8_0)");
  });
});

describe("split GGUF models on the Hub", () => {
  it("reads a split model once, from all its shards; a shard missing from the repo fails that model alone", async () => {
    const report = await audit(["test-org/Tiny-Split"]);
    expect(report.results.map(summary)).toEqual([
      ["test-org/Tiny-Split", "hub", "ok"],
      ["test-org/Tiny-Split/Q2_K/tiny-Q2_K-00001-of-00002.gguf", "gguf", "failed"],
      ["test-org/Tiny-Split/Q8_0/tiny-Q8_0-00001-of-00002.gguf", "gguf", "ok"],
    ]);
    expect(report.results[1]!.error).toEqual({ code: "entry-not-found", message: "test-org/Tiny-Split/Q2_K/tiny-Q2_K-00001-of-00002.gguf: Q2_K/tiny-Q2_K-00002-of-00002.gguf: not in the repo at this revision (the split model Q2_K/tiny-Q2_K-00001-of-00002.gguf has 2 shards)" });
    const split = report.results[2]!.facts!;
    expect(split.gguf!.files).toEqual(["Q8_0/tiny-Q8_0-00001-of-00002.gguf", "Q8_0/tiny-Q8_0-00002-of-00002.gguf"]);
    expect(split.gguf!.tensorCount).toBe(21);
    expect(split.parameters!.checkpoint).toMatchObject({ total: TINY_TOTAL, files: 2, tensors: 21, source: "gguf" });
    expectHeadersOnly();
  });
});

describe("files that cannot be read", () => {
  it("fails a hostile header and a file the Hub answers 404 for, in one line each; the others are still reported", async () => {
    sim.setFaults([{ match: (r: { path: string }) => r.path.endsWith("/gone.Q2_K.gguf"), times: 99, status: 404, headers: { "x-error-code": "EntryNotFound", "x-error-message": "Entry not found" } }]);
    const report = await audit(["test-org/Broken-GGUF", "test-org/Bare-GGUF"]);
    expect(report.results.map(summary)).toEqual([
      ["test-org/Broken-GGUF", "hub", "ok"],
      ["test-org/Broken-GGUF/broken.Q4_0.gguf", "gguf", "failed"],
      ["test-org/Broken-GGUF/gone.Q2_K.gguf", "gguf", "failed"],
      ["test-org/Broken-GGUF/tiny.Q8_0.gguf", "gguf", "ok"],
      ["test-org/Bare-GGUF/tiny.Q8_0.gguf", "gguf", "ok"],
    ]);
    expect(report.results[1]!.error).toEqual({ code: "malformed-gguf", message: "test-org/Broken-GGUF/broken.Q4_0.gguf: not a readable GGUF file: the header declares 1099511627776 tensors and 0 metadata entries, more than a 124-byte file can hold (truncated or malformed)" });
    expect(report.results[2]!.error).toEqual({ code: "entry-not-found", message: "test-org/Broken-GGUF/gone.Q2_K.gguf: file not found in the repo at this revision" });
    expect(report.results[1]!.revision).toBe(shaOf("test-org/Broken-GGUF"));
    // The hostile file cost one 24-byte read.
    expect(ggufReads().filter((r) => r.file.endsWith("broken.Q4_0.gguf"))).toEqual([{ file: "test-org/Broken-GGUF/broken.Q4_0.gguf", start: 0, end: 23 }]);
  });
});

describe("the token and the CDN", () => {
  it("sends the token to the Hub's resolve URL only: the LFS redirect to the CDN drops it; no output holds it", async () => {
    const report = await audit(["test-org/Gated-GGUF"], TOKEN);
    expect(report.results.map(summary)).toEqual([
      ["test-org/Gated-GGUF", "hub", "ok"],
      ["test-org/Gated-GGUF/tiny.Q8_0.gguf", "gguf", "ok"],
    ]);
    const resolves = sim.exchanges.filter((e: { origin: string; path: string }) => e.origin === "hub" && e.path.includes("/resolve/") && e.path.includes(".gguf"));
    expect(resolves.length).toBeGreaterThan(0);
    expect(resolves.every((e: { authorization: string | null; status: number }) => e.authorization === "present" && e.status === 302)).toBe(true);
    expectHeadersOnly();
    expect(JSON.stringify(report)).not.toContain(TOKEN);
    const anonymous = await audit(["test-org/Gated-GGUF"]);
    expect(anonymous.results).toMatchObject([{ status: "failed", error: { code: "gated" } }]);
  });
});

describe("the default cap and the document cache", () => {
  it("reads at most 4 GGUF models, Q4_K_M first, and names the others (MC510) with a selector", async () => {
    const report = await audit(["test-org/Many-GGUF"]);
    expect(report.results.map((r) => r.target)).toEqual([
      "test-org/Many-GGUF",
      "test-org/Many-GGUF/tiny.Q2_K.gguf",
      "test-org/Many-GGUF/tiny.Q3_K_M.gguf",
      "test-org/Many-GGUF/tiny.Q4_0.gguf",
      "test-org/Many-GGUF/tiny.Q4_K_M.gguf",
    ]);
    const note = report.results[0]!.findings.find((f) => f.ruleId === "MC510")!;
    expect(note).toMatchObject({ severity: "info", location: { file: "README.md" } });
    expect(note.message).toBe("3 more GGUF model(s) in the repo were not read: tiny.Q5_K_M.gguf, tiny.Q6_K.gguf, tiny.Q8_0.gguf; select one with test-org/Many-GGUF:Q5_K_M");
    expect(new Set(ggufReads().map((r) => r.file.split("/").pop()))).toEqual(new Set(["tiny.Q2_K.gguf", "tiny.Q3_K_M.gguf", "tiny.Q4_0.gguf", "tiny.Q4_K_M.gguf"]));
  });

  it("re-runs at a full sha with no request; another tag at that sha reads only its file", async () => {
    const sha = shaOf("test-org/Many-GGUF");
    const first = await audit(["test-org/Many-GGUF"]);
    sim.reset();
    const again = await audit([`test-org/Many-GGUF@${sha}`]);
    expect(sim.stats.requests).toBe(0);
    expect(again.results[0]!.target).toBe(`test-org/Many-GGUF@${sha}`);
    expect(again.results.slice(1).map((r) => [r.target, r.facts?.parameters?.checkpoint?.total])).toEqual(first.results.slice(1).map((r) => [r.target, TINY_TOTAL]));
    const other = await audit([`test-org/Many-GGUF@${sha}:Q8_0`]);
    expect(other.results.map(summary)).toEqual([["test-org/Many-GGUF/tiny.Q8_0.gguf", "gguf", "ok"]]);
    // No model info (the cached commit lists the files): only the range reads of tiny.Q8_0.gguf and its redirect.
    expect(sim.exchanges.filter((e: { path: string }) => e.path.startsWith("/api/models/"))).toEqual([]);
    expect(new Set(ggufReads().map((r) => r.file))).toEqual(new Set(["test-org/Many-GGUF/tiny.Q8_0.gguf"]));
    sim.reset();
    await audit([`test-org/Many-GGUF@${sha}:Q8_0`]);
    expect(sim.stats.requests).toBe(0);
  });
});

describe("reports of Hub GGUF results", () => {
  it("SARIF links findings in a Hub GGUF file to its page at the commit", async () => {
    const report = await audit(["test-org/Tiny-Mismatch"]);
    const sarif = JSON.parse(sarifReporter(report, { rules: RULES.map((r) => r.meta), version: "0", ruleDocs: {}, color: false, cwd: home }));
    const uris = sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toContain(`https://huggingface.co/test-org/Tiny-Mismatch/blob/${shaOf("test-org/Tiny-Mismatch")}/tiny.Q8_0.gguf`);
  });
});
