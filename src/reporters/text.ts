import { failureMessage } from "./failure-message.js";
import type { Role } from "../architectures/inventory.js";
import { inputText } from "./input-text.js";
import type { Finding } from "../engine/finding.js";
import type { Facts } from "../facts/facts.js";
import { groupedCount, humanCount } from "../format/format-count.js";
import type { TargetResult } from "../analyze/report.js";
import { checkpointTextLines } from "./checkpoint-text.js";
import { memoryTextLines } from "./memory-text.js";
import { wholeReport, type ReportFormat } from "./reporter.js";
import { createSummaryTable, formatSummary } from "./summary-table.js";

const BAR_WIDTH = 30;

interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  green(s: string): string;
}

function paint(color: boolean): Paint {
  const wrap = (open: number, close: number) => (s: string) => (color ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), blue: wrap(34, 39), green: wrap(32, 39) };
}

/** Human-readable report: per target a header, the facts, a bar chart of where the parameters live, the findings; written as each result arrives. */
export const textFormat: ReportFormat = (context) => {
  const p = paint(context.color);
  let first = true;
  // Only the closing table's short rows are kept (summary-table.ts), never the results.
  const table = createSummaryTable();
  return {
    start: () => "",
    result(result) {
      table.add(result);
      const block = `${first ? "" : "\n"}${targetBlock(result, p)}`;
      first = false;
      return block;
    },
    end(s) {
      const counts = [
        `${s.targets} target${s.targets === 1 ? "" : "s"}`,
        s.failed ? p.red(`${s.failed} failed`) : "0 failed",
        s.errors ? p.red(`${s.errors} error${s.errors === 1 ? "" : "s"}`) : "0 errors",
        s.warnings ? p.yellow(`${s.warnings} warning${s.warnings === 1 ? "" : "s"}`) : "0 warnings",
        `${s.infos} info${s.infos === 1 ? "" : "s"}`,
      ];
      // A batch of Hub repos closes with the three sizes side by side.
      const rows = table.rows();
      return `${rows ? `\n${formatSummary(rows, "text")}` : ""}\n${counts.join(" · ")}\n`;
    },
  };
};

export const textReporter = wholeReport(textFormat);

function targetBlock(result: TargetResult, p: Paint): string {
  if (result.status === "failed") return `${p.red("✖")} ${p.bold(result.target)}  ${p.red("failed")}: ${failureMessage(result)}\n`;
  const lines: string[] = [];
  const f = result.facts;
  // Targets without a config (a lone checkpoint, a PEFT adapter) are labelled by what they are.
  const kind = f?.modelType ?? (f?.adapter ? "PEFT adapter" : f?.checkpoint ? "checkpoint only" : "unknown type");
  const label = f ? [kind, f.architecture, f.modelKind].filter(Boolean).join(" · ") : "";
  const commit = result.revision ? p.dim(` @ ${result.revision.slice(0, 7)}`) : "";
  lines.push(`${p.bold(result.target)}${commit}${label ? `  ${p.dim(label)}` : ""}`);
  if (f) lines.push(...factLines(f, p));
  if (result.findings.length) {
    lines.push("  findings");
    for (const finding of result.findings) lines.push(`    ${findingLine(finding, p)}`);
  }
  return `${lines.join("\n")}\n`;
}

function factLines(f: Facts, p: Paint): string[] {
  const out: string[] = [];
  const pa = f.parameters;
  if (pa) {
    const tag = pa.estimated ? p.yellow("estimate") : p.green("exact");
    out.push(row("parameters", `${groupedCount(pa.total)} (${humanCount(pa.total)})  ${tag}`));
    if (pa.active !== pa.total) out.push(row("active", `${groupedCount(pa.active)} (${humanCount(pa.active)}) per token, ${((pa.active / pa.total) * 100).toFixed(1)}% of total`));
    for (const t of pa.tied) out.push(row("tied", `${t.name} shares ${t.tiedTo} (counted once)`));
    if (pa.components) out.push(row("components", Object.entries(pa.components).map(([name, n]) => `${name} ${humanCount(n)}`).join(" · ")));
  }
  out.push(...checkpointTextLines(f, row));
  const a = f.attention;
  if (a.type === "NONE") out.push(row("attention", "none (state-space model)"));
  else if (a.type) {
    const parts = [`${a.type} ${a.nHeads} heads`];
    if (a.type === "GQA" || a.type === "MQA") parts[0] += ` / ${a.nKvHeads} KV head${a.nKvHeads === 1 ? "" : "s"}${a.groupSize ? ` (group ${a.groupSize})` : ""}`;
    if (a.headDim) parts.push(`d_head ${a.headDim}`);
    if (a.slidingWindow) parts.push(`sliding window ${a.slidingWindow}`);
    out.push(row("attention", parts.join(", ")));
  }
  if (f.moe) out.push(row("MoE", moeText(f.moe)));
  const d = f.dims;
  const dims = [
    d.dModel && `d_model ${d.dModel}`,
    d.encoderLayers !== null ? `layers ${d.encoderLayers} enc + ${d.decoderLayers} dec` : d.nLayers && `layers ${d.nLayers}`,
    d.dFf && `d_ff ${d.dFf}${d.dModel ? ` (${(d.dFf / d.dModel).toFixed(2)}×)` : ""}${d.assumed.includes("dFf") ? p.yellow(" assumed") : ""}`,
    d.vocabSize && `vocab ${d.vocabSize}`,
    d.contextLength && `context ${d.contextLength}`,
  ].filter(Boolean);
  if (dims.length) out.push(row("dims", dims.join(" · ")));
  const input = f.input ? inputText(f.input) : null;
  if (input) out.push(row("input", input));
  if (pa) {
    if (pa.approx12Ld2 !== null) {
      const err = ((pa.approx12Ld2 - pa.total) / pa.total) * 100;
      out.push(row("12·L·d²", `${humanCount(pa.approx12Ld2)} (${err >= 0 ? "+" : ""}${err.toFixed(1)}% vs the count above)`));
    }
    out.push("  where the parameters live");
    out.push(...breakdownBars(pa.breakdown, pa.total, p));
  }
  out.push(...memoryTextLines(f, row));
  return out;
}

/** "128 experts, 8 per token, expert d_ff 768, 48 MoE layers, 0 dense". */
export function moeText(m: NonNullable<Facts["moe"]>): string {
  const parts = [`${m.experts} experts`, `${m.expertsPerToken} per token`];
  if (m.sharedExperts) parts.push(`${m.sharedExperts} shared`);
  if (m.expertIntermediateSize) parts.push(`expert d_ff ${m.expertIntermediateSize}`);
  parts.push(`${m.moeLayers} MoE layers`, `${m.denseLayers} dense`);
  return parts.join(", ");
}

function row(label: string, value: string): string {
  return `  ${label.padEnd(11)} ${value}`;
}

/** The picture of where the parameters live: one bar per role, largest first. */
function breakdownBars(breakdown: Partial<Record<Role, number>>, total: number, p: Paint): string[] {
  const entries = Object.entries(breakdown).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]) as [Role, number][];
  return entries.map(([role, n]) => {
    const share = total ? n / total : 0;
    const cells = share * BAR_WIDTH;
    const full = Math.floor(cells);
    const bar = "█".repeat(full) + (cells - full >= 0.5 || (full === 0 && n > 0) ? "▌" : "");
    return `    ${role.padEnd(10)} ${p.blue(bar.padEnd(BAR_WIDTH + 1))} ${humanCount(n).padStart(7)} ${`${(share * 100).toFixed(1)}%`.padStart(6)}`;
  });
}

function findingLine(f: Finding, p: Paint): string {
  const where = f.location.line ? `${f.location.file}:${f.location.line}:${f.location.column}` : f.location.file;
  const severity = f.severity === "error" ? p.red("error") : f.severity === "warning" ? p.yellow("warning") : p.blue("info");
  return `${where}  ${severity}  ${f.ruleId}  ${f.message}  ${p.dim(`(${f.ruleName})`)}`;
}
