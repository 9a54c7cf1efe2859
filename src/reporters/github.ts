import { isAbsolute, relative } from "node:path";
import type { Finding } from "../engine/finding.js";
import type { Severity } from "../engine/rule.js";
import { wholeReport, type ReportFormat } from "./reporter.js";

const COMMAND: Record<Severity, "error" | "warning" | "notice"> = { error: "error", warning: "warning", info: "notice" };

/**
 * GitHub Actions workflow commands: one `::error|warning|notice file=…,line=…,col=…,title=…::message`
 * line per finding, which the runner turns into annotations on the pull request's diff. Failed
 * targets become file-less `::error` lines. Paths are relative to the working directory (run from
 * the repository root, as the runner does by default); a file outside it keeps its absolute path
 * (listed with the step's annotations, if not on the diff). Each message starts with the model it
 * is about, as annotations are also read away from their file. GitHub shows at most 10
 * annotations of each level per step; upload SARIF for the full list.
 */
export const githubFormat: ReportFormat = (context) => ({
  start: () => "",
  result(result) {
    if (result.status === "failed") return `${command("error", { title: "modelcheck: target failed" }, result.error?.message ?? `${result.target}: failed`)}\n`;
    return result.findings.map((finding) => `${command(COMMAND[finding.severity], properties(finding, context.cwd), `${result.target}: ${finding.message}`)}\n`).join("");
  },
  end: (s) =>
    `modelcheck: ${s.targets} target${s.targets === 1 ? "" : "s"} · ${s.failed} failed · ${s.errors} error${s.errors === 1 ? "" : "s"} · ${s.warnings} warning${s.warnings === 1 ? "" : "s"} · ${s.infos} info${s.infos === 1 ? "" : "s"}\n`,
});

export const githubReporter = wholeReport(githubFormat);

function properties(finding: Finding, cwd: string): Record<string, string> {
  const props: Record<string, string> = {};
  const file = annotationPath(finding.location.file, cwd);
  if (file) props.file = file;
  if (file && finding.location.line !== null) {
    props.line = String(finding.location.line);
    if (finding.location.column !== null) props.col = String(finding.location.column);
  }
  props.title = `${finding.ruleId} ${finding.ruleName}`;
  return props;
}

/** A repository-relative path, the absolute path of a file outside the checkout, or null for Hub URLs (no file to place). */
function annotationPath(file: string, cwd: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file) || file === "") return null;
  if (!isAbsolute(file)) return file;
  const rel = relative(cwd, file);
  return (rel.startsWith("..") || isAbsolute(rel) ? file : rel).split("\\").join("/");
}

/** `::name key=value,key=value::message`, escaped as @actions/core escapes it. */
export function command(name: string, props: Record<string, string>, message: string): string {
  const list = Object.entries(props).map(([key, value]) => `${key}=${escapeProperty(value)}`);
  return `::${name}${list.length ? ` ${list.join(",")}` : ""}::${escapeData(message)}`;
}

/** Message text: `%`, CR and LF would end or corrupt the command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Property values: additionally `:` and `,`, which separate the properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
