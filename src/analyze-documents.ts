import type { Rule } from "./engine/rule.js";
import { runRules, type RuleSettings } from "./engine/run-rules.js";
import { deriveFacts } from "./facts/derive-facts.js";
import { looksLikeModelConfig } from "./normalize/looks-like-model-config.js";
import { normalizeConfig } from "./normalize/normalize-config.js";
import type { TargetResult } from "./report.js";
import type { TargetDocuments } from "./sources/target-documents.js";
import type { Target } from "./targets/target.js";

export interface AnalysisSettings {
  rules: readonly Rule[];
  ruleSettings: RuleSettings;
  cwd: string;
}

export interface TargetMeta {
  /** The target as reported: the argument as given, or the matched path. */
  input: string;
  kind: Target["kind"];
  revision: string | null;
}

/**
 * The pure part of the pipeline, shared by every kind of target: normalize the config, derive the
 * facts, run the rules. Loading (local files, the Hub) happens before; formatting after.
 */
export function analyzeDocuments(documents: TargetDocuments, meta: TargetMeta, settings: AnalysisSettings): TargetResult {
  const loaded = documents.config;
  const value = loaded?.document.value;
  const isConfig = !!loaded && !loaded.problem && value !== null && typeof value === "object" && looksLikeModelConfig(value);
  const model = isConfig ? normalizeConfig(value as Record<string, unknown>) : null;
  const derived = model ? deriveFacts(model, documents.name) : null;
  const facts = derived?.facts ?? null;
  const findings = runRules(settings.rules, { model, facts, inventory: derived?.inventory ?? null, documents }, settings.ruleSettings);
  return { target: meta.input, kind: meta.kind, revision: meta.revision, status: "ok", error: null, facts, findings };
}
