import { analyzeConfigFile, failedResult, type AnalysisSettings } from "./analyze-config-file.js";
import { analyzeCardFile, isCardFileTarget } from "./analyze-card-file.js";
import { analyzeFolder } from "./analyze-folder.js";
import { analyzeGgufFile, withFolderGgufs } from "./analyze-gguf.js";
import { analyzeWeightFile, isWeightFileTarget } from "./analyze-local-model.js";
import type { TargetResult } from "./report.js";
import { displayPath } from "../targets/display-path.js";
import type { Target } from "../targets/target.js";

/** Analyze one target; a folder may give several results. Never throws: failures become failed results. */
export function analyzeTarget(target: Target, settings: AnalysisSettings): TargetResult[] | Promise<TargetResult[]> {
  if (target.error || !target.path) return [failedResult(target.input, target.kind, target.error ?? { code: "not-found", message: `${target.input}: nothing to read` })];
  if (settings.isIgnored?.(target.path)) return [];
  // GGUF headers are read asynchronously (@huggingface/gguf); everything else stays synchronous.
  if (target.kind === "gguf") return analyzeGgufFile(target.path, target.input, settings, displayPath(target.path, settings.cwd)).then((r) => [r]);
  if (target.kind === "directory") return withFolderGgufs(target.path, analyzeFolder({ ...target, path: target.path }, settings), settings);
  if (isCardFileTarget(target.path)) return [analyzeCardFile(target.path, target.input, target.kind, settings, displayPath(target.path, settings.cwd))];
  if (isWeightFileTarget(target.path)) return [analyzeWeightFile(target.path, target.input, target.kind, settings, displayPath(target.path, settings.cwd))];
  return [analyzeConfigFile(target.path, target.input, target.kind, settings, displayPath(target.path, settings.cwd))];
}
