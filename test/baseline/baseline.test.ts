import { describe, expect, it } from "vitest";
import { applyBaseline, createBaseline } from "../../src/baseline/baseline.js";
import { fingerprintFindings } from "../../src/engine/fingerprint.js";
import { finding, okResult, reportOf } from "../reporters/fixture-report.js";

const where = { cwd: "/repo", baselineDir: "/repo" };

describe("baseline", () => {
  it("records paths relative to the baseline's folder, so runs from another folder still match", () => {
    const report = reportOf([okResult("models/a", [finding({ file: "models/a/config.json" })])]);
    const baseline = createBaseline(report, { cwd: "/repo", baselineDir: "/repo/.ci" });
    expect(baseline.findings[0]!.file).toBe("../models/a/config.json");
    // The same file, reported relative to another working directory.
    const fromModels = reportOf([okResult("a", [finding({ file: "a/config.json" })])]);
    expect(applyBaseline(fromModels, baseline, { cwd: "/repo/models", baselineDir: "/repo/.ci" }).accepted).toBe(1);
  });

  it("accepts one finding per entry: a second finding at the same place is new", () => {
    const one = reportOf([okResult("a", [finding()])]);
    const two = reportOf([okResult("a", [finding(), finding({ message: "another label" })])]);
    const outcome = applyBaseline(two, createBaseline(one, where), where);
    expect([outcome.accepted, outcome.report.summary.warnings, outcome.stale]).toEqual([1, 1, []]);
  });

  it("ignores line, column and message; matches rule, file and pointer", () => {
    const baseline = createBaseline(reportOf([okResult("a", [finding({ line: 3, message: "old wording" })])]), where);
    const moved = reportOf([okResult("a", [finding({ line: 40, column: 1, message: "new wording" })])]);
    expect(applyBaseline(moved, baseline, where).accepted).toBe(1);
    for (const changed of [finding({ ruleId: "MC003" }), finding({ pointer: "/num_attention_heads" }), finding({ file: "models/b/config.json" })]) {
      const outcome = applyBaseline(reportOf([okResult("a", [changed])]), baseline, where);
      expect([outcome.accepted, outcome.stale.length]).toEqual([0, 1]);
    }
  });

  it("recounts the summary and never records failed targets", () => {
    const report = reportOf([okResult("a", [finding({ severity: "error" }), finding({ severity: "info", pointer: "/x" })]), { ...okResult("b", []), status: "failed", error: { code: "not-found", message: "b: missing" } }]);
    const baseline = createBaseline(report, where);
    expect(baseline.findings).toHaveLength(2);
    expect(applyBaseline(report, baseline, where).report.summary).toEqual({ targets: 2, failed: 1, errors: 0, warnings: 0, infos: 0 });
  });

  it("shares its fingerprints with SARIF: rule + file + pointer + occurrence, 32 hex digits", () => {
    const [a, b, c] = fingerprintFindings([finding(), finding(), finding({ pointer: "/y" })]);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set([a, b, c]).size).toBe(3);
    expect(fingerprintFindings([finding({ line: 99, message: "x" })])[0]).toBe(a);
  });
});
