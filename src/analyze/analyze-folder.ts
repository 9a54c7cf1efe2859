import { readdirSync } from "node:fs";
import { join } from "node:path";
import { failedResult, type AnalysisSettings } from "./analyze-config-file.js";
import { analyzeModelFolder, analyzeWeightsFolder } from "./analyze-local-model.js";
import { describeError, SourceError } from "../errors.js";
import type { TargetResult } from "./report.js";
import { displayPath } from "../targets/display-path.js";
import type { Target } from "../targets/target.js";

/** The shown path of a subfolder: names are appended, as path.relative per folder is costly by the thousand. */
function childShown(shown: string, name: string): string {
  return shown === "." ? name : `${shown}/${name}`;
}

/**
 * Search one folder for models, depth first: a folder holding config.json is one model (its
 * subfolders are not searched); otherwise each subfolder is searched the same way, hidden folders
 * and node_modules skipped. Trying config.json first costs one open per model folder, the read we
 * need anyway; a model folder is then listed once to find its weights (analyze-local-model.ts). A
 * folder without config.json that holds adapter_config.json or safetensors files is one model too. `input` is set for the folder the user
 * named, whose result carries the argument as given.
 */
function visitFolder(folder: string, shown: string, settings: AnalysisSettings, results: TargetResult[], input: string | null, ignored: { count: number }): void {
  if (settings.isIgnored && (settings.isIgnored(folder) || settings.isIgnored(join(folder, "config.json")))) {
    ignored.count++;
    return;
  }
  try {
    results.push(analyzeModelFolder(folder, input ?? shown, settings, shown));
    return;
  } catch (error) {
    if (!(error instanceof SourceError && error.code === "not-found")) {
      results.push(failedResult(input ?? shown, "directory", describeError(error)));
      return;
    }
  }
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    if (input !== null) results.push(failedResult(input, "directory", describeError(error)));
    return;
  }
  // No config.json: a PEFT adapter or bare safetensors are still a model (the listing is already here).
  const weights = analyzeWeightsFolder(folder, input ?? shown, settings, shown, entries.filter((e) => !e.isDirectory()).map((e) => e.name));
  if (weights) {
    results.push(weights);
    return;
  }
  const names = entries.filter((e) => e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules").map((e) => e.name);
  for (const name of names.sort()) visitFolder(join(folder, name), childShown(shown, name), settings, results, null, ignored);
}

/** Analyze a folder target: every model below it, in path order. */
export function analyzeFolder(target: Target & { path: string }, settings: AnalysisSettings): TargetResult[] {
  const results: TargetResult[] = [];
  const ignored = { count: 0 };
  visitFolder(target.path, displayPath(target.path, settings.cwd).replace(/\/$/, ""), settings, results, target.input, ignored);
  // A folder whose models are all covered by `ignores` is not a failure: there is nothing to check on purpose.
  if (results.length === 0 && ignored.count === 0) {
    const hint = `${target.input.replace(/\/$/, "")}/*.json`;
    results.push(failedResult(target.input, "directory", { code: "nothing-to-check", message: `${target.input}: folder has no config.json to check (for configs with other names, pass a glob such as "${hint}")` }));
  }
  return results;
}
