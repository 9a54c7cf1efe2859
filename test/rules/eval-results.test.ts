import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evalResultsInvalid } from "../../rules/eval-results-invalid.js";
import { analyzeDocuments } from "../../src/analyze/analyze-documents.js";
import { analyze } from "../../src/index.js";
import { parseEvalResultsBytes, parseEvalResultsText } from "../../src/sources/read-eval-results.js";

/** Findings of MC313 on one results file, as "line:column severity message". */
function findings(yaml: string): string[] {
  const file = parseEvalResultsText(yaml, ".eval_results/x.yaml");
  const result = analyzeDocuments({ config: null, name: "m", evalResults: [file] }, { input: "m", kind: "directory", revision: null }, { rules: [evalResultsInvalid], ruleSettings: {}, cwd: "/" });
  return result.findings.map((f) => `${f.location.line}:${f.location.column} ${f.severity} ${f.message}`);
}

// The spec's own examples (hub-docs eval-results.md): all the keys, and the required ones only.
const FULL = `- dataset:
    id: cais/hle
    task_id: default
    revision: 5503434ddd753f426f4b38109466949a1217c2bb
  value: 20.90
  verifyToken: abc
  date: "2025-01-15"
  source:
    url: https://huggingface.co/spaces/SaylorTwift/smollm3-mmlu-pro
    name: Eval traces
    user: SaylorTwift
  notes: "no-tools"
`;
const MINIMAL = `- dataset:
    id: Idavidrein/gpqa
    task_id: gpqa_diamond
  value: 0.412
`;

describe("MC313 eval-results-invalid", () => {
  it.each([
    ["every key of the spec", FULL],
    ["the required keys only", MINIMAL],
    ["a date-time with a zone", MINIMAL + `  date: 2025-01-15T10:30:00Z\n`],
    ["an empty list", "[]\n"],
  ])("valid: %s", (_name, yaml) => {
    expect(findings(yaml)).toEqual([]);
  });

  it("points at each problem's line: missing task_id, a URL for an id, a string value, Feb 30, a source without url, an unknown key", () => {
    const yaml = `- dataset:
    id: https://huggingface.co/datasets/cais/hle
    task-id: default
  value: "20.9%"
  date: 2025-02-30
  source:
    name: paper
`;
    expect(findings(yaml)).toEqual([
      "1:3 error result 1.dataset has no task_id: the Hub's format requires it",
      '2:5 error result 1.dataset.id "https://huggingface.co/datasets/cais/hle" is not a Hub dataset id (org/name) (use "cais/hle")',
      '3:5 warning result 1.dataset has an unknown key "task-id" (the format knows id, task_id, revision)',
      '4:3 error result 1.value must be a number, found "20.9%"',
      '5:3 error result 1.date "2025-02-30" is not an ISO-8601 date or date-time (2025-01-15 or 2025-01-15T10:30:00Z)',
      "6:3 error result 1.source has no url: the Hub's format requires it",
    ]);
  });

  it("names the result by its position and reports missing dataset and value", () => {
    expect(findings(`${MINIMAL}- notes: x\n`)).toEqual([
      "5:3 error result 2 has no dataset: the Hub's format requires it",
      "5:3 error result 2 has no value: the Hub's format requires it",
    ]);
  });

  it.each([
    ["a mapping instead of a list", "dataset:\n  id: cais/hle\nvalue: 1\n", "1:1 error the file must be a list of results (each item starting with `- dataset:`), found a mapping"],
    ["a scalar item", "- 42\n", '1:3 error result 1 must be a mapping, found a number 42'],
    ["invalid YAML", "- dataset: [1, 2\n", /^2:1 error invalid YAML: .*: the Hub cannot read these results$/],
  ])("a file that is not a list of results: %s", (_name, yaml, expected) => {
    const got = findings(yaml);
    expect(got).toHaveLength(1);
    if (typeof expected === "string") expect(got[0]).toBe(expected);
    else expect(got[0]).toMatch(expected);
  });

  it("refuses oversized and non-UTF-8 files before parsing them", () => {
    expect(parseEvalResultsBytes(new Uint8Array(1024 * 1024 + 1), "x.yaml").problem?.kind).toBe("too-large");
    expect(parseEvalResultsBytes(Uint8Array.from([0x2d, 0x20, 0xff, 0xfe]), "x.yaml").problem?.kind).toBe("invalid-utf8");
  });

  it("a model folder's .eval_results/*.yaml are read and each finding names its file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "modelcheck-eval-"));
    mkdirSync(join(dir, ".eval_results"));
    writeFileSync(join(dir, "config.json"), JSON.stringify({ architectures: ["LlamaForCausalLM"], model_type: "llama", hidden_size: 64, intermediate_size: 128, num_hidden_layers: 2, num_attention_heads: 4, vocab_size: 128 }));
    writeFileSync(join(dir, ".eval_results", "gpqa.yaml"), MINIMAL);
    writeFileSync(join(dir, ".eval_results", "hle.yaml"), "- dataset:\n    id: cais/hle\n    task_id: default\n  value: high\n");
    writeFileSync(join(dir, ".eval_results", "notes.txt"), "not a results file");
    const report = await analyze([dir], { cwd: dir });
    const mc313 = report.results[0]!.findings.filter((f) => f.ruleId === "MC313");
    expect(mc313.map((f) => `${f.location.file}:${f.location.line}`)).toEqual([".eval_results/hle.yaml:4"]);
  });
});
