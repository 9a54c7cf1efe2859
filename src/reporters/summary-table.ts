import { groupedCount } from "../format/format-count.js";
import type { Report, TargetResult } from "../analyze/report.js";

/**
 * The closing table of a batch audit: per target the three sizes that often disagree — the one
 * advertised (name, card), the one the config implies, the one the checkpoint stores — and a
 * verdict. Printed after the text report of a multi-repo run, and alone with `--summary`.
 */
export type SummaryFormat = "text" | "csv" | "markdown";
export const SUMMARY_FORMATS: readonly SummaryFormat[] = ["text", "csv", "markdown"];

export interface SummaryRow {
  target: string;
  /** The advertised size as written ("7B"), with where it was read; "" when none. */
  advertised: string;
  configTotal: number | null;
  /** True when the config total is an estimate (an unknown architecture, an unusable field). */
  configEstimated?: boolean;
  checkpointTotal: number | null;
  /** "ok", "2 warnings", "1 error", or "failed (gated)". */
  verdict: string;
}

const HEADER = ["target", "advertised", "config total", "checkpoint total", "verdict"];

/** A Hub (or cached Hub) result, a Hub repo's GGUF files included: the text report closes with the table when there are more than one. */
export function isHubResult(r: TargetResult): boolean {
  return r.kind === "hub" || r.kind === "cache" || (r.kind === "gguf" && r.revision !== null);
}

/** True when the text report should close with the table: more than one Hub result. */
export function wantsSummaryTable(report: Report): boolean {
  return report.results.filter(isHubResult).length > 1;
}

export function summaryRows(report: Report): SummaryRow[] {
  return report.results.map(summaryRow);
}

/** The text report's closing table, built as results stream past: one short row per Hub result. */
export function createSummaryTable(): { add(result: TargetResult): void; rows(): SummaryRow[] | null } {
  const rows: SummaryRow[] = [];
  return {
    add(result) {
      if (isHubResult(result)) rows.push(summaryRow(result));
    },
    rows: () => (rows.length > 1 ? rows : null),
  };
}

/** One short row for a result: all `--summary` keeps of it. */
export function summaryRow(result: TargetResult): SummaryRow {
  const parameters = result.facts?.parameters ?? null;
  const advertised = parameters?.advertised.find((a) => a.kind === "total" || a.kind === "moe") ?? parameters?.advertised[0];
  const checkpoint = parameters?.checkpoint ?? result.facts?.checkpoint ?? null;
  return {
    target: result.target,
    advertised: advertised ? `${advertised.text} (${advertised.source})` : "",
    configTotal: parameters?.total ?? null,
    configEstimated: parameters?.estimated === true,
    checkpointTotal: checkpoint?.total ?? null,
    verdict: verdict(result),
  };
}

function verdict(result: TargetResult): string {
  if (result.status === "failed") return `failed (${result.error?.code ?? "error"})`;
  const errors = result.findings.filter((f) => f.severity === "error").length;
  const warnings = result.findings.filter((f) => f.severity === "warning").length;
  if (errors) return `${errors} error${errors === 1 ? "" : "s"}`;
  if (warnings) return `${warnings} warning${warnings === 1 ? "" : "s"}`;
  return "ok";
}

export function formatSummary(rows: readonly SummaryRow[], format: SummaryFormat): string {
  if (format === "csv") {
    const lines = [HEADER, ...rows.map((r) => [r.target, r.advertised, count(r.configTotal, false), count(r.checkpointTotal, false), r.verdict])];
    return `${lines.map((cells) => cells.map(csvCell).join(",")).join("\n")}\n`;
  }
  const cells = rows.map((r) => [r.target, r.advertised || "—", configCell(r), count(r.checkpointTotal, true), r.verdict]);
  if (format === "markdown") {
    const escape = (s: string) => s.replace(/\|/g, "\\|");
    const lines = [`| ${HEADER.join(" | ")} |`, "|---|---|---:|---:|---|", ...cells.map((c) => `| ${c.map(escape).join(" | ")} |`)];
    return `${lines.join("\n")}\n`;
  }
  const table = [HEADER, ...cells];
  // Loops, not Math.max(...table): a spread over 130k rows overflows the stack.
  const widths = HEADER.map((_, i) => table.reduce((w, c) => Math.max(w, c[i]!.length), 0));
  const numeric = new Set([2, 3]);
  const line = (c: string[]) => c.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join("  ").trimEnd();
  return `${[line(table[0]!), ...cells.map(line)].join("\n")}\n`;
}

/** The config total for people: "~" marks an estimate; a target read without a count says so rather than "—". */
function configCell(r: SummaryRow): string {
  if (r.configTotal === null) return r.verdict.startsWith("failed") ? "—" : "no count";
  return `${r.configEstimated ? "~" : ""}${groupedCount(r.configTotal)}`;
}

function count(n: number | null, grouped: boolean): string {
  if (n === null) return grouped ? "—" : "";
  return grouped ? groupedCount(n) : String(n);
}

/** RFC 4180: quote cells with commas, quotes or line breaks; a leading =+-@ is neutralized for spreadsheets. */
function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
