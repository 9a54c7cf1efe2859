import { readdirSync } from "node:fs";
import { join } from "node:path";
import { analyzeConfigFile, failedResult, type AnalysisSettings } from "./analyze-config-file.js";
import { describeError, SourceError } from "./errors.js";
import type { TargetResult } from "./report.js";
import { displayPath } from "./targets/display-path.js";
import type { Target } from "./targets/target.js";

/** The shown path of a subfolder: names are appended, as path.relative per folder is costly by the thousand. */
function childShown(shown: string, name: string): string {
  return shown === "." ? name : `${shown}/${name}`;
}

/**
 * Search one folder for models, depth first: a folder holding config.json is one model (its
 * subfolders are not searched); otherwise each subfolder is searched the same way, hidden folders
 * and node_modules skipped. Trying config.json first costs one open per model folder, the read we
 * need anyway, instead of a directory listing per folder. `input` is set for the folder the user
 * named, whose result carries the argument as given.
 */
function visitFolder(folder: string, shown: string, settings: AnalysisSettings, results: TargetResult[], input: string | null): void {
  try {
    results.push(analyzeConfigFile(join(folder, "config.json"), input ?? shown, "directory", settings, childShown(shown, "config.json"), true));
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
  const names = entries.filter((e) => e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules").map((e) => e.name);
  for (const name of names.sort()) visitFolder(join(folder, name), childShown(shown, name), settings, results, null);
}

/** Analyze a folder target: every model below it, in path order. */
export function analyzeFolder(target: Target & { path: string }, settings: AnalysisSettings): TargetResult[] {
  const results: TargetResult[] = [];
  visitFolder(target.path, displayPath(target.path, settings.cwd).replace(/\/$/, ""), settings, results, target.input);
  if (results.length === 0) {
    const hint = `${target.input.replace(/\/$/, "")}/*.json`;
    results.push(failedResult(target.input, "directory", { code: "nothing-to-check", message: `${target.input}: folder has no config.json to check (for configs with other names, pass a glob such as "${hint}")` }));
  }
  return results;
}
