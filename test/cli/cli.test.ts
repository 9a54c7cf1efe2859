import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { VERSION } from "../../src/version.js";
import { ROOT, runCli } from "../helpers/run-cli.js";

const MISTRAL = "fixtures/configs/mistralai--Mistral-7B-v0.1.json";

describe("modelcheck CLI", () => {
  it("reports Mistral-7B-v0.1 exactly: 7,241,732,096 parameters, GQA group 4, d_head 128 (Hub safetensors.total)", () => {
    const r = runCli([MISTRAL]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("7,241,732,096");
    expect(r.stdout).toMatch(/GQA 32 heads \/ 8 KV heads \(group 4\), d_head 128/);
    expect(r.stdout).toContain("where the parameters live");
  });

  it("--version prints the package version", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(runCli(["--version"]).stdout.trim()).toBe(pkg.version);
    expect(VERSION).toBe(pkg.version);
  });

  it("--help lists the options and examples", () => {
    const r = runCli(["--help"]);
    expect(r.code).toBe(0);
    for (const option of ["--format", "--output", "--max-warnings", "--quiet", "--no-color", "--debug", "--exit-zero", "Examples:"]) expect(r.stdout).toContain(option);
  });

  it("bad arguments exit 2 with a one-line message and no report", () => {
    const r = runCli([MISTRAL, "--format", "yaml"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/yaml/);
    expect(runCli([]).code).toBe(2);
    expect(runCli([MISTRAL, "--max-warnings", "lots"]).code).toBe(2);
  });

  it("--max-warnings turns warnings into exit 1; --exit-zero turns 1 into 0 but never 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "modelcheck-cli-"));
    const mislabelled = join(dir, "tiny-1B.json");
    const config = readFileSync(join(ROOT, MISTRAL), "utf8");
    writeFileSync(mislabelled, config);
    expect(runCli([mislabelled]).code).toBe(0);
    expect(runCli([mislabelled, "--max-warnings", "0"]).code).toBe(1);
    expect(runCli([mislabelled, "--max-warnings", "1"]).code).toBe(0);
    expect(runCli([mislabelled, "--max-warnings", "0", "--exit-zero"]).code).toBe(0);
    expect(runCli([mislabelled, "missing.json", "--exit-zero"]).code).toBe(2);
  });

  it("--quiet reports errors only", () => {
    const r = runCli(["fixtures/configs/google--gemma-2-2b-it.json", "--quiet", "-f", "json"]);
    const report = JSON.parse(r.stdout);
    expect(report.results[0].findings).toEqual([]);
    expect(report.summary.infos).toBe(0);
  });

  it("-o writes the report to a file", () => {
    const out = join(mkdtempSync(join(tmpdir(), "modelcheck-out-")), "report.json");
    const r = runCli([MISTRAL, "-f", "json", "-o", out]);
    expect(r.stdout).toBe("");
    expect(JSON.parse(readFileSync(out, "utf8")).results[0].facts.parameters.total).toBe(7_241_732_096);
  });

  it("colours only on a TTY and never under NO_COLOR", () => {
    // spawnSync pipes stdout, so it is not a TTY: no escape codes even without NO_COLOR.
    expect(runCli([MISTRAL], { env: { NO_COLOR: "" } }).stdout).not.toContain("\u001b[");
  });

  it("folders and quoted globs expand to every config", () => {
    const folder = runCli(["fixtures/configs", "-f", "json"]);
    const glob = runCli(["fixtures/configs/*Llama*.json", "-f", "json"]);
    expect(JSON.parse(glob.stdout).results.length).toBeGreaterThan(3);
    expect(JSON.parse(glob.stdout).results.every((r: { target: string }) => /Llama/.test(r.target))).toBe(true);
    expect(folder.code).toBe(2); // fixtures/configs holds no config.json
    expect(runCli(["examples", "-f", "json"]).code).toBe(0);
  });
});
