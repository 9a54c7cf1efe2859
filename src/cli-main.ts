import { existsSync, writeFileSync } from "node:fs";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { RULES } from "../rules/index.js";
import { COMMANDS } from "./commands/index.js";
import { describeError, UsageError } from "./errors.js";
import { exitCodeFor } from "./exit-code.js";
import { analyze } from "./index.js";
import type { Report } from "./report.js";
import { FORMAT_NAMES, REPORTERS } from "./reporters/index.js";
import { readRuleDocs } from "./rule-docs.js";
import { VERSION } from "./version.js";

const EXAMPLES = `
Examples:
  $ modelcheck path/to/config.json            analyze one config
  $ modelcheck models/                        every config.json in a folder
  $ modelcheck "checkpoints/**/config.json"   a glob, expanded by modelcheck
  $ modelcheck config.json -f sarif -o modelcheck.sarif
  $ modelcheck configs/ -f json | jq '.results[].facts.parameters.total'

Exit codes: 0 clean, 1 error findings (or more warnings than --max-warnings), 2 a target failed or bad usage.
`;

interface CliOptions {
  format: string;
  output?: string;
  maxWarnings: number;
  quiet: boolean;
  color: boolean;
  debug: boolean;
  exitZero: boolean;
}

function parseCount(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError("expected an integer");
  return Number(value);
}

function buildProgram(): Command {
  return new Command()
    .name("modelcheck")
    .description("Audit machine-learning model configs: exact parameter counts, attention layout and consistency rules.")
    .version(VERSION, "-V, --version")
    .argument("[targets...]", "config.json files, folders or globs")
    .addOption(new Option("-f, --format <format>", "output format").choices(FORMAT_NAMES).default("text"))
    .option("-o, --output <file>", "write the report to a file instead of standard output")
    .option("--max-warnings <n>", "exit 1 when there are more than n warnings", parseCount, -1)
    .option("--quiet", "report errors only", false)
    .option("--no-color", "never colour the text output (NO_COLOR is honoured too)")
    .option("--exit-zero", "exit 0 even when findings would exit 1 (failed targets still exit 2)", false)
    .option("--debug", "print stack traces of internal errors", false)
    .addHelpText("after", EXAMPLES)
    .showHelpAfterError("(run modelcheck --help for usage)")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

/** Run the CLI and return the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const command = argv[0] !== undefined && Object.hasOwn(COMMANDS, argv[0]) && !existsSync(argv[0]) ? COMMANDS[argv[0]] : undefined;
  if (command) return (await command())(argv.slice(1));
  const program = buildProgram();
  let debug = argv.includes("--debug");
  try {
    program.parse([...argv], { from: "user" });
    const options = program.opts<CliOptions>();
    debug = options.debug;
    const targets = program.args;
    if (targets.length === 0) throw new UsageError("no targets given: pass config.json files, folders or globs (modelcheck --help)");
    const report = filterQuiet(await analyze(targets), options.quiet);
    const reporter = await REPORTERS[options.format]!();
    const color = options.color && !options.output && process.stdout.isTTY === true && !("NO_COLOR" in process.env && process.env.NO_COLOR !== "");
    const text = reporter(report, { rules: RULES.map((r) => r.meta), version: VERSION, ruleDocs: options.format === "sarif" ? readRuleDocs(RULES.map((r) => r.meta)) : {}, color, cwd: process.cwd() });
    if (options.output) writeFileSync(options.output, text);
    else process.stdout.write(text);
    return exitCodeFor(report, { maxWarnings: options.maxWarnings, exitZero: options.exitZero });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const { message } = describeError(error);
    process.stderr.write(`modelcheck: ${message}\n`);
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    else if (!(error instanceof UsageError)) process.stderr.write("(run with --debug for details)\n");
    return 2;
  }
}

/** --quiet keeps only error findings, in the output and in the counts. */
function filterQuiet(report: Report, quiet: boolean): Report {
  if (!quiet) return report;
  const results = report.results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === "error") }));
  return { ...report, results, summary: { ...report.summary, warnings: 0, infos: 0 } };
}
