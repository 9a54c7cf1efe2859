import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/analyze/report.js";
import { readFixtureConfig } from "../helpers/count.js";
import { runCli } from "../helpers/run-cli.js";

/** DESIGN.md's table of statuses and exit codes, file by file, and all of them in one run. */
let dir: string;
const good = readFixtureConfig("mistralai--Mistral-7B-v0.1");

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "modelcheck-malformed-"));
  const write = (name: string, content: string | Uint8Array) => writeFileSync(join(dir, name), content);
  write("good.json", JSON.stringify(good, null, 2));
  write("truncated.json", JSON.stringify(good, null, 2).slice(0, 120));
  write("array.json", "[1, 2, 3]");
  write("strings.json", JSON.stringify({ ...good, hidden_size: "4096", num_hidden_layers: "32" }, null, 2));
  write("zero.json", JSON.stringify({ ...good, num_attention_heads: 0 }, null, 2));
  write("negative.json", JSON.stringify({ ...good, vocab_size: -1 }, null, 2));
  write("huge.json", JSON.stringify({ ...good, hidden_size: 1e300 }, null, 2));
  write("utf8.json", Buffer.concat([Buffer.from('{\n  "model_type": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"\n}')]));
  write("proto.json", `{"__proto__": {"polluted": true}, "model_type": "llama", "hidden_size": 64, "num_hidden_layers": 1, "num_attention_heads": 4, "intermediate_size": 128, "vocab_size": 10, "constructor": {"prototype": {"polluted": true}}}`);
  write("empty.json", "");
  // A 50 MB file, sparse on disk: only its size matters.
  const fd = openSync(join(dir, "big.json"), "w");
  writeSync(fd, "{");
  ftruncateSync(fd, 50 * 1024 * 1024);
  closeSync(fd);
  mkdirSync(join(dir, "empty-folder"));
});

function json(args: string[]): { code: number | null; report: Report; stderr: string } {
  const r = runCli([...args, "-f", "json"], { cwd: dir });
  return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

describe("each malformed input alone", () => {
  it.each([
    ["good.json", 0, "ok", null, true],
    ["truncated.json", 1, "ok", "MC001", false],
    ["array.json", 1, "ok", "MC002", false],
    ["strings.json", 1, "ok", "MC003", false],
    ["zero.json", 1, "ok", "MC003", false],
    ["negative.json", 1, "ok", "MC003", false],
    ["huge.json", 1, "ok", "MC003", false],
    ["utf8.json", 1, "ok", "MC001", false],
    ["empty.json", 1, "ok", "MC001", false],
    ["big.json", 1, "ok", "MC001", false],
    ["proto.json", 0, "ok", null, true],
  ] as const)("%s → exit %i, status %s, %s", (file, exit, status, ruleId, hasParameters) => {
    const { code, report, stderr } = json([file]);
    expect(code).toBe(exit);
    expect(stderr).toBe("");
    const result = report.results[0]!;
    expect(result.status).toBe(status);
    if (ruleId) expect(result.findings.filter((f) => f.severity === "error").map((f) => f.ruleId)).toContain(ruleId);
    else expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(result.facts?.parameters != null).toBe(hasParameters);
  });

  it("reports the line and column of a syntax error", () => {
    const finding = json(["truncated.json"]).report.results[0]!.findings[0]!;
    expect(finding.location.line).toBeGreaterThan(1);
    expect(finding.location.column).toBeGreaterThan(0);
  });

  it("keeps facts that can still be derived when one dim is a string", () => {
    const facts = json(["strings.json"]).report.results[0]!.facts!;
    expect(facts.dims.vocabSize).toBe(32000);
    expect(facts.dims.dModel).toBeNull();
    expect(facts.parameters).toBeNull();
  });

  it.each([
    ["missing.json", "not-found"],
    ["empty-folder", "nothing-to-check"],
    ["nothing-*.json", "not-found"],
    // An unset shell variable: path.resolve("") would be the working directory, which must not be linted instead.
    ["", "not-found"],
  ])("%j → failed, exit 2", (target, code) => {
    const { code: exit, report } = json([target]);
    expect(exit).toBe(2);
    expect(report.results[0]).toMatchObject({ status: "failed", facts: null, error: { code } });
  });
});

describe("all at once", () => {
  it("reports every target in input order, and exit 2 wins", () => {
    const targets = ["missing.json", "good.json", "truncated.json", "array.json", "empty-folder", "proto.json", "big.json", "utf8.json"];
    const { code, report, stderr } = json(targets);
    expect(code).toBe(2);
    expect(stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(report.results.map((r) => r.target)).toEqual(targets);
    expect(report.results.map((r) => r.status)).toEqual(["failed", "ok", "ok", "ok", "failed", "ok", "ok", "ok"]);
    expect(report.results[1]!.facts!.parameters!.total).toBe(7_241_732_096);
    expect(report.summary).toMatchObject({ targets: 8, failed: 2 });
  });

  it("prints no stack trace in text mode either", () => {
    const r = runCli(["missing.json", "truncated.json", "good.json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("7,241,732,096");
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at /);
  });
});

describe("files that are not regular files", () => {
  it("a FIFO named config.json, README.md or .eval_results/*.yaml is reported, not read (which would wait forever)", () => {
    const root = mkdtempSync(join(tmpdir(), "modelcheck-fifo-"));
    mkdirSync(join(root, "card", ".eval_results"), { recursive: true });
    mkdirSync(join(root, "config"));
    writeFileSync(join(root, "card", "config.json"), JSON.stringify({ model_type: "llama", architectures: ["LlamaForCausalLM"], hidden_size: 64, num_attention_heads: 4, num_hidden_layers: 2, vocab_size: 128, intermediate_size: 128 }));
    for (const fifo of ["card/README.md", "card/.eval_results/a.yaml", "config/config.json"]) expect(spawnSync("mkfifo", [join(root, fifo)]).status).toBe(0);
    const r = runCli([root, "-f", "json"]);
    expect(r.code).toBe(2);
    const [card, config] = JSON.parse(r.stdout).results;
    expect(card.findings.map((f: { ruleId: string; message: string }) => `${f.ruleId} ${f.message}`)).toEqual(
      expect.arrayContaining([
        "MC302 README.md cannot be read (not a regular file: a pipe, socket or device)",
        "MC313 file cannot be read (not a regular file: a pipe, socket or device): the Hub cannot read these results",
      ]),
    );
    expect(config).toMatchObject({ status: "failed", error: { code: "unreadable", message: expect.stringContaining("config.json: not a regular file: a pipe, socket or device") } });
  });

  it("a FIFO named *.gguf fails alone, before the GGUF parser could wait on it", () => {
    const root = mkdtempSync(join(tmpdir(), "modelcheck-fifo-gguf-"));
    expect(spawnSync("mkfifo", [join(root, "model.gguf")]).status).toBe(0);
    const r = runCli([root, "-f", "json"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).results[0]).toMatchObject({ kind: "gguf", status: "failed", error: { message: expect.stringContaining("model.gguf: not a regular file") } });
  });
});
