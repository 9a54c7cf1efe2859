import { readFileSync } from "node:fs";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { RULES } from "../../rules/index.js";
import { addHubOptions, hubAnalyzeOptions, readTargetsFiles, type HubCliOptions } from "./hub-options.js";
import { openReports, planOutputs } from "./outputs.js";
import type { BaselineOptions } from "./baseline-step.js";
import type { Baseline } from "../baseline/baseline.js";
import { memoryQuestions, parseBatch, parseContext, parseGpuMemory } from "./memory-options.js";
import { COMMANDS } from "./commands/index.js";
import type { Severity } from "../engine/rule.js";
import { describeError, UsageError } from "../errors.js";
import { exitCodeFor } from "../analyze/exit-code.js";
import { analyzeStream, type AnalyzeOptions } from "../index.js";
import { countResult, emptySummary, type TargetResult } from "../analyze/report.js";
import type { SummaryRow } from "../reporters/summary-table.js";
import { useColor } from "./use-color.js";
import { FORMAT_NAMES } from "../reporters/index.js";
import { VERSION } from "../version.js";

const EXAMPLES = `
Examples:
  $ modelcheck path/to/config.json            analyze one config
  $ modelcheck models/                        every config.json in a folder
  $ modelcheck "checkpoints/**/config.json"   a glob, expanded by modelcheck
  $ modelcheck config.json -f sarif -o modelcheck.sarif
  $ modelcheck models/ -f text -f sarif -o - -o modelcheck.sarif    several reports, one -o per -f
  $ modelcheck models/ --baseline baseline.json --update-baseline   accept today's findings
  $ modelcheck rules                           list the rules; modelcheck explain MC201 for one
  $ modelcheck types                           the model types counted exactly, with their classes
  $ modelcheck estimate --d-model 2048 --layers 24 --vocab 32000    count a model that does not exist yet
  $ modelcheck estimate --budget 4GB --precision int4                the largest shapes that fit a memory budget
  $ modelcheck compare llama-2-70b/ llama-3-70b/                     two or more models side by side
  $ modelcheck configs/ -f json | jq '.results[].facts.parameters.total'
  $ modelcheck mistralai/Mistral-7B-v0.1      a Hub repo: config, card and safetensors headers, no weights
  $ modelcheck --from-file repos.txt --summary csv   many repos, one CSV row each

Config: modelcheck.config.yaml (.yml, .json), .modelcheckrc(.yaml, .yml, .json) or a 'modelcheck' key in package.json, found from each target upward.
Exit codes: 0 clean, 1 findings at or above --fail-on (or more warnings than --max-warnings), 2 a target failed or bad usage.
`;

interface CliOptions {
  /** Repeatable; undefined when not given. */
  format?: string[];
  output?: string[];
  maxWarnings?: number;
  stdinFilename?: string;
  failOn: Severity;
  /** --config FILE, or false for --no-config; undefined: discover from each target upward. */
  config?: string | false;
  printConfig?: string;
  baseline?: string;
  updateBaseline: boolean;
  quiet: boolean;
  color?: boolean;
  debug: boolean;
  exitZero: boolean;
  context?: number;
  batch?: number;
  gpuMemory?: { bytes: number; label: string };
}

/** Repeatable options collect their values (commander keeps only the last by default). */
function collect(allowed: readonly string[] | null) {
  return (value: string, previous: string[] = []) => {
    if (allowed && !allowed.includes(value)) throw new InvalidArgumentError(`expected one of ${allowed.join(", ")}`);
    return [...previous, value];
  };
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
    .argument("[targets...]", "config.json files, folders, globs or Hub repo ids (org/name[@rev][:GGUF_TAG])")
    .option("-f, --format <format>", `output format: ${FORMAT_NAMES.join(", ")} (default: text); repeat it for several reports`, collect(FORMAT_NAMES))
    .option("-o, --output <file>", "write the report to a file instead of standard output; with several -f, one -o each, in order (- for standard output)", collect(null))
    .option("--stdin-filename <name>", "the name of what - reads from standard input (a .md name makes it a model card; default: <stdin>, a config)")
    .option("--max-warnings <n>", "exit 1 when there are more than n warnings (default: no limit)", parseCount)
    .addOption(new Option("--fail-on <severity>", "exit 1 for findings of this severity or worse").choices(["error", "warning", "info"]).default("error"))
    .option("-c, --config <file>", "use this config file for every target (default: the nearest modelcheck.config.yaml, .modelcheckrc or package.json \"modelcheck\" key above each target; see docs/config-files.md)")
    .option("--no-config", "use no config file")
    .option("--print-config <path>", "print the rule settings that apply to a file or model folder as JSON, and exit")
    .option("--baseline <file>", "accept the findings recorded in this file (see --update-baseline)")
    .option("--update-baseline", "write the current findings to the --baseline file (new ones added, fixed ones pruned)", false)
    .option("--context <tokens>", "answer the KV-cache, training and GPU-fit questions at this many tokens per sequence (8192, 32k)", parseContext)
    .option("--batch <n>", "sequences for the KV-cache, training and GPU-fit questions (default 1)", parseBatch)
    .option("--gpu-memory <size>", "add your accelerator's memory to the GPU-fit table (24GB, 80GiB)", parseGpuMemory)
    .option("--quiet", "report errors only", false)
    .option("--color", "colour the text output even when it is not a terminal (FORCE_COLOR is honoured too)")
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
  const command = argv[0] !== undefined && Object.hasOwn(COMMANDS, argv[0]) ? COMMANDS[argv[0]] : undefined;
  if (command) return (await command())(argv.slice(1));
  const program = buildProgram();
  addHubOptions(program);
  let debug = argv.includes("--debug");
  try {
    program.parse([...argv], { from: "user" });
    const options = program.opts<CliOptions & HubCliOptions>();
    debug = options.debug;
    const targets = [...program.args, ...readTargetsFiles(options.fromFile)];
    const cwd = process.cwd();
    if (options.printConfig !== undefined) {
      const { effectiveConfig } = await import("../config/print-config.js");
      const effective = await effectiveConfig(options.printConfig, { cwd, config: options.config, rules: RULES.map((r) => r.meta) });
      process.stdout.write(`${JSON.stringify(effective, null, 2)}\n`);
      return 0;
    }
    if (targets.length === 0) throw new UsageError("no targets given: pass config.json files, folders, globs or Hub repo ids (modelcheck --help)");
    if (options.updateBaseline && options.baseline === undefined) throw new UsageError("--update-baseline needs --baseline FILE (where to write it)");
    const plan = planOutputs(options.format ?? [], options.output ?? []);
    const stdin = targets.includes("-") ? { bytes: readFileSync(0), filename: options.stdinFilename } : undefined;
    const color = useColor(options.color, process.env, process.stdout.isTTY === true);
    // --summary puts the table on standard output in place of the report; reports bound for files are still written.
    const baselineOptions = options.baseline === undefined ? null : { file: options.baseline, update: options.updateBaseline, cwd };
    const baseline = baselineOptions && { options: baselineOptions, preloaded: (await import("./baseline-step.js")).preloadBaseline(baselineOptions) };
    const reports = await openReports(options.summary ? plan.filter((p) => p.path !== null) : plan, { color, cwd });
    const table = options.summary ? await import("../reporters/summary-table.js") : null;
    const rows: SummaryRow[] = [];
    const summary = emptySummary();
    const analyzeOptions = { cwd, config: options.config, memory: memoryQuestions(options), hub: hubAnalyzeOptions(options, debug), stdin };
    try {
      for await (const each of resultsToReport(targets, analyzeOptions, baseline)) {
        if (each.cacheReason) process.stderr.write(`modelcheck: ${each.target}: ${each.cacheReason}; reported from the cache at commit ${each.revision}\n`);
        const result = options.quiet ? quietResult(each) : each;
        countResult(summary, result);
        reports.result(result);
        if (table) rows.push(table.summaryRow(result));
      }
      reports.end(summary);
    } catch (error) {
      reports.abort();
      throw error;
    }
    if (table) process.stdout.write(table.formatSummary(rows, options.summary!));
    // A result a reporter could not write was reported as an internal error: the run failed.
    if (reports.replaced() > 0) return 2;
    return exitCodeFor({ summary }, { maxWarnings: options.maxWarnings ?? -1, exitZero: options.exitZero, failOn: options.failOn });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const { message } = describeError(error);
    process.stderr.write(`modelcheck: ${message}\n`);
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    else if (!(error instanceof UsageError)) process.stderr.write("(run with --debug for details)\n");
    return 2;
  }
}

/** The results as they arrive; with a baseline, filtered (or recorded) one by one. */
async function* resultsToReport(targets: readonly string[], options: AnalyzeOptions, baseline: { options: BaselineOptions; preloaded: Baseline | null } | null): AsyncGenerator<TargetResult> {
  if (!baseline) {
    yield* analyzeStream(targets, options);
    return;
  }
  const { baselineStep } = await import("./baseline-step.js");
  const notes: string[] = [];
  yield* baselineStep(analyzeStream(targets, options), baseline.options, baseline.preloaded, notes);
  for (const note of notes) process.stderr.write(`modelcheck: ${note}\n`);
}

/** --quiet keeps only error findings, in the output and in the counts. */
function quietResult(result: TargetResult): TargetResult {
  return { ...result, findings: result.findings.filter((f) => f.severity === "error") };
}
