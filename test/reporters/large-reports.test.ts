import { describe, expect, it } from "vitest";
import { markdownReporter } from "../../src/reporters/markdown.js";
import { formatSummary, summaryRows } from "../../src/reporters/summary-table.js";
import { context, failedResult, reportOf } from "./fixture-report.js";

// 150,000 targets: past the ~120k arguments where Math.max(...rows) and push(...rows) overflow V8's stack.
const TARGETS = 150_000;

describe("reports of very many targets", () => {
  const report = reportOf(Array.from({ length: TARGETS }, (_, i) => failedResult(`org/model-${i}`, `org/model-${i}: not found`)));

  it("--summary text formats 150,000 rows (was a stack overflow at 130k)", () => {
    const text = formatSummary(summaryRows(report), "text");
    // A header line plus one line per target.
    expect(text.trimEnd().split("\n")).toHaveLength(TARGETS + 1);
  });

  it("the markdown report lists 150,000 failed targets", () => {
    const text = markdownReporter(report, context);
    expect(text).toContain(`org/model-${TARGETS - 1}`);
  });
});
