import { existsSync, readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { failedResult } from "./analyze-config-file.js";
import { analyzeDocuments, type AnalysisSettings } from "./analyze-documents.js";
import { dropRepeatedFindings } from "./drop-repeated-findings.js";
import { describeError } from "../errors.js";
import type { TargetResult } from "./report.js";
import { readConfigDocument } from "../sources/read-config-document.js";
import { GGUF_SHARD, readLocalGgufModel } from "../sources/read-gguf-header.js";
import { displayPath } from "../targets/display-path.js";

/**
 * A local .gguf file as a target (kind "gguf"): its header read with range reads (never the tensor
 * data), the config.json beside it when there is one (then the two are reconciled), and the same
 * facts and rules as any model. Split models are read as a whole from any of their shards.
 */
export async function analyzeGgufFile(path: string, input: string, settings: AnalysisSettings, shown: string): Promise<TargetResult> {
  try {
    const gguf = await readLocalGgufModel(path, shown);
    const configPath = join(dirname(path), "config.json");
    const config = existsSync(configPath) ? readConfigDocument(configPath, displayPath(configPath, settings.cwd)) : null;
    const name = basename(path).replace(GGUF_SHARD, "$<prefix>").replace(/\.gguf$/i, "");
    return analyzeDocuments({ config, name, gguf }, { input, kind: "gguf", revision: null }, settings);
  } catch (error) {
    return failedResult(input, "gguf", describeError(error));
  }
}

/** The .gguf files directly in a folder, one per model: a split model by its first shard. */
export function ggufFilesIn(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.toLowerCase().endsWith(".gguf") && !n.startsWith("."))
    .filter((n) => {
      const shard = GGUF_SHARD.exec(n);
      return !shard || Number(shard.groups!.shard) === 1;
    })
    .sort()
    .map((n) => join(folder, n));
}

/**
 * The GGUF results of a folder target: one per model file found directly in the folder. When the
 * folder's own walk found nothing else to check, its "nothing to check" failure gives way to them.
 */
export async function withFolderGgufs(folder: string, results: TargetResult[], settings: AnalysisSettings): Promise<TargetResult[]> {
  const files = ggufFilesIn(folder).filter((file) => !settings.isIgnored?.(file));
  if (files.length === 0) return results;
  const gguf: TargetResult[] = [];
  for (const file of files) {
    const shown = displayPath(file, settings.cwd);
    // Beside the folder's own config result, the config's findings are not repeated for each file.
    gguf.push(dropRepeatedFindings(await analyzeGgufFile(file, shown, settings, shown), results));
  }
  const onlyNothing = results.length === 1 && results[0]!.status === "failed" && results[0]!.error?.code === "nothing-to-check";
  return onlyNothing ? gguf : [...results, ...gguf];
}

