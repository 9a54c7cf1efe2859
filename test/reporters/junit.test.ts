import { describe, expect, it } from "vitest";
import { analyze } from "../../src/index.js";
import { junitReporter } from "../../src/reporters/junit.js";
import { ROOT } from "../helpers/run-cli.js";
import { findAll, parseXml } from "../helpers/xml.js";
import { context, failedResult, finding, okResult, reportOf } from "./fixture-report.js";

describe("junit reporter", () => {
  it("is well-formed XML: testsuites > testsuite per target > testcase, with consistent counts", async () => {
    const report = await analyze(["examples", "missing.json"], { cwd: ROOT, config: false });
    const root = parseXml(junitReporter(report, { ...context, cwd: ROOT }));
    expect(root.name).toBe("testsuites");
    const suites = root.children;
    expect(suites.every((s) => s.name === "testsuite")).toBe(true);
    expect(suites.map((s) => s.attributes.name)).toEqual(report.results.map((r) => r.target));
    for (const suite of suites) {
      expect(suite.children.every((c) => c.name === "testcase")).toBe(true);
      expect(Number(suite.attributes.tests)).toBe(suite.children.length);
      expect(Number(suite.attributes.failures)).toBe(findAll(suite, "failure").length);
      expect(Number(suite.attributes.errors)).toBe(findAll(suite, "error").length);
    }
    expect(Number(root.attributes.tests)).toBe(findAll(root, "testcase").length);
    expect(Number(root.attributes.failures)).toBe(findAll(root, "failure").length);
    expect(Number(root.attributes.errors)).toBe(1);
    // The failed target is an <error> case; errors and warnings are <failure>s; infos pass with <system-out>.
    const missing = suites.find((s) => s.attributes.name === "missing.json")!;
    expect(findAll(missing, "error")[0]!.attributes.message).toContain("no such file");
    expect(findAll(root, "failure").length).toBe(report.summary.errors + report.summary.warnings);
    expect(findAll(root, "system-out").length).toBe(report.summary.infos);
    const mistral = suites.find((s) => s.attributes.name === "examples/Mistral-7B-v0.1")!;
    expect(mistral.children).toHaveLength(1);
    expect(mistral.children[0]!.children).toEqual([]);
  });

  it("maps each finding to a case named by rule and place, with the message in <failure>", () => {
    const report = reportOf([okResult("models/a", [finding({ severity: "error", message: "bad" }), finding({ severity: "info", line: null, column: null })])]);
    const root = parseXml(junitReporter(report, context));
    const [error, info] = findAll(root, "testcase");
    expect(error!.attributes).toMatchObject({ classname: "models/a", name: "MC201 advertised-size-mismatch at models/a/config.json:3:5", file: "models/a/config.json", line: "3" });
    expect(error!.children[0]).toMatchObject({ name: "failure", attributes: { message: "bad", type: "error" } });
    expect(info!.attributes.line).toBeUndefined();
    expect(info!.children[0]!.name).toBe("system-out");
  });

  it("escapes markup, keeps newlines in attributes, and replaces characters XML cannot carry", () => {
    const message = `<tag> & "quotes" 'apos' ]]> \u0007bell\nline two \ud800`;
    const report = reportOf([okResult("a&b<c>", [finding({ message })]), failedResult('x"y', "oops <&>")]);
    const root = parseXml(junitReporter(report, context));
    const failure = findAll(root, "failure")[0]!;
    expect(failure.attributes.message).toBe(`<tag> & "quotes" 'apos' ]]> \ufffdbell\nline two \ufffd`);
    expect(failure.text).toContain(`<tag> & "quotes"`);
    expect(root.children[0]!.attributes.name).toBe("a&b<c>");
    expect(findAll(root, "error")[0]!.attributes.message).toBe("oops <&>");
  });

  it("the test parser rejects malformed XML, so the checks above can fail", () => {
    expect(() => parseXml("<a><b></a></b>")).toThrow();
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow();
    expect(() => parseXml("<a>1 < 2</a>")).toThrow();
    expect(() => parseXml("<a>&bogus;</a>")).toThrow();
    expect(() => parseXml("<a>\u0007</a>")).toThrow();
    expect(() => parseXml("<a/><b/>")).toThrow();
  });
});
