import type { Finding } from "../engine/finding.js";
import type { TargetResult } from "../analyze/report.js";
import { wholeReport, type ReportFormat } from "./reporter.js";

/**
 * JUnit XML, the format CI test views (GitLab, Jenkins, Azure, CircleCI) read. One <testsuite> per
 * target; one <testcase> per finding — errors and warnings as <failure type="error|warning">, infos
 * as passing cases with the message in <system-out> — or a single passing case when the target has
 * no findings. A target that could not be read is a case with an <error>: the check could not run.
 */
export const junitFormat: ReportFormat = () => {
  // The opening tag carries the totals: the suites' XML waits for the end, the results do not.
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  return {
    start: () => "",
    result(result) {
      const s = suite(result);
      suites.push(s.xml);
      tests += s.tests;
      failures += s.failures;
      errors += s.errors;
      return "";
    },
    end: () =>
      ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="modelcheck" tests="${tests}" failures="${failures}" errors="${errors}" time="0">`, ...suites, "</testsuites>", ""].join("\n"),
  };
};

export const junitReporter = wholeReport(junitFormat);

function suite(result: TargetResult): { xml: string; tests: number; failures: number; errors: number } {
  const cases: string[] = [];
  let failures = 0;
  let errors = 0;
  if (result.status === "failed") {
    errors++;
    const message = result.error?.message ?? `${result.target}: failed`;
    cases.push(`    <testcase classname="${attr(result.target)}" name="read ${attr(result.target)}" time="0">\n      <error message="${attr(message)}" type="${attr(result.error?.code ?? "failed")}">${text(message)}</error>\n    </testcase>`);
  } else if (result.findings.length === 0) {
    cases.push(`    <testcase classname="${attr(result.target)}" name="all rules pass" time="0"/>`);
  } else {
    for (const f of result.findings) {
      const open = `    <testcase classname="${attr(result.target)}" name="${attr(caseName(f))}" file="${attr(f.location.file)}"${f.location.line !== null ? ` line="${f.location.line}"` : ""} time="0">`;
      const detail = `${where(f)}  ${f.severity}  ${f.ruleId}  ${f.message}  (${f.ruleName})`;
      if (f.severity === "info") {
        cases.push(`${open}\n      <system-out>${text(detail)}</system-out>\n    </testcase>`);
      } else {
        failures++;
        cases.push(`${open}\n      <failure message="${attr(f.message)}" type="${f.severity}">${text(detail)}</failure>\n    </testcase>`);
      }
    }
  }
  const xml = [`  <testsuite name="${attr(result.target)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0" time="0">`, ...cases, "  </testsuite>"].join("\n");
  return { xml, tests: cases.length, failures, errors };
}

function caseName(f: Finding): string {
  return `${f.ruleId} ${f.ruleName} at ${where(f)}`;
}

function where(f: Finding): string {
  return f.location.line !== null ? `${f.location.file}:${f.location.line}:${f.location.column}` : f.location.file;
}

/** Characters XML 1.0 cannot carry at all, even escaped: control characters and lone surrogates. */
const INVALID_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Element text. */
export function text(s: string): string {
  return s.replace(INVALID_XML, "\uFFFD").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Attribute values (double-quoted); newlines and tabs as character references so parsers keep them. */
export function attr(s: string): string {
  return text(s).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");
}
