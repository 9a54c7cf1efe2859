import { basename, dirname } from "node:path";
import { analyzeDocuments, type AnalysisSettings } from "./analyze-documents.js";
import { describeError, SourceError } from "../errors.js";
import type { TargetResult } from "./report.js";
import { readConfigDocument } from "../sources/read-config-document.js";
import type { Target } from "../targets/target.js";

export type { AnalysisSettings } from "./analyze-documents.js";

/** The name a model is known by on disk: the folder of a config.json, else the file's stem. */
export function targetName(path: string): string {
  const file = basename(path);
  if (file === "config.json") return basename(dirname(path));
  return file.replace(/\.json$/i, "");
}

/**
 * Read and analyze one local config file. With `rethrowMissing`, a missing file throws (the folder
 * walk uses that to descend); otherwise every failure becomes a failed result.
 */
export function analyzeConfigFile(path: string, input: string, kind: Target["kind"], settings: AnalysisSettings, shown: string, rethrowMissing = false): TargetResult {
  try {
    const config = readConfigDocument(path, shown);
    return analyzeDocuments({ config, name: targetName(path) }, { input, kind, revision: null }, settings);
  } catch (error) {
    if (rethrowMissing && error instanceof SourceError && error.code === "not-found") throw error;
    return failedResult(input, kind, describeError(error));
  }
}

export function failedResult(target: string, kind: Target["kind"], error: { code: string; message: string }): TargetResult {
  return { target, kind, revision: null, status: "failed", error, facts: null, findings: [] };
}
