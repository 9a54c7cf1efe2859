import { failureMessage } from "./failure-message.js";
import type { Role } from "../architectures/inventory.js";
import type { Severity } from "../engine/rule.js";
import type { Facts } from "../facts/facts.js";
import { groupedCount, humanCount } from "../format/format-count.js";
import type { TargetResult } from "../analyze/report.js";
import { memoryMarkdown } from "./memory-markdown.js";
import type { Reporter } from "./reporter.js";

const ICON: Record<Severity, string> = { error: "❌ error", warning: "⚠️ warning", info: "ℹ️ info" };

/**
 * GitHub caps a job summary at 1 MiB and a comment at 65,536 characters: past these many targets,
 * tables and breakdowns list only the targets with findings or failures; past these many findings,
 * the rest are counted, not listed (the JSON and SARIF reports carry everything).
 */
export const MAX_LISTED_TARGETS = 100;
export const MAX_LISTED_FINDINGS = 300;

/**
 * GitHub-flavoured markdown for job summaries (`-o "$GITHUB_STEP_SUMMARY"`) and pull-request
 * comments: the totals, a summary table with one row per target, every finding in one table, and
 * each model's parameter breakdown in a collapsed section. Text from configs and paths is escaped,
 * so a model name cannot break the tables or inject HTML.
 */
export const markdownReporter: Reporter = (report) => {
  const s = report.summary;
  const out: string[] = ["## modelcheck", ""];
  out.push(`**${plural(s.targets, "target")} · ${s.failed} failed · ${plural(s.errors, "error")} · ${plural(s.warnings, "warning")} · ${plural(s.infos, "info")}**`, "");
  if (report.results.length > 1) out.push(byVerdict(report.results), "");
  const listed = report.results.length > MAX_LISTED_TARGETS ? report.results.filter((r) => r.status === "failed" || r.findings.length > 0) : report.results;
  // Pushed one by one: push(...lines) of a 130k-row table overflows the stack.
  if (listed.length) {
    for (const line of summaryTable(listed)) out.push(line);
    out.push("");
  }
  if (listed.length < report.results.length) out.push(`${plural(report.results.length - listed.length, "more target")} without findings ${report.results.length - listed.length === 1 ? "is" : "are"} not listed.`, "");
  const findings = report.results.flatMap((r) => r.findings);
  if (findings.length) {
    out.push("### Findings", "", "| severity | rule | location | message |", "| --- | --- | --- | --- |");
    for (const f of findings.slice(0, MAX_LISTED_FINDINGS)) {
      const where = f.location.line !== null ? `${f.location.file}:${f.location.line}:${f.location.column}` : f.location.file;
      out.push(`| ${ICON[f.severity]} | ${f.ruleId} ${code(f.ruleName)} | ${code(where)} | ${cell(f.message)} |`);
    }
    if (findings.length > MAX_LISTED_FINDINGS) out.push("", `…and ${plural(findings.length - MAX_LISTED_FINDINGS, "more finding")}, in the JSON and SARIF reports.`);
    out.push("");
  }
  const withFacts = listed.filter((r) => r.facts?.parameters);
  if (withFacts.length) {
    out.push("### Parameter breakdown", "");
    for (const r of withFacts) out.push(...breakdownSection(r, r.facts!), "");
  }
  return `${out.join("\n").trimEnd()}\n`;
};

/** Many targets counted by verdict (the worst finding of each), so the totals say how many models need work. */
function byVerdict(results: readonly TargetResult[]): string {
  const counts = { clean: 0, infos: 0, warnings: 0, errors: 0, failed: 0 };
  for (const r of results) {
    if (r.status === "failed") counts.failed++;
    else if (r.findings.some((f) => f.severity === "error")) counts.errors++;
    else if (r.findings.some((f) => f.severity === "warning")) counts.warnings++;
    else if (r.findings.length) counts.infos++;
    else counts.clean++;
  }
  return `By verdict: ${counts.clean} clean · ${counts.infos} with infos only · ${counts.warnings} with warnings · ${counts.errors} with errors · ${counts.failed} failed`;
}

function summaryTable(results: readonly TargetResult[]): string[] {
  const rows = ["| target | model | parameters | active | errors | warnings | infos |", "| --- | --- | ---: | ---: | ---: | ---: | ---: |"];
  for (const r of results) {
    if (r.status === "failed") {
      rows.push(`| ${code(r.target)} | ❌ failed: ${cell(failureMessage(r))} |  |  |  |  |  |`);
      continue;
    }
    const p = r.facts?.parameters;
    const count = (severity: Severity) => r.findings.filter((f) => f.severity === severity).length;
    const total = p ? `${humanCount(p.total)}${p.estimated ? " (estimate)" : ""}` : "no count";
    const active = p && p.active !== p.total ? humanCount(p.active) : "";
    rows.push(`| ${code(r.target)} | ${cell(modelLabel(r.facts))} | ${total} | ${active} | ${count("error")} | ${count("warning")} | ${count("info")} |`);
  }
  return rows;
}

function breakdownSection(result: TargetResult, facts: Facts): string[] {
  const p = facts.parameters!;
  const lines = [`<details><summary>${html(result.target)} — ${html(modelLabel(facts))} · ${humanCount(p.total)} parameters</summary>`, ""];
  const a = facts.attention;
  const about = [`**${groupedCount(p.total)}** parameters (${p.estimated ? "estimate" : "exact"})`];
  if (p.active !== p.total) about.push(`${groupedCount(p.active)} active per token`);
  if (a.type && a.type !== "NONE") about.push(`${a.type} ${a.nHeads ?? "?"} heads${a.nKvHeads !== null && a.nKvHeads !== a.nHeads ? ` / ${a.nKvHeads} KV heads` : ""}${a.headDim ? `, d_head ${a.headDim}` : ""}`);
  lines.push(about.join(" · "), "", "| where the parameters live | parameters | share |", "| --- | ---: | ---: |");
  const entries = (Object.entries(p.breakdown) as [Role, number][]).filter(([, n]) => n > 0).sort((x, y) => y[1] - x[1]);
  for (const [role, n] of entries) lines.push(`| ${role} | ${humanCount(n)} | ${p.total ? ((n / p.total) * 100).toFixed(1) : "0.0"}% |`);
  lines.push(...memoryMarkdown(facts, cell));
  lines.push("", "</details>");
  return lines;
}

function modelLabel(facts: Facts | null): string {
  if (!facts) return "—";
  return [facts.modelType ?? "unknown type", facts.architecture].filter(Boolean).join(" · ");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Table-cell text: markdown punctuation backslash-escaped, HTML characters as entities, one line. */
export function cell(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]|~#!])/g, "\\$1");
}

/** An inline code span that survives any content: `|` escaped for tables, fences longer than any backtick run inside. */
export function code(text: string): string {
  const oneLine = text.replace(/[\r\n]+/g, " ").replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = oneLine.startsWith("`") || oneLine.endsWith("`") ? " " : "";
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

/** Text inside HTML (the <summary> line). */
function html(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
