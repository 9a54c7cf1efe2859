import { Command as Commander, CommanderError, Option } from "commander";
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
  const failed = results.filter((r) => r.status === "failed").map((r) => `✖ ${r.target}: ${r.error?.message ?? "failed"}`);
  return [line(header), ...body.map(line), ...failed, "", "≠ marks the facts that differ."].join("\n") + "\n";
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

function program(): Commander {
  return subcommand("compare", "Show the facts of two or more models side by side, with the differences marked.")
    .argument("<targets...>", "config.json files, folders, globs or Hub repo ids")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json", "markdown"]).default("text"))
    .addHelpText("after", "\nExample:\n  $ modelcheck compare llama-2-70b/config.json llama-3-70b/config.json\n");
}

export const compareCommand: Command = async (argv) => {
  const cli = program();
  try {
    cli.parse([...argv], { from: "user" });
    const { format } = cli.opts<{ format: "text" | "json" | "markdown" }>();
    if (cli.args.length < 2) throw new Error("compare needs at least two targets");
    const report = await analyze(cli.args);
    const rows = compareRows(report.results);
    if (format === "json") process.stdout.write(`${JSON.stringify({ targets: report.results.map((r) => r.target), rows, report })}\n`);
    else process.stdout.write(format === "markdown" ? compareMarkdown(report.results, rows) : compareText(report.results, rows));
    return report.summary.failed > 0 ? 2 : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    process.stderr.write(`modelcheck compare: ${describeError(error).message}\n`);
    return 2;
  }
};
