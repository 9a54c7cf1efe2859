import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planOutputs } from "../../src/cli/outputs.js";
import { exitCodeFor } from "../../src/analyze/exit-code.js";
import { failedResult, finding, okResult, reportOf } from "../reporters/fixture-report.js";
import { parseXml } from "../helpers/xml.js";
import { ROOT, runCli } from "../helpers/run-cli.js";

describe("several formats at once", () => {
  it("pairs -f and -o in order, - being standard output", () => {
    expect(planOutputs([], [])).toEqual([{ format: "text", path: null }]);
    expect(planOutputs(["json"], ["r.json"])).toEqual([{ format: "json", path: "r.json" }]);
    expect(planOutputs([], ["r.txt"])).toEqual([{ format: "text", path: "r.txt" }]);
    expect(planOutputs(["text", "sarif"], ["-", "out.sarif"])).toEqual([
      { format: "text", path: null },
      { format: "sarif", path: "out.sarif" },
    ]);
    expect(() => planOutputs(["text", "sarif"], ["out.sarif"])).toThrow(/2 formats but 1 outputs/);
    expect(() => planOutputs(["text", "json"], [])).toThrow(/one --output per format/);
    expect(() => planOutputs(["text", "json"], ["-", "-"])).toThrow(/only one format can go to standard output/);
    expect(() => planOutputs(["json", "sarif"], ["same", "same"])).toThrow(/two formats are written to/);
  });

  it("writes each report where asked, in one run", () => {
    const dir = mkdtempSync(join(tmpdir(), "modelcheck-multi-"));
    const r = runCli(["examples", "-f", "text", "-f", "sarif", "-f", "junit", "-f", "markdown", "-o", "-", "-o", join(dir, "out.sarif"), "-o", join(dir, "reports/junit.xml"), "-o", join(dir, "summary.md")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("where the parameters live");
    expect(JSON.parse(readFileSync(join(dir, "out.sarif"), "utf8")).version).toBe("2.1.0");
    expect(parseXml(readFileSync(join(dir, "reports/junit.xml"), "utf8")).name).toBe("testsuites");
    expect(readFileSync(join(dir, "summary.md"), "utf8").startsWith("## modelcheck\n")).toBe(true);
  });

  it("a mismatch of -f and -o is a one-line usage error that writes nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "modelcheck-multi-"));
    const r = runCli(["examples", "-f", "json", "-f", "sarif", "-o", join(dir, "a.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(join(dir, "a.json"))).toBe(false);
    expect(runCli(["examples", "-f", "yaml"]).code).toBe(2);
  });
});

describe("exit codes", () => {
  const report = reportOf([okResult("a", [finding({ severity: "warning" }), finding({ severity: "info", pointer: "/x" })])]);
  it.each([
    [{}, 0],
    [{ failOn: "warning" }, 1],
    [{ failOn: "info" }, 1],
    [{ failOn: "warning", exitZero: true }, 0],
    [{ maxWarnings: 0 }, 1],
    [{ maxWarnings: 1 }, 0],
  ] as const)("%j → %i", (policy, code) => {
    expect(exitCodeFor(report, { maxWarnings: -1, exitZero: false, ...policy })).toBe(code);
  });

  it("a failed target exits 2 whatever the policy", () => {
    expect(exitCodeFor(reportOf([failedResult("x", "x: missing")]), { maxWarnings: -1, exitZero: true, failOn: "info" })).toBe(2);
  });
});

describe("report files that cannot be written", () => {
  it("say why in words, exit 2, and never hang", () => {
    const dir = mkdtempSync(join(tmpdir(), "modelcheck-out-"));
    writeFileSync(join(dir, "file"), "");
    const target = join(ROOT, "examples/Mistral-7B-v0.1");
    const underFile = runCli([target, "-f", "sarif", "-o", join(dir, "file", "x.sarif")]);
    expect(underFile.code).toBe(2);
    expect(underFile.stderr.trim()).toBe(`modelcheck: cannot write ${join(dir, "file", "x.sarif")}: a part of the path is a file, not a folder`);
    // Node's recursive mkdir spins forever under /proc, where mkdir answers ENOENT: folders are made one level at a time instead.
    const proc = runCli([target, "-f", "sarif", "-o", "/proc/modelcheck-nope/x.sarif"]);
    expect(proc.code).toBe(2);
    expect(proc.stderr).toMatch(/^modelcheck: cannot write \/proc\/modelcheck-nope\/x\.sarif: /);
    const estimate = runCli(["estimate", "--d-model", "1024", "--layers", "2", "--emit-config", join(dir, "file", "c.json")]);
    expect(estimate.code).toBe(2);
    expect(estimate.stderr.trim()).toBe(`modelcheck estimate: cannot write ${join(dir, "file", "c.json")}: a part of the path is a file, not a folder`);
  });

  it("creates the folders a report path needs", () => {
    const dir = mkdtempSync(join(tmpdir(), "modelcheck-out-"));
    const r = runCli([join(ROOT, "examples/Mistral-7B-v0.1"), "-f", "sarif", "-o", join(dir, "a", "b", "x.sarif")]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "a", "b", "x.sarif"), "utf8")).version).toBe("2.1.0");
  });
});
