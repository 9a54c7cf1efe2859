import { writeFileSync } from "node:fs";
import { Command as Commander, CommanderError, Option } from "commander";
import { RULES } from "../../rules/index.js";
import { analyzeDocuments } from "../analyze-documents.js";
import { describeError } from "../errors.js";
import { buildEstimateConfig, type EstimateInput } from "../estimate/build-estimate-config.js";
import { summarize, type Report, type TargetResult } from "../report.js";
import { textReporter } from "../reporters/text.js";
import { parseConfigBytes } from "../sources/read-config-document.js";
import { VERSION } from "../version.js";
import type { Command } from "./index.js";
import { keyValue, positiveInt } from "./parse-options.js";

/** The estimate's dimensions plus the command's own output options. */
interface EstimateOptions extends EstimateInput {
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
  return new Commander()
    .name("modelcheck estimate")
    .description("Count the parameters and memory of a model that does not exist yet, from a few dimensions.")
    .option("--family <type>", "model type whose layout is counted (llama, mistral, qwen3, gemma2, phi3, gpt2, gpt_neox, …)", "llama")
    .requiredOption("--d-model <n>", "hidden size", positiveInt)
    .requiredOption("--layers <n>", "number of layers", positiveInt)
    .option("--vocab <n>", "vocabulary size (default 32000)", positiveInt)
    .option("--d-ff <n>", "MLP width (default: 8/3·d rounded up to 256 for gated MLPs, else 4·d)", positiveInt)
    .option("--heads <n>", "attention heads (default: head_dim 128)", positiveInt)
    .option("--kv-heads <n>", "key/value heads (default: as many as heads)", positiveInt)
    .option("--experts <n>", "routed experts (turns llama/mistral into mixtral, qwen3 into qwen3_moe)", positiveInt)
    .option("--experts-per-token <n>", "experts each token uses (default 2)", positiveInt)
    .option("--tied", "tie input and output embeddings")
    .option("--no-tied", "untie input and output embeddings")
    .option("--context <n>", "context length (default 4096)", positiveInt)
    .option("--set <key=value>", "any other config key (repeatable)", keyValue)
    .option("--emit-config <file>", "write the config.json that was built")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .addHelpText("after", "\nExample:\n  $ modelcheck estimate --d-model 2048 --layers 24 --vocab 32000\n")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

export const estimateCommand: Command = async (argv) => {
  const cli = program();
  try {
    cli.parse([...argv], { from: "user" });
    const o = cli.opts<EstimateOptions>();
    const estimate = analyzeEstimate(o);
    if (o.emitConfig) writeFileSync(o.emitConfig, `${JSON.stringify(estimate.config, null, 2)}\n`);
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
    process.stderr.write(`modelcheck estimate: ${describeError(error).message}\n`);
    return 2;
  }
};
