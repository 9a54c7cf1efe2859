import { groupedCount, humanCount } from "../format/format-count.js";
import { RUNTIME_OVERHEAD } from "../facts/memory-facts.js";
import { PRECISIONS } from "../facts/precisions.js";
import { decimalSize, sizeText } from "../reporters/memory-text.js";
import type { BudgetCandidate, BudgetSearch } from "./search-budget.js";

const LABELS: Record<string, string> = Object.fromEntries(PRECISIONS.map((p) => [p.key, p.label]));

/** The command line that reproduces one candidate as a plain estimate, with the options the search was given. */
export function candidateCommand(candidate: BudgetCandidate, family: string, passthrough: string[]): string {
  // The KV heads the search chose (8 by default) are named, so the plain estimate counts the same shape.
  const kv = candidate.kvHeads && !passthrough.some((flag) => flag.startsWith("--kv-heads ")) ? [`--kv-heads ${candidate.kvHeads}`] : [];
  return ["modelcheck estimate", `--family ${family}`, `--d-model ${candidate.dModel}`, `--layers ${candidate.layers}`, ...kv, ...passthrough].join(" ");
}

/** Budget mode in text: what was asked, how it was searched, and the candidates as a table, largest first. */
export function budgetText(search: BudgetSearch, budgetLabel: string, family: string, passthrough: string[]): string {
  const precision = LABELS[search.precision] ?? search.precision;
  const lines = [
    `budget      ${budgetLabel} = ${sizeText(search.budgetBytes)}; ${sizeText(search.usableBytes)} usable after ${Number((search.overhead * 100).toFixed(2))}% kept for the runtime${search.overhead === RUNTIME_OVERHEAD ? " (as in the hardware-fit table; --overhead to change)" : " (--overhead)"}`,
    `fits when   ${precision} weights + KV cache at ${groupedCount(search.context)} tokens × ${search.batch} sequence${search.batch === 1 ? "" : "s"} ≤ usable memory`,
    `layout      ${search.modelType}`,
    ...search.searched.map((s) => `searched    ${s}`),
    ...search.assumptions.map((a) => `assumed     ${a}`),
    "",
  ];
  if (search.candidates.length === 0) {
    lines.push("No shape of this family fits: even the smallest searched needs more memory. Try a lower precision, a shorter --context or a smaller --vocab.");
    return `${lines.join("\n")}\n`;
  }
  // A mixture of experts must hold every expert, but computes with the active ones: both are shown.
  const moe = search.candidates.some((c) => c.activeParameters !== c.parameters);
  const header = ["d_model", "layers", "d/L", "heads", "kv", "d_ff", "parameters (exact)", "", ...(moe ? ["active"] : []), `weights ${precision}`, "KV cache", "total", "of usable"];
  const rows = search.candidates.map((c) => [
    String(c.dModel),
    String(c.layers),
    String(Math.round(c.widthPerLayer)),
    c.heads ? String(c.heads) : "–",
    c.kvHeads ? String(c.kvHeads) : "–",
    String(c.dFf),
    groupedCount(c.parameters),
    humanCount(c.parameters),
    ...(moe ? [humanCount(c.activeParameters)] : []),
    decimalSize(c.weightsBytes),
    decimalSize(c.kvCacheBytes),
    decimalSize(c.totalBytes),
    `${(c.shareOfUsable * 100).toFixed(1)}%`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const numeric = (i: number) => i !== 7;
  const format = (cells: string[]) => `  ${cells.map((cell, i) => (numeric(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join("  ")}`.trimEnd();
  lines.push(format(header), ...rows.map(format), "", "Each row, the rule that chose it, and the command for a full report:");
  for (const c of search.candidates) lines.push(`  d_model ${c.dModel} × ${c.layers} layers: ${c.rule}`, `    ${candidateCommand(c, family, passthrough)}`);
  return `${lines.join("\n")}\n`;
}
