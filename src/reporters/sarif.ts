import { isAbsolute, relative } from "node:path";
import { pathToFileURL } from "node:url";
import type { Severity } from "../engine/rule.js";
import type { Finding } from "../engine/finding.js";
import { fingerprintFindings } from "../engine/fingerprint.js";
import type { TargetResult } from "../analyze/report.js";
import type { Reporter, ReporterContext } from "./reporter.js";

/** Where users find the project and each rule's doc (the docs ship in the package). */
const INFORMATION_URI = "https://www.npmjs.com/package/modelcheck";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

/**
 * SARIF 2.1.0 for GitHub code scanning: one run, every rule in `tool.driver.rules`, local paths
 * relative to %SRCROOT%, 1-based regions, and fingerprints built from rule, file and JSON pointer
 * (not line numbers) so they stay stable across edits elsewhere in the file.
 */
export const sarifReporter: Reporter = (report, context) => {
  const ruleIndex = new Map(context.rules.map((r, i) => [r.code, i]));
  const results = [];
  const findings = report.results.flatMap((r) => r.findings);
  // Hub files are named by repo path (config.json): the repo joins the identity, so two repos' findings stay apart.
  const hubOf = new Map<Finding, { repo: string; sha: string }>();
  for (const r of report.results) {
    const repo = hubRepo(r);
    if (repo) for (const f of r.findings) hubOf.set(f, { repo, sha: r.revision! });
  }
  const fingerprints = fingerprintFindings(findings, (f) => (hubOf.has(f) ? `${hubOf.get(f)!.repo}/${f.location.file}` : f.location.file));
  for (const [i, finding] of findings.entries()) {
    results.push({
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId) ?? -1,
      level: LEVEL[finding.severity],
      message: { text: finding.message },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(finding, context, hubOf.get(finding) ?? null), region: region(finding) } }],
      partialFingerprints: { "modelcheck/v1": fingerprints[i]! },
    });
  }
  const failures = report.results.filter((r) => r.status === "failed");
  const sarif = {
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
            toolExecutionNotifications: failures.map((r) => ({ level: "error", message: { text: r.error?.message ?? `${r.target}: failed` } })),
          },
        ],
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
};

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
