import { resolve } from "node:path";
import type { AnalysisSettings, TargetMeta } from "./analyze-documents.js";
import type { TargetDocuments } from "../sources/target-documents.js";
import type { TargetScope } from "../config/config-resolver.js";

/**
 * The analysis settings of one target under its config file. Without a config file, or one whose
 * rules apply everywhere, the settings are one fixed object and the per-model hooks stay unset, so
 * the folder walk over thousands of configs pays nothing for them.
 */
export function scopedSettings(settings: AnalysisSettings, scope: TargetScope): AnalysisSettings {
  const configuration = scope.configuration;
  const scoped: AnalysisSettings = { ...settings, ruleSettings: scope.ruleSettingsFor("") };
  if (!configuration) return scoped;
  if (configuration.ignores.length > 0) scoped.isIgnored = scope.isIgnored;
  if (configuration.blocks.some((b) => b.files !== null)) {
    scoped.ruleSettingsFor = (documents, meta) => scope.ruleSettingsFor(modelPath(documents, meta, settings.cwd));
  }
  return scoped;
}

/** The path `overrides` globs are matched against: the model's config.json (or card), or a Hub repo id. */
function modelPath(documents: TargetDocuments, meta: TargetMeta, cwd: string): string {
  if (meta.kind === "hub") return meta.input.replace(/@.*$/, "");
  const shown = documents.config?.document.path ?? documents.card?.document.path ?? meta.input;
  return resolve(cwd, shown);
}
