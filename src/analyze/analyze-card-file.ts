import { basename, dirname } from "node:path";
import { failedResult } from "./analyze-config-file.js";
import { analyzeDocuments, type AnalysisSettings } from "./analyze-documents.js";
import { describeError, SourceError } from "../errors.js";
import type { TargetResult } from "./report.js";
import { readCardDocument } from "../sources/read-card-document.js";
import type { Target } from "../targets/target.js";

/** A `README.md` or other `*.md` file named as a target is a model card on its own. */
export function isCardFileTarget(path: string): boolean {
  return /\.md$/i.test(path);
}

/**
 * Analyze a lone model card: the metadata and body rules run; the rules comparing the card with a
 * config have no config and stay silent. (A folder target checks README.md together with the
 * config.json beside it.)
 */
export function analyzeCardFile(path: string, input: string, kind: Target["kind"], settings: AnalysisSettings, shown: string): TargetResult {
  try {
    const card = readCardDocument(path, shown);
    if (!card) throw new SourceError("not-found", `${input}: no such file or directory`);
    const name = basename(path).toLowerCase() === "readme.md" ? basename(dirname(path)) : basename(path).replace(/\.md$/i, "");
    return analyzeDocuments({ config: null, name, card }, { input, kind, revision: null }, settings);
  } catch (error) {
    return failedResult(input, kind, describeError(error));
  }
}
