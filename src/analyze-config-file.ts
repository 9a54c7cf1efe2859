import { basename, dirname } from "node:path";
import { describeError, SourceError } from "./errors.js";
import type { Rule } from "./engine/rule.js";
import { runRules, type RuleSettings } from "./engine/run-rules.js";
import { deriveFacts } from "./facts/derive-facts.js";
import { looksLikeModelConfig } from "./normalize/looks-like-model-config.js";
import { normalizeConfig } from "./normalize/normalize-config.js";
import type { TargetResult } from "./report.js";
import { readConfigDocument } from "./sources/read-config-document.js";
import type { Target } from "./targets/target.js";

export interface AnalysisSettings {
  rules: readonly Rule[];
  ruleSettings: RuleSettings;
  cwd: string;
}

/** The name a model is known by on disk: the folder of a config.json, else the file's stem. */
export function targetName(path: string): string {
  const file = basename(path);
  if (file === "config.json") return basename(dirname(path));
  return file.replace(/\.json$/i, "");
}

/**
 * Read, normalize, derive and lint one config file. With `rethrowMissing`, a missing file throws
 * (the folder walk uses that to descend); otherwise every failure becomes a failed result.
 */
export function analyzeConfigFile(path: string, input: string, kind: Target["kind"], settings: AnalysisSettings, shown: string, rethrowMissing = false): TargetResult {
  try {
    const loaded = readConfigDocument(path, shown);
    const value = loaded.document.value;
    const isConfig = !loaded.problem && value !== null && typeof value === "object" && looksLikeModelConfig(value);
    const model = isConfig ? normalizeConfig(value as Record<string, unknown>) : null;
    const derived = model ? deriveFacts(model, targetName(path)) : null;
    const facts = derived?.facts ?? null;
    const findings = runRules(settings.rules, { model, facts, inventory: derived?.inventory ?? null, documents: { config: loaded } }, settings.ruleSettings);
    return { target: input, kind, revision: null, status: "ok", error: null, facts, findings };
  } catch (error) {
    if (rethrowMissing && error instanceof SourceError && error.code === "not-found") throw error;
    return failedResult(input, kind, describeError(error));
  }
}

export function failedResult(target: string, kind: Target["kind"], error: { code: string; message: string }): TargetResult {
  return { target, kind, revision: null, status: "failed", error, facts: null, findings: [] };
}
