import { describe, expect, it } from "vitest";
import { applyBaseline, createBaseline, updateBaseline } from "../../src/baseline/baseline.js";
import { createBaselineFilter, createBaselineRecorder } from "../../src/baseline/baseline-stream.js";
import { baselineStep } from "../../src/cli/baseline-step.js";
import type { TargetResult } from "../../src/analyze/report.js";
import { failedResult, finding, okResult, reportOf } from "../reporters/fixture-report.js";

const where = { cwd: "/repo", baselineDir: "/repo" };

// Two findings at one place (the occurrence tells them apart), one elsewhere, a failed target, a clean one.
const results: TargetResult[] = [
  okResult("models/a", [finding({ file: "models/a/config.json" }), finding({ file: "models/a/config.json" })]),
  okResult("models/b", [finding({ file: "models/b/config.json", pointer: "/x", ruleId: "MC203", ruleName: "vocab-not-padded", severity: "info" })]),
  failedResult("models/c", "models/c: no config.json"),
  okResult("models/d", []),
];

describe("the baseline, one result at a time", () => {
  it("accepts exactly what applyBaseline accepts on the whole report", () => {
    // The baseline holds one of a's two findings and b's: a's second is new.
    const recorded = createBaseline(reportOf([okResult("models/a", [results[0]!.findings[0]!]), results[1]!]), where);
    const whole = applyBaseline(reportOf(results), recorded, where);
    const filter = createBaselineFilter(recorded, where);
    const streamed = results.map((r) => filter.filter(r));
    expect(streamed).toEqual(whole.report.results);
    expect(streamed.map((r) => r.findings.length)).toEqual([1, 0, 0, 0]);
    expect(filter.finish()).toEqual({ accepted: whole.accepted, stale: whole.stale });
    expect(whole.accepted).toBe(2);
  });

  it("records what updateBaseline records, and passes the results on without their (now recorded) findings", () => {
    const previous = createBaseline(reportOf([okResult("models/b", [finding({ file: "models/b/config.json", pointer: "/gone" })]), okResult("models/z", [finding({ file: "models/z/config.json" })])]), where);
    const recorder = createBaselineRecorder(where);
    const passed = results.map((r) => recorder.record(r));
    expect(passed.map((r) => r.findings.length)).toEqual([0, 0, 0, 0]);
    const whole = updateBaseline(reportOf(results), previous, where);
    expect(recorder.merge(previous)).toEqual(whole);
    // 3 new findings; b's old one pruned (b analyzed, no longer found); z's kept (not analyzed).
    expect([whole.added, whole.pruned, whole.kept, whole.baseline.findings.length]).toEqual([3, 1, 1, 4]);
  });

  it("passes each result on before the next is produced", async () => {
    const produced: string[] = [];
    async function* source() {
      for (const r of results) {
        produced.push(r.target);
        yield r;
      }
    }
    const recorded = createBaseline(reportOf(results), where);
    const notes: string[] = [];
    const stream = baselineStep(source(), { file: "baseline.json", update: false, cwd: "/repo" }, recorded, notes);
    const first = await stream.next();
    expect(first.value).toMatchObject({ target: "models/a", findings: [] });
    expect(produced).toEqual(["models/a"]);
    for await (const _ of stream) void _;
    expect(produced).toHaveLength(4);
    expect(notes).toEqual([]);
  });
});
