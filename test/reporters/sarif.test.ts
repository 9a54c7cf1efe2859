import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../rules/index.js";
import { analyze } from "../../src/index.js";
import { sarifReporter } from "../../src/reporters/sarif.js";
import { readRuleDocs } from "../../src/cli/rule-docs.js";
import { ROOT } from "../helpers/run-cli.js";
import { sarifValidator } from "../helpers/schemas.js";

const metas = RULES.map((r) => r.meta);
const context = { rules: metas, version: "0.1.0", ruleDocs: readRuleDocs(metas), color: false, cwd: ROOT };
const TARGETS = ["examples", "fixtures/configs/google--gemma-2-2b-it.json", "missing.json"];

async function sarif() {
  const dir = mkdtempSync(join(tmpdir(), "modelcheck-sarif-"));
  const broken = join(dir, "broken-7B.json");
  writeFileSync(broken, '{\n  "model_type": "llama",\n  "hidden_size": "4096",\n  "num_hidden_layers": 0\n}\n');
  const report = await analyze([...TARGETS, broken], { cwd: ROOT });
  return JSON.parse(sarifReporter(report, context));
}

describe("sarif reporter", () => {
  it("validates against the official SARIF 2.1.0 schema (ajv 2020-12, default options)", async () => {
    const log = await sarif();
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it("lists every rule with descriptions, help and level, and results point at regions", async () => {
    const log = await sarif();
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(metas.map((m) => m.code));
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text && rule.fullDescription.text && rule.help.text && rule.help.markdown && rule.helpUri).toBeTruthy();
    }
    const mc003 = run.results.filter((r: { ruleId: string }) => r.ruleId === "MC003");
    expect(mc003.map((r: { locations: { physicalLocation: { region: { startLine: number } } }[] }) => r.locations[0]!.physicalLocation.region.startLine)).toEqual([3, 4]);
    expect(run.results[0].locations[0].physicalLocation.artifactLocation.uriBaseId).toBe("%SRCROOT%");
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(run.invocations[0].toolExecutionNotifications[0].message.text).toContain("missing.json");
  });

  it("keeps fingerprints stable across runs, and distinct within one", async () => {
    const inRepo = (log: { runs: { results: { partialFingerprints: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uriBaseId?: string } } }[] }[] }[] }) =>
      log.runs[0]!.results.filter((r) => r.locations[0]!.physicalLocation.artifactLocation.uriBaseId).map((r) => r.partialFingerprints["modelcheck/v1"]);
    const a = inRepo(await sarif());
    expect(a.length).toBeGreaterThan(2);
    expect(inRepo(await sarif())).toEqual(a);
    expect(new Set(a).size).toBe(a.length);
  });

  it("passes Microsoft's SARIF validator with its GitHub rules (Sarif;Gh)", async () => {
    const require = createRequire(import.meta.url);
    const tool = require("@microsoft/sarif-multitool-linux") as string;
    chmodSync(tool, 0o755);
    const dir = mkdtempSync(join(tmpdir(), "modelcheck-multitool-"));
    const input = join(dir, "report.sarif");
    const output = join(dir, "validation.sarif");
    const log = await sarif();
    // Results outside the checkout (the temp file) are not what GitHub ingests; validate the in-repo ones.
    log.runs[0].results = log.runs[0].results.filter((r: { locations: { physicalLocation: { artifactLocation: { uriBaseId?: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uriBaseId);
    writeFileSync(input, JSON.stringify(log, null, 2));
    const run = spawnSync(tool, ["validate", input, "--rule-kind", "Sarif;Gh", "-o", output, "--log", "ForceOverwrite"], { encoding: "utf8", env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: "1" } });
    expect(run.error).toBeUndefined();
    const validation = JSON.parse(readFileSync(output, "utf8"));
    const problems = validation.runs[0].results.filter((r: { level?: string }) => r.level === "error" || r.level === undefined || r.level === "warning");
    expect(problems.map((r: { ruleId: string; message: { text?: string; arguments?: string[] } }) => `${r.ruleId} ${r.message.text ?? r.message.arguments?.join(" ")}`)).toEqual([]);
  });
});
