import { describe, expect, it } from "vitest";
import { formatSummary, type SummaryRow } from "../../src/reporters/summary-table.js";

const rows: SummaryRow[] = [
  { target: "Qwen/Qwen3-0.6B", advertised: "0.6B (name)", configTotal: 596_049_920, checkpointTotal: 751_632_384, verdict: "1 warning" },
  { target: "org/a,b", advertised: '=1B "x"', configTotal: null, checkpointTotal: null, verdict: "failed (gated)" },
];

describe("formatSummary", () => {
  it("writes RFC 4180 CSV with raw numbers, and neutralizes spreadsheet formulas", () => {
    expect(formatSummary(rows, "csv")).toBe(
      ["target,advertised,config total,checkpoint total,verdict", "Qwen/Qwen3-0.6B,0.6B (name),596049920,751632384,1 warning", `"org/a,b","'=1B ""x""",,,failed (gated)`, ""].join("\n"),
    );
  });

  it("writes a markdown table with grouped numbers, right-aligned, pipes escaped", () => {
    const md = formatSummary([{ ...rows[0]!, target: "a|b" }], "markdown");
    expect(md).toBe("| target | advertised | config total | checkpoint total | verdict |\n|---|---|---:|---:|---|\n| a\\|b | 0.6B (name) | 596,049,920 | 751,632,384 | 1 warning |\n");
  });

  it("aligns a text table, numbers to the right", () => {
    expect(formatSummary(rows, "text").split("\n")).toEqual([
      "target           advertised   config total  checkpoint total  verdict",
      "Qwen/Qwen3-0.6B  0.6B (name)   596,049,920       751,632,384  1 warning",
      `org/a,b          =1B "x"                 —                 —  failed (gated)`,
      "",
    ]);
  });
});

describe("estimates and missing counts in the summary table (issue 15 item 10)", () => {
  const more: SummaryRow[] = [
    { target: "org/custom", advertised: "", configTotal: 370_869_248, configEstimated: true, checkpointTotal: null, verdict: "ok" },
    { target: "org/vision-only", advertised: "", configTotal: null, checkpointTotal: null, verdict: "1 warning" },
  ];

  it("marks an estimate with ~ and says no count where a read target has none", () => {
    const text = formatSummary(more, "text");
    expect(text).toMatch(/^org\/custom +— +~370,869,248 +— +ok$/m);
    expect(text).toMatch(/^org\/vision-only +— +no count +— +1 warning$/m);
    expect(formatSummary(more, "markdown")).toContain("| org/custom | — | ~370,869,248 | — | ok |");
  });
});
