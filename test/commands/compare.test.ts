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

  it("a failed target is shown and exits 2; one target is a usage error", () => {
    const r = runCli(["compare", LLAMA2, "missing.json"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("✖ missing.json");
    expect(runCli(["compare", LLAMA2]).code).toBe(2);
  });
});
