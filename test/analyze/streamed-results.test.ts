import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, analyzeStream } from "../../src/analyze/analyze.js";
import { REPORTERS } from "../../src/reporters/index.js";
import { wholeReport } from "../../src/reporters/reporter.js";
import { draft07Validator } from "../helpers/schemas.js";
import { ROOT, runCli } from "../helpers/run-cli.js";
import { context } from "../reporters/fixture-report.js";

const MISTRAL = readFileSync(join(ROOT, "fixtures", "configs", "mistralai--Mistral-7B-v0.1.json"), "utf8");
const MPT = readFileSync(join(ROOT, "fixtures", "configs", "mosaicml--mpt-7b.json"), "utf8");

/** A repository with one model folder per config, named a, b, c… so the glob order is known. */
function models(configs: string[]): { root: string; folders: string[] } {
  const root = mkdtempSync(join(tmpdir(), "mc-stream-"));
  const folders = configs.map((config, i) => {
    const folder = join(root, "models", String.fromCharCode(97 + i));
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "config.json"), config);
    return folder;
  });
  return { root, folders };
}

describe("analyzeStream", () => {
  it("yields each result before the next target is read", async () => {
    const { folders } = models([MISTRAL, MPT, MISTRAL]);
    const stream = analyzeStream(folders, { config: false });
    const first = await stream.next();
    expect(first.value).toMatchObject({ status: "ok", facts: { modelType: "mistral" } });
    // Removed after the first result was yielded: a stream that had read ahead would still see it.
    rmSync(join(folders[2]!, "config.json"));
    const rest: string[] = [];
    for await (const result of stream) rest.push(result.status);
    expect(rest).toEqual(["ok", "failed"]);
  });

  it("gives the same results, in the same order, as analyze()", async () => {
    const { folders } = models([MPT, MISTRAL, "{ not json", MPT]);
    rmSync(join(folders[1]!, "config.json"));
    const streamed = [];
    for await (const result of analyzeStream(folders, { config: false })) streamed.push(result);
    expect(streamed).toEqual((await analyze(folders, { config: false })).results);
    expect(streamed.map((r) => [r.status, r.findings.length > 0])).toEqual([["ok", false], ["failed", false], ["ok", true], ["ok", false]]);
  });
});

describe("streamed reports", () => {
  const validate = draft07Validator("report.schema.json");

  it("the CLI's JSON written as results arrive is valid and sums up what the whole report does", async () => {
    const { root, folders } = models([MISTRAL, MPT, "[]"]);
    const run = runCli(["models", "-f", "json", "-o", "out.json"], { cwd: root });
    expect(run.code).toBe(1);
    const written = readFileSync(join(root, "out.json"), "utf8");
    expect(validate(JSON.parse(written))).toBe(true);
    const report = await analyze(folders, { config: false, cwd: root });
    const whole = wholeReport(await REPORTERS.json!())({ ...report, results: report.results.map((r) => ({ ...r, target: r.target.replace(`${root}/`, "") })) }, { ...context, cwd: root });
    expect(JSON.parse(written).results.map((r: { status: string }) => r.status)).toEqual(["ok", "ok", "ok"]);
    expect(JSON.parse(written).summary).toEqual(JSON.parse(whole).summary);
  });

  it("a run stopped by a bad config file keeps the previous report file and leaves no temporary file", () => {
    const { root } = models([MISTRAL, MPT]);
    writeFileSync(join(root, "out.json"), "previous report\n");
    writeFileSync(join(root, "models", "b", "modelcheck.config.yaml"), "rules:\n  MC003: warn\n");
    // Config files are looked up from each target: models/b's is met after models/a's result is written.
    const run = runCli(["models/a", "models/b", "-f", "json", "-o", "out.json"], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("rules.MC003");
    expect(readFileSync(join(root, "out.json"), "utf8")).toBe("previous report\n");
    expect(readdirSync(root).sort()).toEqual(["models", "out.json"]);
  });
});
