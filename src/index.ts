import { RULES } from "../rules/index.js";
import { analyzeTarget } from "./analyze-target.js";
import type { RuleSettings } from "./engine/run-rules.js";
import { summarize, type Report } from "./report.js";
import { resolveTargets } from "./targets/resolve-targets.js";
import { VERSION } from "./version.js";

export interface AnalyzeOptions {
  /** Directory relative paths and globs are resolved against; defaults to process.cwd(). */
  cwd?: string;
  /** Per-rule severities ("off" disables) and options, keyed by code or name. */
  rules?: RuleSettings;
}

/**
 * Analyze targets (config files, folders, globs) and return the report the JSON format serializes.
 * Every target appears in the results, in input order; one that cannot be read is `status: "failed"`
 * and never stops the others.
 */
export async function analyze(inputs: readonly string[], options: AnalyzeOptions = {}): Promise<Report> {
  const cwd = options.cwd ?? process.cwd();
  const targets = await resolveTargets(inputs, cwd);
  const settings = { rules: RULES, ruleSettings: options.rules ?? {}, cwd };
  const results = targets.flatMap((target) => analyzeTarget(target, settings));
  return { tool: { name: "modelcheck", version: VERSION }, results, summary: summarize(results) };
}

export { RULES } from "../rules/index.js";
export { VERSION } from "./version.js";
export { normalizeConfig } from "./normalize/normalize-config.js";
export { deriveFacts } from "./facts/derive-facts.js";
export { parseAdvertisedSizes } from "./facts/parse-advertised-size.js";
export type { Report, TargetResult, Summary } from "./report.js";
export type { Facts, ParameterFacts } from "./facts/facts.js";
export type { Finding } from "./engine/finding.js";
export type { Rule, RuleMeta, Severity } from "./engine/rule.js";
export type { NormalizedModel } from "./normalize/normalized-model.js";
export type { Inventory, TensorTemplate, Role } from "./architectures/inventory.js";
