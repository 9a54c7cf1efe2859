import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

const LLAMA2 = "fixtures/configs/meta-llama--Llama-2-70b-hf.json";
const LLAMA3 = "fixtures/configs/meta-llama--Llama-3.1-70B.json";

describe("modelcheck compare", () => {
  it("text: Llama-2-70B against Llama-3.1-70B differ in vocabulary, context and total, not in the GQA layout", () => {
    const r = runCli(["compare", LLAMA2, LLAMA3]);
    expect(r.code).toBe(0);
    const line = (field: string) => r.stdout.split("\n").find((l) => l.slice(2).startsWith(field))!;
    expect(line("vocabulary")).toMatch(/^≠ vocabulary +32,000 +128,256$/);
    expect(line("context")).toMatch(/^≠ /);
    // Llama-2-70b-hf: 68,976,648,192 module parameters (Hub 68,976,653,312 minus 80 × 64 inv_freq); Llama-3.1-70B: 70,553,706,496 (Hub).
    expect(line("parameters")).toMatch(/^≠ parameters +68,976,648,192 +70,553,706,496$/);
    expect(line("attention")).toMatch(/^ {2}attention +GQA +GQA$/);
    expect(line("KV heads")).toMatch(/^ {2}KV heads +8 +8$/);
    // Both use d_ff 28,672 (their configs): the same, so not marked.
    expect(line("d_ff ")).toMatch(/^ {2}d_ff +28,672 +28,672$/);
  });

  it("json: one row per fact with a differs flag, and the full report", () => {
    const out = JSON.parse(runCli(["compare", LLAMA2, LLAMA3, "-f", "json"]).stdout);
    const row = (field: string) => out.rows.find((r: { field: string }) => r.field === field);
    expect(row("vocabulary")).toEqual({ field: "vocabulary", values: [32000, 128256], differs: true });
    expect(row("attention").differs).toBe(false);
    expect(out.report.results).toHaveLength(2);
  });

  it("markdown: a table with the differing facts in bold", () => {
    const md = runCli(["compare", LLAMA2, LLAMA3, "-f", "markdown"]).stdout;
    expect(md).toContain("| **vocabulary** | **32,000** | **128,256** |");
    expect(md).toContain("| attention | GQA | GQA |");
  });

  it("a failed target is one clear line on stderr, no column of dashes, and exits 2; one target is a usage error", () => {
    const r = runCli(["compare", LLAMA2, LLAMA3, "missing.json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("modelcheck compare: missing.json: no such file or directory\n");
    expect(r.stdout).not.toContain("missing");
    expect(r.stdout.split("\n")[0]!.trim().split(/\s+/)).toEqual(["meta-llama--Llama-2-70b-hf", "meta-llama--Llama-3.1-70B"]);
    expect(runCli(["compare", LLAMA2]).code).toBe(2);
  });
});

describe("compare rows and options (issue 15 item 8)", () => {
  const QWEN_MOE = "examples/Qwen3-30B-A3B";

  it("a KV cache row per token, at the model's context and at --context × --batch", () => {
    const r = runCli(["compare", LLAMA2, QWEN_MOE, "--context", "8k", "--batch", "2"]);
    const line = (field: string) => r.stdout.split("\n").find((l) => l.slice(2).startsWith(field))!;
    // Llama-2-70B: 2 (K, V) × 80 layers × 8 KV heads × 128 × 2 B = 327,680 B = 320 KiB; Qwen3-30B-A3B: 2 × 48 × 4 × 128 × 2 = 98,304 B = 96 KiB.
    expect(line("KV cache per token")).toMatch(/ 320 KiB +96 KiB$/);
    // At 8,192 tokens × 2 sequences: 327,680 × 16,384 = 5,368,709,120 B; 98,304 × 16,384 = 1,610,612,736 B.
    expect(line("KV cache at --context")).toMatch(/5\.37 GB \(8,192 tok × 2\) +1\.61 GB \(8,192 tok × 2\)$/);
  });

  it("the MoE rows (Qwen3-30B-A3B's config: 128 experts, 8 per token, moe_intermediate_size 768, 48 MoE layers)", () => {
    const out = JSON.parse(runCli(["compare", LLAMA2, QWEN_MOE, "-f", "json"]).stdout);
    const row = (field: string) => out.rows.find((r: { field: string }) => r.field === field)?.values;
    expect(row("MoE experts")).toEqual([null, 128]);
    expect(row("experts per token")).toEqual([null, 8]);
    expect(row("expert d_ff")).toEqual([null, 768]);
    expect(row("MoE / dense layers")).toEqual([null, "48 / 0"]);
  });

  it("no two rows share a label", () => {
    const out = JSON.parse(runCli(["compare", LLAMA2, QWEN_MOE, "--context", "8k", "-f", "json"]).stdout);
    const labels = out.rows.map((r: { field: string }) => r.field.trim());
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toContain("attention");
    expect(labels).toContain("attention parameters");
  });

  it("-f and -o as the main command takes them: several formats, one output each", () => {
    const dir = mkdtempSync(join(tmpdir(), "modelcheck-compare-"));
    const md = join(dir, "compare.md");
    const r = runCli(["compare", LLAMA2, LLAMA3, "-f", "text", "-f", "markdown", "-o", "-", "-o", md]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("≠ marks the facts that differ.");
    expect(readFileSync(md, "utf8")).toContain("| **vocabulary** | **32,000** | **128,256** |");
    expect(runCli(["compare", LLAMA2, LLAMA3, "-f", "text", "-f", "json"]).code).toBe(2);
  });
});
