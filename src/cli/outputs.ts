import { resolve } from "node:path";
import { RULES } from "../../rules/index.js";
import { writeOutputFile } from "../output/write-output-file.js";
import { UsageError } from "../errors.js";
import type { Report } from "../analyze/report.js";
import { REPORTERS } from "../reporters/index.js";
import type { ReporterContext } from "../reporters/reporter.js";
import { readRuleDocs } from "./rule-docs.js";
import { renderIsolated } from "./render-isolated.js";
import { VERSION } from "../version.js";

/** One report to write: a format and where it goes (null: standard output). */
export interface OutputPlan {
  format: string;
  path: string | null;
}

/**
 * Pair `-f` and `-o` options. One format goes to `-o` if given, else to standard output. Several
 * formats need one `-o` each, paired in order (`-f text -f sarif -o - -o out.sarif`), `-` meaning
 * standard output; at most one format may go there, and no two to the same file.
 */
export function planOutputs(formats: readonly string[], outputs: readonly string[]): OutputPlan[] {
  const chosen = formats.length ? formats : ["text"];
  if (chosen.length === 1 && outputs.length <= 1) return [{ format: chosen[0]!, path: outputs[0] === undefined || outputs[0] === "-" ? null : outputs[0] }];
  if (outputs.length !== chosen.length) {
    throw new UsageError(`${chosen.length} formats but ${outputs.length} outputs: with several --format, give one --output per format, in the same order (- for standard output)`);
  }
  const plan = chosen.map((format, i) => ({ format, path: outputs[i] === "-" ? null : outputs[i]! }));
  if (plan.filter((p) => p.path === null).length > 1) throw new UsageError("only one format can go to standard output (-o -)");
  const files = plan.flatMap((p) => (p.path === null ? [] : [resolve(p.path)]));
  const duplicate = files.find((f, i) => files.indexOf(f) !== i);
  if (duplicate) throw new UsageError(`two formats are written to ${duplicate}`);
  return plan;
}

/** Format the report once per plan entry and write each; standard output last, after the files. */
export async function writeReports(report: Report, plan: readonly OutputPlan[], options: { color: boolean; cwd: string }): Promise<void> {
  const rules = RULES.map((r) => r.meta);
  const ruleDocs = plan.some((p) => p.format === "sarif") ? readRuleDocs(rules) : {};
  let stdout: string | null = null;
  for (const { format, path } of plan) {
    const reporter = await REPORTERS[format]!();
    const context: ReporterContext = { rules, version: VERSION, ruleDocs, color: options.color && path === null, cwd: options.cwd };
    const text = renderIsolated(reporter, format, report, context);
    if (path === null) {
      stdout = text;
      continue;
    }
    try {
      writeOutputFile(resolve(options.cwd, path), text);
    } catch (error) {
      throw new UsageError(`cannot write ${path}: ${(error as Error).message}`);
    }
  }
  if (stdout !== null) process.stdout.write(stdout);
}
