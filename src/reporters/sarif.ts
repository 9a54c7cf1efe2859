import { isAbsolute, relative } from "node:path";
import { pathToFileURL } from "node:url";
import type { Severity } from "../engine/rule.js";
import type { Finding } from "../engine/finding.js";
import { createFingerprinter } from "../engine/fingerprint.js";
import type { TargetResult } from "../analyze/report.js";
import { wholeReport, type ReporterContext, type ReportFormat } from "./reporter.js";

/** Where users find the project and each rule's doc (the docs ship in the package). */
const INFORMATION_URI = "https://www.npmjs.com/package/modelcheck";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

/**
 * SARIF 2.1.0 for GitHub code scanning: one run, every rule in `tool.driver.rules`, local paths
 * relative to %SRCROOT%, 1-based regions, and fingerprints built from rule, file and JSON pointer
 * (not line numbers) so they stay stable across edits elsewhere in the file.
 */
export const sarifFormat: ReportFormat = (context) => {
  const ruleIndex = new Map(context.rules.map((r, i) => [r.code, i]));
  // The run's invocation (which needs every failure) comes before its results: the results wait as
  // rendered text, never as TargetResults.
  const results: string[] = [];
  const failures: string[] = [];
  let hubOf: { repo: string; sha: string } | null = null;
  // Hub files are named by repo path (config.json): the repo joins the identity, so two repos' findings stay apart.
  const fingerprint = createFingerprinter((f) => (hubOf ? `${hubOf.repo}/${f.location.file}` : f.location.file));
  return {
    start: () => "",
    result(r) {
      if (r.status === "failed") failures.push(r.error?.message ?? `${r.target}: failed`);
      const repo = hubRepo(r);
      hubOf = repo ? { repo, sha: r.revision! } : null;
      for (const finding of r.findings) {
        const result = {
          ruleId: finding.ruleId,
          ruleIndex: ruleIndex.get(finding.ruleId) ?? -1,
          level: LEVEL[finding.severity],
          message: { text: finding.message },
          locations: [{ physicalLocation: { artifactLocation: artifactLocation(finding, context, hubOf), region: region(finding) } }],
          partialFingerprints: { "modelcheck/v1": fingerprint(finding) },
        };
        results.push(JSON.stringify(result, null, 2).replace(/\n/g, `\n${RESULT_INDENT}`));
      }
      return "";
    },
    end() {
      const sarif = sarifDocument(context, failures, RESULTS_SLOT);
      const list = results.length ? `[\n${RESULT_INDENT}${results.join(`,\n${RESULT_INDENT}`)}\n${RESULT_INDENT.slice(2)}]` : "[]";
      return `${JSON.stringify(sarif, null, 2).replace(`"${RESULTS_SLOT}"`, () => list)}\n`;
    },
  };
};

export const sarifReporter = wholeReport(sarifFormat);

/** Where the rendered results go in the document (runs[0].results, 8 spaces deep). */
const RESULTS_SLOT = "__modelcheck_results_slot__";
const RESULT_INDENT = " ".repeat(8);

function sarifDocument(context: ReporterContext, failures: readonly string[], results: string) {
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "modelcheck",
            version: context.version,
            semanticVersion: context.version,
            informationUri: INFORMATION_URI,
            rules: context.rules.map((rule) => ({
              id: rule.code,
              name: rule.name,
              shortDescription: { text: rule.description },
              fullDescription: { text: rule.description },
              help: { text: stripMarkdown(context.ruleDocs[rule.name] ?? rule.description), markdown: context.ruleDocs[rule.name] ?? rule.description },
              helpUri: `https://unpkg.com/modelcheck@${context.version}/rules/${rule.name}.md`,
              defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
              properties: { tags: [rule.code.slice(0, 3) === "MC0" ? "input" : "model-config"] },
            })),
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: pathToFileURL(context.cwd.endsWith("/") ? context.cwd : `${context.cwd}/`).href } },
        invocations: [
          {
            executionSuccessful: failures.length === 0,
            toolExecutionNotifications: failures.map((text) => ({ level: "error", message: { text } })),
          },
        ],
        results,
      },
    ],
  };
}

/** `org/name` of a Hub (or HF-cache) result whose commit is known; null for local targets. */
function hubRepo(result: TargetResult): string | null {
  if (!result.revision) return null;
  // A Hub repo's GGUF file (`org/name/<path>`): local .gguf targets have no revision.
  if (result.kind === "gguf") return result.target.split("/").slice(0, 2).join("/");
  if (result.kind !== "hub" && result.kind !== "cache") return null;
  return result.target.split("@")[0]!.split(":")[0]!;
}

/**
 * Local files relative to %SRCROOT%; Hub files as their page at the audited commit
 * (`https://huggingface.co/{repo}/blob/{sha}/{path}`), which code scanning links to.
 */
function artifactLocation(finding: Finding, context: ReporterContext, hub: { repo: string; sha: string } | null) {
  const file = finding.location.file;
  if (/^https?:\/\//.test(file)) return { uri: file };
  if (hub && !isAbsolute(file)) return { uri: `https://huggingface.co/${hub.repo}/blob/${hub.sha}/${file.split("/").map(encodeURIComponent).join("/")}` };
  const rel = isAbsolute(file) ? relative(context.cwd, file) : file;
  if (rel.startsWith("..") || isAbsolute(rel)) return { uri: pathToFileURL(file).href };
  return { uri: rel.split(/[\\/]/).map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
}

function region(finding: Finding) {
  return { startLine: finding.location.line ?? 1, startColumn: finding.location.column ?? 1 };
}

/** Plain-text help for viewers that do not render markdown. */
function stripMarkdown(markdown: string): string {
  return markdown.replace(/^#+\s*/gm, "").replace(/`/g, "").trim();
}
