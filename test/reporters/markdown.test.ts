import { describe, expect, it } from "vitest";
import { analyze } from "../../src/index.js";
import { cell, code, markdownReporter, MAX_LISTED_FINDINGS, MAX_LISTED_TARGETS } from "../../src/reporters/markdown.js";
import { ROOT } from "../helpers/run-cli.js";
import { context, failedResult, finding, okResult, reportOf } from "./fixture-report.js";

/** Cells of a markdown table row, split on the pipes GFM treats as separators (not `\|`). */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

describe("markdown reporter", () => {
  it("gives the totals, a row per target, every finding, and each model's parameter breakdown", async () => {
    const report = await analyze(["examples/Mistral-7B-v0.1", "examples/my-llama-700M", "missing.json"], { cwd: ROOT, config: false });
    const md = markdownReporter(report, { ...context, cwd: ROOT });
    const lines = md.split("\n");
    expect(lines[0]).toBe("## modelcheck");
    expect(md).toContain("**3 targets · 1 failed · 0 errors · 1 warning · 0 infos**");
    // Mistral clean, my-llama-700M one warning (MC201), missing.json failed (issue 15 item 10).
    expect(md).toContain("By verdict: 1 clean · 0 with infos only · 1 with warnings · 0 with errors · 1 failed");
    const header = lines.indexOf("| target | model | parameters | active | errors | warnings | infos |");
    expect(header).toBeGreaterThan(0);
    const rows = lines.slice(header + 2, header + 5).map(cells);
    expect(rows.map((r) => r.length)).toEqual([7, 7, 7]);
    expect(rows[0]!.slice(0, 3)).toEqual(["`examples/Mistral-7B-v0.1`", "mistral · MistralForCausalLM", "7.24B"]);
    expect(rows[1]!.slice(4)).toEqual(["0", "1", "0"]);
    // The row names the target; the message does not repeat it.
    expect(rows[2]![1]).toMatch(/^❌ failed: no such file or directory/);
    // The one finding: MC201 on my-llama-700M (1.45B parameters against "700M", see README's example).
    const findingRows = lines.filter((l) => l.startsWith("| ⚠️ warning"));
    expect(findingRows).toHaveLength(1);
    expect(cells(findingRows[0]!).slice(0, 3)).toEqual(["⚠️ warning", "MC201 `advertised-size-mismatch`", "`examples/my-llama-700M/config.json`"]);
    // Mistral-7B-v0.1's breakdown, the same figures the text format prints (README example): 7,241,732,096 in total.
    expect(md).toContain("**7,241,732,096** parameters (exact)");
    expect(md).toContain("| mlp | 5.64B | 77.8% |");
    expect(md).toContain("| attention | 1.34B | 18.5% |");
    expect(md.match(/<details><summary>/g)).toHaveLength(2);
    expect(md.match(/<\/details>/g)).toHaveLength(2);
  });

  it("escapes table-breaking and HTML characters in messages and paths", () => {
    const hostile = "a | b <script>alert(1)</script> `x` *y* [z](u)\nsecond line";
    const report = reportOf([okResult("models/we|rd", [finding({ message: hostile, file: "models/we|rd/config.json" })]), failedResult("bad|name", "bad|name: <nope>")]);
    const md = markdownReporter(report, context);
    const findingRow = md.split("\n").find((l) => l.startsWith("| ⚠️"))!;
    expect(cells(findingRow)).toHaveLength(4);
    expect(md).not.toContain("<script>");
    expect(md).not.toContain("second line\n");
    for (const row of md.split("\n").filter((l) => l.startsWith("| `"))) expect(cells(row)).toHaveLength(7);
  });

  it("keeps large reports within GitHub's limits: clean targets and extra findings are counted, not listed", () => {
    const clean = Array.from({ length: MAX_LISTED_TARGETS }, (_, i) => okResult(`models/clean-${i}`, []));
    const noisy = okResult("models/noisy", Array.from({ length: MAX_LISTED_FINDINGS + 5 }, (_, i) => finding({ pointer: `/k${i}` })));
    const md = markdownReporter(reportOf([...clean, noisy]), context);
    expect(md.split("\n").filter((l) => l.startsWith("| `models/"))).toEqual([expect.stringContaining("`models/noisy`")]);
    expect(md).toContain(`${MAX_LISTED_TARGETS} more targets without findings are not listed.`);
    expect(md.split("\n").filter((l) => l.startsWith("| ⚠️"))).toHaveLength(MAX_LISTED_FINDINGS);
    expect(md).toContain("…and 5 more findings, in the JSON and SARIF reports.");
    // At the limit, every target is listed.
    expect(markdownReporter(reportOf(clean), context).split("\n").filter((l) => l.startsWith("| `models/"))).toHaveLength(MAX_LISTED_TARGETS);
  });

  it("cell and code escape what GFM would interpret", () => {
    expect(cell("a|b")).toBe("a\\|b");
    expect(cell("<b>&")).toBe("&lt;b&gt;&amp;");
    expect(cell("*x* _y_")).toBe("\\*x\\* \\_y\\_");
    expect(code("a`b")).toBe("``a`b``");
    expect(code("p|q")).toBe("`p\\|q`");
  });
});
