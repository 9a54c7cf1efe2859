import { Command as Commander, CommanderError, InvalidArgumentError } from "commander";
import { planOutputs } from "../outputs.js";
import { memoryQuestions, parseBatch, parseContext } from "../memory-options.js";
import { writeOutputFile } from "../../output/write-output-file.js";
import { subcommand } from "./subcommand.js";
import { compareRows, showValue, type CompareRow } from "../../compare/compare-rows.js";
import { describeError } from "../../errors.js";
import { analyze } from "../../index.js";
import type { TargetResult } from "../../analyze/report.js";
import type { Command } from "./command.js";

/** A column title: the model's folder or file name, not its whole path. */
function shortName(target: string): string {
  const parts = target.replace(/\/config\.json$/, "").replace(/\.json$/, "").split("/");
  return parts.at(-1) || target;
}

/** Columns padded to their widest cell; differing rows marked with "≠". */
export function compareText(results: readonly TargetResult[], rows: readonly CompareRow[]): string {
  const header = ["", ...results.map((r) => shortName(r.target))];
  const body = rows.map((row) => [`${row.differs ? "≠" : " "} ${row.field}`, ...row.values.map(showValue)]);
  const widths = header.map((_, c) => Math.max(...[header, ...body].map((line) => line[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ").trimEnd();
  return [line(header), ...body.map(line), "", "≠ marks the facts that differ."].join("\n") + "\n";
}

export function compareMarkdown(results: readonly TargetResult[], rows: readonly CompareRow[]): string {
  const escape = (s: string) => s.replace(/\|/g, "\\|");
  const lines = [`| fact | ${results.map((r) => escape(shortName(r.target))).join(" | ")} |`, `|---|${results.map(() => "---:").join("|")}|`];
  for (const row of rows) {
    const cells = row.values.map((v) => (row.differs ? `**${escape(showValue(v))}**` : escape(showValue(v))));
    lines.push(`| ${row.differs ? "**" + escape(row.field.trim()) + "**" : escape(row.field.trim())} | ${cells.join(" | ")} |`);
  }
  return `${lines.join("\n")}\n\nFacts in **bold** differ between the models.\n`;
}

const FORMATS = ["text", "json", "markdown"] as const;
type CompareFormat = (typeof FORMATS)[number];

function collect(allowed: readonly string[] | null) {
  return (value: string, previous: string[] = []) => {
    if (allowed && !allowed.includes(value)) throw new InvalidArgumentError(`expected one of ${allowed.join(", ")}`);
    return [...previous, value];
  };
}

function program(): Commander {
  return subcommand("compare", "Show the facts of two or more models side by side, with the differences marked.")
    .argument("<targets...>", "config.json files, folders, globs or Hub repo ids")
    .option("-f, --format <format>", `output format: ${FORMATS.join(", ")} (default: text); repeat it for several`, collect(FORMATS))
    .option("-o, --output <file>", "write to a file instead of standard output; with several -f, one -o each, in order (- for standard output)", collect(null))
    .option("--context <tokens>", "add the KV cache at this many tokens per sequence (8192, 32k)", parseContext)
    .option("--batch <n>", "sequences for the --context row (default 1)", parseBatch)
    .addHelpText("after", "\nExample:\n  $ modelcheck compare llama-2-70b/config.json llama-3-70b/config.json\n  $ modelcheck compare a/ b/ -f text -f markdown -o - -o compare.md\n");
}

interface CompareOptions {
  format?: CompareFormat[];
  output?: string[];
  context?: number;
  batch?: number;
}

export const compareCommand: Command = async (argv) => {
  const cli = program();
  try {
    cli.parse([...argv], { from: "user" });
    const options = cli.opts<CompareOptions>();
    if (cli.args.length < 2) throw new Error("compare needs at least two targets");
    const plan = planOutputs(options.format ?? [], options.output ?? []);
    const report = await analyze(cli.args, { memory: memoryQuestions(options) });
    // A target that could not be read is one line on stderr, not a column of dashes.
    for (const r of report.results) if (r.status === "failed") process.stderr.write(`modelcheck compare: ${r.error?.message ?? `${r.target}: failed`}\n`);
    const read = report.results.filter((r) => r.status !== "failed");
    const rows = compareRows(read);
    const render = (format: string) =>
      format === "json" ? `${JSON.stringify({ targets: read.map((r) => r.target), rows, report })}\n` : format === "markdown" ? compareMarkdown(read, rows) : compareText(read, rows);
    for (const p of plan) if (p.path !== null) writeOutputFile(p.path, render(p.format));
    for (const p of plan) if (p.path === null) process.stdout.write(render(p.format));
    return report.summary.failed > 0 ? 2 : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    process.stderr.write(`modelcheck compare: ${describeError(error).message}\n`);
    return 2;
  }
};
