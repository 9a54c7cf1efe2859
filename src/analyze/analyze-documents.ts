import type { Rule } from "../engine/rule.js";
import { RuleFailure, runRules, type RuleSettings } from "../engine/run-rules.js";
import { applyCardSuppressions } from "../engine/card-suppressions.js";
import { withDocumentFacts } from "../checkpoint/checkpoint-document-facts.js";
import { computeFacts } from "../facts/compute-facts.js";
import { poisonedNumber } from "../facts/poisoned-number.js";
import { cardTrainingTokens } from "./card-training-tokens.js";
import { deriveFacts, requiredDims } from "../facts/derive-facts.js";
import { ggufStep } from "../checkpoint/gguf-step.js";
import type { FactOptions } from "../facts/facts.js";
import { looksLikeModelConfig } from "../normalize/looks-like-model-config.js";
import { normalizeConfig } from "../architectures/normalize-config.js";
import type { TargetResult } from "./report.js";
import type { TargetDocuments } from "../sources/target-documents.js";
import type { Target } from "../targets/target.js";

export interface AnalysisSettings {
  rules: readonly Rule[];
  ruleSettings: RuleSettings;
  cwd: string;
  /** The memory questions (--context, --batch, --gpu-memory) the facts answer. */
  facts?: FactOptions;
  /** Per-model rule settings (a config file's `overrides`); ruleSettings when absent. */
  ruleSettingsFor?: (documents: TargetDocuments, meta: TargetMeta) => RuleSettings;
  /** Paths a config file's `ignores` cover (absolute); skipped by targets and the folder walk. */
  isIgnored?: (path: string) => boolean;
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
  // A bug tripped by one input fails that target alone, with the stage (or rule) named; the other
  // targets of the run keep their results.
  try {
    return analyzeDocumentsUnguarded(documents, meta, settings);
  } catch (error) {
    const message = error instanceof RuleFailure ? error.message : `deriving the facts failed: ${error instanceof Error ? error.message : String(error)}`;
    return { target: meta.input, kind: meta.kind, revision: meta.revision, status: "failed", error: { code: "internal", message: `${meta.input}: ${message}` }, facts: null, findings: [] };
  }
}

function analyzeDocumentsUnguarded(documents: TargetDocuments, meta: TargetMeta, settings: AnalysisSettings): TargetResult {
  const loaded = documents.config;
  const value = loaded?.document.value;
  const isConfig = !!loaded && !loaded.problem && value !== null && typeof value === "object" && looksLikeModelConfig(value);
  let configModel = isConfig ? normalizeConfig(value as Record<string, unknown>) : null;
  // Beside a GGUF, a config.json that states neither the model's width nor its depth (a stub such as
  // {"model_type": "llama"}, which many "-GGUF" repos carry for the Hub's widgets, and whose dims would be
  // the class defaults) does not replace the file's own metadata; the config's own result reports it.
  if (documents.gguf && configModel && (!requiredDims(configModel) || (configModel.hiddenSize.pointer === null && configModel.numLayers.pointer === null))) {
    configModel = null;
    documents = { ...documents, config: null };
  }
  // A GGUF file (kind "gguf"): its metadata stands in for a missing config; see gguf-step.ts.
  const gguf = documents.gguf ? ggufStep(documents.gguf, configModel) : null;
  const model = gguf?.model ?? configModel;
  const factOptions = gguf ? { ...settings.facts, ...gguf.options } : settings.facts;
  const derived = model ? deriveFacts(model, documents.name, factOptions) : null;
  // Training tokens stated in the card: their ratio to the Chinchilla-optimal count.
  const trainingTokens = derived?.facts.parameters && documents.card ? cardTrainingTokens(documents, derived.facts) : null;
  if (trainingTokens && derived?.facts.parameters) derived.facts.compute = computeFacts(derived.facts.parameters, trainingTokens, derived.facts.modelKind);
  const ownFacts = gguf ? gguf.attach(derived?.facts ?? null, configModel ? (derived?.inventory ?? null) : null) : (derived?.facts ?? null);
  const facts = withDocumentFacts(ownFacts, documents, model, derived?.inventory ?? null);
  const poisoned = poisonedNumber(facts);
  if (poisoned) {
    const message = `${meta.input}: the config's values give ${poisoned.value} at ${poisoned.pointer} of the facts (a negative, NaN or infinite number); check the fields it is derived from`;
    return { target: meta.input, kind: meta.kind, revision: meta.revision, status: "failed", error: { code: "invalid-values", message }, facts: null, findings: [] };
  }
  const ruleSettings = settings.ruleSettingsFor?.(documents, meta) ?? settings.ruleSettings;
  const ruleFindings = runRules(settings.rules, { model, facts, inventory: derived?.inventory ?? null, documents }, ruleSettings);
  // A card's <!-- modelcheck-disable --> comments apply to the findings located in that card.
  const findings = applyCardSuppressions(ruleFindings, documents.card, settings.rules, ruleSettings);
  return { target: meta.input, kind: meta.kind, revision: meta.revision, status: "ok", error: null, facts, findings };
}
