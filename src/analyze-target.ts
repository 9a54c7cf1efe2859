import { analyzeConfigFile, failedResult, type AnalysisSettings } from "./analyze-config-file.js";
import { analyzeFolder } from "./analyze-folder.js";
import type { TargetResult } from "./report.js";
import { displayPath } from "./targets/display-path.js";
import type { Target } from "./targets/target.js";

/** Analyze one target; a folder may give several results. Never throws: failures become failed results. */
export function analyzeTarget(target: Target, settings: AnalysisSettings): TargetResult[] {
  if (target.error || !target.path) return [failedResult(target.input, target.kind, target.error ?? { code: "not-found", message: `${target.input}: nothing to read` })];
  if (target.kind === "directory") return analyzeFolder({ ...target, path: target.path }, settings);
  return [analyzeConfigFile(target.path, target.input, target.kind, settings, displayPath(target.path, settings.cwd))];
}
