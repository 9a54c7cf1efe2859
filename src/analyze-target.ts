import { basename, dirname } from "node:path";
import { describeError } from "./errors.js";
import { runRules, type RuleSettings } from "./engine/run-rules.js";
import { deriveFacts } from "./facts/derive-facts.js";
import { looksLikeModelConfig } from "./normalize/looks-like-model-config.js";
import { normalizeConfig } from "./normalize/normalize-config.js";
import type { Rule } from "./engine/rule.js";
import type { TargetResult } from "./report.js";
import { readConfigDocument } from "./sources/read-config-document.js";
import type { Target } from "./targets/target.js";

/** The name a model is known by on disk: the folder of a config.json, else the file's stem. */
export function targetName(path: string): string {
  const file = basename(path);
  if (file === "config.json") return basename(dirname(path));
  return file.replace(/\.json$/i, "");
}

/** Analyze one local target. Never throws: every failure becomes a failed result. */
export function analyzeTarget(target: Target, rules: readonly Rule[], settings: RuleSettings): TargetResult {
  const result: TargetResult = { target: target.input, kind: target.kind, revision: null, status: "ok", error: null, facts: null, findings: [] };
  if (target.error || !target.configPath) {
    return { ...result, status: "failed", error: target.error ?? { code: "not-found", message: `${target.input}: nothing to read` } };
  }
  try {
    const loaded = readConfigDocument(target.configPath, target.displayPath ?? target.input);
    const value = loaded.document.value;
    const isConfig = !loaded.problem && value !== null && typeof value === "object" && looksLikeModelConfig(value);
    const model = isConfig ? normalizeConfig(value as Record<string, unknown>) : null;
    const derived = model ? deriveFacts(model, targetName(target.configPath)) : null;
    result.facts = derived?.facts ?? null;
    result.findings = runRules(rules, { model, facts: result.facts, inventory: derived?.inventory ?? null, documents: { config: loaded } }, settings);
    return result;
  } catch (error) {
    return { ...result, status: "failed", error: describeError(error), facts: null, findings: [] };
  }
}
