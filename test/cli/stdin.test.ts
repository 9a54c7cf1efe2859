import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/run-cli.js";

const MISTRAL = readFileSync(join(ROOT, "fixtures/configs/mistralai--Mistral-7B-v0.1.json"), "utf8");

describe("- reads standard input (issue 15 item 4)", () => {
  it("counts a config piped in: Mistral-7B-v0.1 is 7,241,732,096 (Hub safetensors.total)", () => {
    const r = runCli(["-", "-f", "json"], { input: MISTRAL });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.results[0].target).toBe("-");
    expect(report.results[0].facts.parameters.total).toBe(7_241_732_096);
  });

  it("--stdin-filename names it in findings, and a .md name makes it a card", () => {
    const card = "---\nlicense: apache2\n---\n# Model\n";
    const r = runCli(["-", "--stdin-filename", "models/x/README.md", "-f", "json"], { input: card });
    const result = JSON.parse(r.stdout).results[0];
    expect(result.status).not.toBe("failed");
    const licence = result.findings.find((f: { message: string }) => /apache2/.test(f.message));
    expect(licence.location.file).toBe("models/x/README.md");
  });

  it("bad JSON on standard input is a finding under <stdin>, not a crash", () => {
    const r = runCli(["-", "-f", "json"], { input: "{ not json" });
    const result = JSON.parse(r.stdout).results[0];
    expect(result.findings[0].ruleId).toBe("MC001");
    expect(result.findings[0].location.file).toBe("<stdin>");
    expect(r.stderr).toBe("");
  });
});
