import { writeOutputFile } from "../../output/write-output-file.js";
import { Command as Commander, CommanderError, Option } from "commander";
import { subcommand } from "./subcommand.js";
import { RULES } from "../../../rules/index.js";
import { analyzeDocuments } from "../../analyze/analyze-documents.js";
import { describeError } from "../../errors.js";
import { budgetText } from "../../estimate/budget-text.js";
import { buildEstimateConfig, type EstimateInput } from "../../estimate/build-estimate-config.js";
import { budgetPrecision, searchBudget, type BudgetSearch } from "../../estimate/search-budget.js";
import { UsageError } from "../../errors.js";
import { parseBatch, parseContext, parseGpuMemory } from "../memory-options.js";
import { summarize, type Report, type TargetResult } from "../../analyze/report.js";
import { textReporter } from "../../reporters/text.js";
import { parseConfigBytes } from "../../sources/read-config-document.js";
import { VERSION } from "../../version.js";
import type { Command } from "./command.js";
import { keyValue, parseShare, positiveInt } from "./parse-options.js";

/** The estimate's dimensions plus the command's own options; budget mode leaves width and depth to the search. */
interface EstimateOptions extends Omit<EstimateInput, "dModel" | "layers"> {
  dModel?: number;
  layers?: number;
  budget?: { bytes: number; label: string };
  precision?: string;
  batch?: number;
  overhead?: number;
  emitConfig?: string;
  format: "text" | "json";
}

/** Analyze an estimate's config exactly as a real one, from its JSON text so findings have positions. */
export function analyzeEstimate(input: EstimateInput): { result: TargetResult; config: Record<string, unknown>; modelType: string; assumptions: string[] } {
  const built = buildEstimateConfig(input);
  const config = parseConfigBytes(Buffer.from(`${JSON.stringify(built.config, null, 2)}\n`), "estimate config.json");
  const result = analyzeDocuments({ config, name: null }, { input: `estimate (${built.modelType})`, kind: "file", revision: null }, { rules: RULES, ruleSettings: {}, cwd: process.cwd() });
  return { result, ...built };
}

function program(): Commander {
  return subcommand("estimate", "Count the parameters and memory of a model that does not exist yet, from a few dimensions.")
    .option("--family <type>", "model type whose layout is counted (llama, mistral, qwen3, gemma2, phi3, gpt2, gpt_neox, …)", "llama")
    .option("--d-model <n>", "hidden size (searched in budget mode unless given)", positiveInt)
    .option("--layers <n>", "number of layers (searched in budget mode unless given)", positiveInt)
    .option("--vocab <n>", "vocabulary size (default 32000)", positiveInt)
    .option("--d-ff <n>", "MLP width (default: 8/3·d rounded up to 256 for gated MLPs, 2·d for mamba's mixer, else 4·d)", positiveInt)
    .option("--heads <n>", "attention heads (default: 128 wide from d_model 1024 on, else 64 wide)", positiveInt)
    .option("--kv-heads <n>", "key/value heads (default: as many as heads)", positiveInt)
    .option("--experts <n>", "routed experts (turns llama/mistral into mixtral, qwen2 into qwen2_moe, qwen3 into qwen3_moe)", positiveInt)
    .option("--experts-per-token <n>", "experts each token uses (default 2)", positiveInt)
    .option("--tied", "tie input and output embeddings")
    .option("--no-tied", "untie input and output embeddings")
    .option("--context <n>", "context length: 4096, 32k (default 4096)", parseContext)
    .option("--set <key=value>", "any other config key (repeatable)", keyValue)
    .option("--budget <size>", "budget mode: propose shapes whose weights + KV cache fit in this memory (4GB, 8GiB, 512MB)", parseGpuMemory)
    .option("--precision <type>", "budget mode: weight precision (fp32, bf16, fp16, fp8, int8, int4, q8_0, q6_k, q5_k, q4_k, q4_0, iq4_xs, q3_k, q2_k)", "int4")
    .option("--batch <n>", "budget mode: sequences whose KV cache must fit (default 1)", parseBatch)
    .option("--overhead <share>", "budget mode: share of the budget kept for the runtime, 0 to under 1 (default 0.1, as the hardware-fit table)", parseShare)
    .option("--emit-config <file>", "write the config.json that was built (budget mode: the largest candidate's)")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .addHelpText("after", "\nExamples:\n  $ modelcheck estimate --d-model 2048 --layers 24 --vocab 32000\n  $ modelcheck estimate --budget 4GB --precision int4 --family llama --context 4096\n");
}

export const estimateCommand: Command = async (argv) => {
  const cli = program();
  try {
    cli.parse([...argv], { from: "user" });
    const o = cli.opts<EstimateOptions>();
    if (o.budget) return budgetMode(o, o.budget);
    if (cli.getOptionValueSource("precision") === "cli" || o.batch !== undefined || o.overhead !== undefined) throw new UsageError("--precision, --batch and --overhead belong to budget mode: add --budget");
    if (o.dModel === undefined || o.layers === undefined) throw new UsageError("--d-model and --layers are required (or --budget to search for them)");
    const estimate = analyzeEstimate({ ...o, dModel: o.dModel, layers: o.layers });
    if (o.emitConfig) emitConfig(o.emitConfig, estimate.config);
    const report: Report = { tool: { name: "modelcheck", version: VERSION }, results: [estimate.result], summary: summarize([estimate.result]) };
    if (o.format === "json") {
      process.stdout.write(`${JSON.stringify({ estimate: { family: o.family, modelType: estimate.modelType, assumptions: estimate.assumptions, config: estimate.config }, report })}\n`);
    } else {
      const assumed = estimate.assumptions.length ? estimate.assumptions.map((a) => `  assumed     ${a}`).join("\n") : "  assumed     nothing: every dimension was given";
      const text = textReporter(report, { rules: RULES.map((r) => r.meta), version: VERSION, ruleDocs: {}, color: false, cwd: process.cwd() });
      process.stdout.write(`${assumed}\n${text}`);
    }
    return report.summary.errors > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError) {
      process.stderr.write(`modelcheck estimate: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`modelcheck estimate: ${describeError(error).message}\n`);
    return 2;
  }
};

/**
 * `--budget`: search the family's shapes that fit, print them largest first. Exit 0 with candidates,
 * 1 when nothing fits (a CI asking "does anything fit?" gets a clear no).
 */
function budgetMode(o: EstimateOptions, budget: { bytes: number; label: string }): number {
  const precision = budgetPrecision(o.precision ?? "int4");
  const context = o.context ?? 4096;
  const search = searchBudget({ ...o, budgetBytes: budget.bytes, precision, context, batch: o.batch ?? 1 });
  const best = search.candidates[0];
  if (o.emitConfig && best) emitConfig(o.emitConfig, best.config);
  if (o.format === "json") process.stdout.write(`${JSON.stringify({ budget: budgetJson(search, budget.label, o.family) })}\n`);
  else process.stdout.write(budgetText(search, budget.label, o.family, passthroughOptions(o, context)));
  return best ? 0 : 1;
}

function budgetJson(search: BudgetSearch, label: string, family: string) {
  return { ...search, label, family };
}

/** The options every candidate shares, as command-line flags, so each row can be re-run as a full estimate. */
function passthroughOptions(o: EstimateOptions, context: number): string[] {
  const flags: string[] = [];
  const add = (flag: string, value: number | undefined) => value !== undefined && flags.push(`${flag} ${value}`);
  add("--vocab", o.vocab);
  add("--d-ff", o.dFf);
  add("--heads", o.heads);
  add("--kv-heads", o.kvHeads);
  add("--experts", o.experts);
  add("--experts-per-token", o.expertsPerToken);
  if (o.tied !== undefined) flags.push(o.tied ? "--tied" : "--no-tied");
  flags.push(`--context ${context}`);
  for (const [key, value] of Object.entries(o.set ?? {})) flags.push(`--set ${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
  return flags;
}

function emitConfig(path: string, config: Record<string, unknown>): void {
  try {
    writeOutputFile(path, `${JSON.stringify(config, null, 2)}\n`);
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${(error as Error).message}`);
  }
}
