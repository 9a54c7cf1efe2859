import { failureMessage } from "./failure-message.js";
import type { Role } from "../architectures/inventory.js";
import type { Severity } from "../engine/rule.js";
import type { Facts } from "../facts/facts.js";
import { groupedCount, humanCount } from "../format/format-count.js";
import type { TargetResult } from "../analyze/report.js";
import { memoryMarkdown } from "./memory-markdown.js";
import { wholeReport, type ReportFormat } from "./reporter.js";

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
export const markdownFormat: ReportFormat = () => {
  // The totals open the report, so everything waits for the end — as rendered rows, and past
  // MAX_LISTED_TARGETS only for the targets that will be listed.
  let listed: ListedTarget[] = [];
  let targets = 0;
  const findingRows: string[] = [];
  let findings = 0;
  const verdicts = { clean: 0, infos: 0, warnings: 0, errors: 0, failed: 0 };
  return {
    start: () => "",
    result(r) {
      targets++;
      verdicts[verdictOf(r)]++;
      const problem = r.status === "failed" || r.findings.length > 0;
      if (targets === MAX_LISTED_TARGETS + 1) listed = listed.filter((t) => t.problem);
      if (problem || targets <= MAX_LISTED_TARGETS) listed.push({ problem, row: summaryRow(r), breakdown: r.facts?.parameters ? breakdownSection(r, r.facts) : null });
      for (const f of r.findings) {
        if (++findings > MAX_LISTED_FINDINGS) continue;
        const where = f.location.line !== null ? `${f.location.file}:${f.location.line}:${f.location.column}` : f.location.file;
        findingRows.push(`| ${ICON[f.severity]} | ${f.ruleId} ${code(f.ruleName)} | ${code(where)} | ${cell(f.message)} |`);
      }
      return "";
    },
    end(s) {
      const out: string[] = ["## modelcheck", ""];
      out.push(`**${plural(s.targets, "target")} · ${s.failed} failed · ${plural(s.errors, "error")} · ${plural(s.warnings, "warning")} · ${plural(s.infos, "info")}**`, "");
      if (targets > 1) out.push(byVerdict(verdicts), "");
      // Pushed one by one: push(...lines) of a 130k-row table overflows the stack.
      if (listed.length) {
        out.push(...SUMMARY_HEADER);
        for (const t of listed) out.push(t.row);
        out.push("");
      }
      if (listed.length < targets) out.push(`${plural(targets - listed.length, "more target")} without findings ${targets - listed.length === 1 ? "is" : "are"} not listed.`, "");
      if (findings) {
        out.push("### Findings", "", "| severity | rule | location | message |", "| --- | --- | --- | --- |");
        for (const row of findingRows) out.push(row);
        if (findings > MAX_LISTED_FINDINGS) out.push("", `…and ${plural(findings - MAX_LISTED_FINDINGS, "more finding")}, in the JSON and SARIF reports.`);
        out.push("");
      }
      const sections = listed.flatMap((t) => (t.breakdown ? [t.breakdown] : []));
      if (sections.length) {
        out.push("### Parameter breakdown", "");
        for (const section of sections) out.push(...section, "");
      }
      return `${out.join("\n").trimEnd()}\n`;
    },
  };
};

export const markdownReporter = wholeReport(markdownFormat);

type Verdict = "clean" | "infos" | "warnings" | "errors" | "failed";

/** A target's verdict: failed, or the worst severity among its findings. */
function verdictOf(r: TargetResult): Verdict {
  if (r.status === "failed") return "failed";
  if (r.findings.some((f) => f.severity === "error")) return "errors";
  if (r.findings.some((f) => f.severity === "warning")) return "warnings";
  return r.findings.length ? "infos" : "clean";
}

/** Many targets counted by verdict (the worst finding of each), so the totals say how many models need work. */
function byVerdict(counts: Record<Verdict, number>): string {
  return `By verdict: ${counts.clean} clean · ${counts.infos} with infos only · ${counts.warnings} with warnings · ${counts.errors} with errors · ${counts.failed} failed`;
}

/** What the closing part keeps of a listed target: its rendered row and breakdown. */
interface ListedTarget {
  problem: boolean;
  row: string;
  breakdown: string[] | null;
}

const SUMMARY_HEADER = ["| target | model | parameters | active | errors | warnings | infos |", "| --- | --- | ---: | ---: | ---: | ---: | ---: |"];

function summaryRow(r: TargetResult): string {
  if (r.status === "failed") return `| ${code(r.target)} | ❌ failed: ${cell(failureMessage(r))} |  |  |  |  |  |`;
  const p = r.facts?.parameters;
  const count = (severity: Severity) => r.findings.filter((f) => f.severity === severity).length;
  const total = p ? `${humanCount(p.total)}${p.estimated ? " (estimate)" : ""}` : "no count";
  const active = p && p.active !== p.total ? humanCount(p.active) : "";
  return `| ${code(r.target)} | ${cell(modelLabel(r.facts))} | ${total} | ${active} | ${count("error")} | ${count("warning")} | ${count("info")} |`;
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
