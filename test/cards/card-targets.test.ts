import { describe, expect, it } from "vitest";
import { analyze } from "../../src/index.js";
import { ROOT, runCli } from "../helpers/run-cli.js";

const cardFindings = (result: { findings: { ruleId: string; location: { file: string } }[] }) => result.findings.filter((f) => /^MC[34]\d\d$/.test(f.ruleId));

describe("model cards as targets", () => {
  it("a folder with Meta-Llama-3-70B's config and a card claiming 32k context and 16 KV heads: two findings at those table lines", async () => {
    const report = await analyze(["fixtures/cards/llama-3-70b-wrong-table"], { cwd: ROOT });
    const findings = cardFindings(report.results[0]!);
    expect(findings.map((f) => [f.ruleId, f.location])).toEqual([
      ["MC402", { file: "fixtures/cards/llama-3-70b-wrong-table/README.md", pointer: null, line: 21, column: 14 }],
      ["MC403", { file: "fixtures/cards/llama-3-70b-wrong-table/README.md", pointer: null, line: 23, column: 20 }],
    ]);
    // The config's values (fixtures/cards/llama-3-70b-wrong-table/config.json): 8 KV heads, 8192 positions.
    expect(report.results[0]!.findings.find((f) => f.ruleId === "MC402")!.message).toContain("num_key_value_heads = 8");
    expect(report.results[0]!.findings.find((f) => f.ruleId === "MC403")!.message).toContain("max_position_embeddings = 8192");
  });

  it("the realistic card fixtures give only their intended findings", async () => {
    const inputs = [
      "fixtures/cards/llama-3-8b-spec-table",
      "fixtures/cards/mistral-7b-prose",
      "fixtures/cards/qwen2.5-7b-spec-list",
      "fixtures/cards/broken-yaml/README.md",
      "fixtures/cards/license-other/README.md",
      "fixtures/cards/no-front-matter/README.md",
      "fixtures/cards/sentiment-model-index/README.md",
    ];
    const report = await analyze(inputs, { cwd: ROOT });
    expect(report.results.map((r) => [r.target, r.status, cardFindings(r).map((f) => `${f.ruleId}:${f.severity}`)])).toEqual([
      ["fixtures/cards/llama-3-8b-spec-table", "ok", ["MC405:info"]],
      ["fixtures/cards/mistral-7b-prose", "ok", []],
      ["fixtures/cards/qwen2.5-7b-spec-list", "ok", ["MC403:info"]],
      ["fixtures/cards/broken-yaml/README.md", "ok", ["MC302:error"]],
      ["fixtures/cards/license-other/README.md", "ok", []],
      ["fixtures/cards/no-front-matter/README.md", "ok", ["MC301:warning"]],
      ["fixtures/cards/sentiment-model-index/README.md", "ok", []],
    ]);
  });

  it("a lone README.md is a card-only target: no facts, metadata rules only", async () => {
    const [result] = (await analyze(["fixtures/cards/llama-3-70b-wrong-table/README.md"], { cwd: ROOT })).results;
    expect(result).toMatchObject({ status: "ok", facts: null, findings: [] });
  });

  it("a folder without README.md is analyzed as before", async () => {
    const [result] = (await analyze(["examples/Mistral-7B-v0.1"], { cwd: ROOT })).results;
    expect(result!.findings.filter((f) => f.location.file.endsWith("README.md"))).toEqual([]);
  });

  it("SARIF regions point into README.md", () => {
    const { code, stdout } = runCli(["fixtures/cards/llama-3-70b-wrong-table", "-f", "sarif"]);
    expect(code).toBe(0);
    const results = JSON.parse(stdout).runs[0].results.filter((r: { ruleId: string }) => /^MC4/.test(r.ruleId));
    expect(results.map((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: unknown } }[] }) => [r.ruleId, r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region])).toEqual([
      ["MC402", "fixtures/cards/llama-3-70b-wrong-table/README.md", { startLine: 21, startColumn: 14 }],
      ["MC403", "fixtures/cards/llama-3-70b-wrong-table/README.md", { startLine: 23, startColumn: 20 }],
    ]);
  });

  it("broken card metadata exits 1 with a one-line finding, not a stack trace", () => {
    const { code, stdout, stderr } = runCli(["fixtures/cards/broken-yaml/README.md"]);
    expect(code).toBe(1);
    expect(stdout).toContain("README.md:4:1  error  MC302  invalid YAML");
    expect(stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});
