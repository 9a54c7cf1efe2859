import { basename, dirname, join } from "node:path";
import { failedResult, targetName } from "./analyze-config-file.js";
import { analyzeDocuments, type AnalysisSettings } from "./analyze-documents.js";
import { describeError, SourceError } from "../errors.js";
import type { TargetResult } from "./report.js";
import { readAdapterConfig } from "../sources/read-adapter-config.js";
import { readCardDocument } from "../sources/read-card-document.js";
import { readConfigDocument } from "../sources/read-config-document.js";
import { EVAL_RESULTS_FOLDER, readEvalResults } from "../sources/read-eval-results.js";
import { classifyWeightFiles, listFolder, readCheckpointFile, readLocalCheckpoint } from "../sources/read-local-checkpoint.js";
import type { TargetDocuments } from "../sources/target-documents.js";
import type { Target } from "../targets/target.js";

/**
 * Local model folders and weight files as targets: a folder's config.json with its safetensors
 * headers (or a note that only .bin weights are there), a PEFT adapter folder, a folder of
 * safetensors without a config, and a lone `*.safetensors` or `*.safetensors.index.json`.
 */

function shownChild(shown: string, name: string): string {
  return shown === "." || shown === "" ? name : `${shown}/${name}`;
}

/**
 * The weights beside a config: the checkpoint when there are safetensors, else the unread weight
 * files; and a PEFT adapter kept in the same folder, with its own weights.
 */
function weightDocuments(folder: string, shown: string, names: readonly string[] | null, cwd: string): Pick<TargetDocuments, "checkpoint" | "unreadWeights" | "adapter"> {
  if (!names) return {};
  const out: Pick<TargetDocuments, "checkpoint" | "unreadWeights" | "adapter"> = {};
  const hasAdapter = names.includes("adapter_config.json");
  if (hasAdapter) {
    out.adapter = readAdapterConfig(join(folder, "adapter_config.json"), shownChild(shown, "adapter_config.json"), folder, cwd);
    out.adapter.checkpoint = readLocalCheckpoint(folder, shown, names, { adapter: "only" });
  }
  const files = classifyWeightFiles(names);
  if (files.safetensors.length || files.indexes.length) {
    const checkpoint = readLocalCheckpoint(folder, shown, names, hasAdapter ? { adapter: "exclude" } : {});
    if (checkpoint) return { ...out, checkpoint };
  }
  return files.unread.length ? { ...out, unreadWeights: files.unread } : out;
}

/**
 * A folder holding config.json: the config plus its weights. Throws SourceError "not-found" when
 * there is no config.json (the folder walk descends then); other failures become a failed result.
 */
export function analyzeModelFolder(folder: string, input: string, settings: AnalysisSettings, shown: string): TargetResult {
  const configPath = join(folder, "config.json");
  try {
    const config = readConfigDocument(configPath, shownChild(shown, "config.json"));
    // One listing per model folder: the only way to find safetensors under any name, or .bin
    // files; it also spares the failing open of a README.md that is not there.
    const names = listFolder(folder);
    const card = !names || names.includes("README.md") ? readCardDocument(join(folder, "README.md"), shownChild(shown, "README.md")) : null;
    const documents: TargetDocuments = { config, name: targetName(configPath), card, ...weightDocuments(folder, shown, names, settings.cwd) };
    if (names?.includes(EVAL_RESULTS_FOLDER)) documents.evalResults = readEvalResults(folder, shown);
    return analyzeDocuments(documents, { input, kind: "directory", revision: null }, settings);
  } catch (error) {
    if (error instanceof SourceError && error.code === "not-found") throw error;
    return failedResult(input, "directory", describeError(error));
  }
}

/**
 * A folder without config.json that still holds a model: a PEFT adapter (adapter_config.json) or
 * safetensors weights alone. Null when it holds neither, so the walk searches its subfolders.
 */
export function analyzeWeightsFolder(folder: string, input: string, settings: AnalysisSettings, shown: string, names: readonly string[]): TargetResult | null {
  const hasAdapter = names.includes("adapter_config.json");
  const files = classifyWeightFiles(names);
  if (!hasAdapter && files.safetensors.length === 0 && files.indexes.length === 0) return null;
  try {
    const card = names.includes("README.md") ? readCardDocument(join(folder, "README.md"), shownChild(shown, "README.md")) : null;
    const documents: TargetDocuments = { config: null, name: basename(folder), card };
    if (names.includes(EVAL_RESULTS_FOLDER)) documents.evalResults = readEvalResults(folder, shown);
    if (hasAdapter) documents.adapter = readAdapterConfig(join(folder, "adapter_config.json"), shownChild(shown, "adapter_config.json"), folder, settings.cwd);
    documents.checkpoint = readLocalCheckpoint(folder, shown, names);
    if (!documents.checkpoint && files.unread.length) documents.unreadWeights = files.unread;
    return analyzeDocuments(documents, { input, kind: "directory", revision: null }, settings);
  } catch (error) {
    return failedResult(input, "directory", describeError(error));
  }
}

/** True for the weight files that are targets of their own. */
export function isWeightFileTarget(path: string): boolean {
  return path.endsWith(".safetensors") || path.endsWith(".safetensors.index.json") || basename(path) === "adapter_config.json";
}

/**
 * A lone `*.safetensors` file or index: facts from its headers alone (stored counts by dtype), as a
 * file named on its own is not necessarily the whole model (one shard of several). An
 * `adapter_config.json` is analyzed as the folder it sits in.
 */
export function analyzeWeightFile(path: string, input: string, kind: Target["kind"], settings: AnalysisSettings, shown: string): TargetResult {
  try {
    if (basename(path) === "adapter_config.json") {
      const folder = dirname(path);
      const shownFolder = shown.includes("/") ? shown.slice(0, shown.lastIndexOf("/")) : ".";
      const names = listFolder(folder) ?? ["adapter_config.json"];
      // Beside a config.json, the adapter is analyzed with the model folder it sits in.
      if (names.includes("config.json")) return analyzeModelFolder(folder, input, settings, shownFolder);
      return analyzeWeightsFolder(folder, input, settings, shownFolder, names) ?? failedResult(input, kind, { code: "not-found", message: `${input}: no such file` });
    }
    const checkpoint = readCheckpointFile(path, shown);
    const name = basename(path).replace(/(\.safetensors)?(\.index\.json)?$/, "");
    return analyzeDocuments({ config: null, name, checkpoint }, { input, kind, revision: null }, settings);
  } catch (error) {
    return failedResult(input, kind, describeError(error));
  }
}
