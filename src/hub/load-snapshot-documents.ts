import { join } from "node:path";
import { SourceError } from "../errors.js";
import { readAdapterConfig } from "../sources/read-adapter-config.js";
import { readCardDocument } from "../sources/read-card-document.js";
import { readConfigDocument } from "../sources/read-config-document.js";
import { classifyWeightFiles, listFolder, readLocalCheckpoint } from "../sources/read-local-checkpoint.js";
import { EVAL_RESULTS_FOLDER, readEvalResults } from "../sources/read-eval-results.js";
import type { TargetDocuments } from "../sources/target-documents.js";

/**
 * The documents of a repo snapshot on disk (the huggingface_hub cache): config.json, README.md,
 * the safetensors headers (read from the local files, never the weights), and a PEFT adapter's
 * config, read the way local folders are. Findings point at repo paths (`config.json`), as for
 * the Hub, so a report reads the same whether the files came over the network or from the cache.
 */
export function loadSnapshotDocuments(folder: string, repo: string): TargetDocuments {
  const names = listFolder(folder) ?? [];
  const documents: TargetDocuments = {
    config: optional(() => readConfigDocument(join(folder, "config.json"), "config.json")),
    name: repo.slice(repo.indexOf("/") + 1),
    card: readCardDocument(join(folder, "README.md"), "README.md"),
    checkpoint: readLocalCheckpoint(folder, ".", names),
  };
  if (!documents.checkpoint) {
    const unread = classifyWeightFiles(names).unread;
    if (unread.length) documents.unreadWeights = unread;
  }
  if (names.includes(EVAL_RESULTS_FOLDER)) documents.evalResults = readEvalResults(folder, ".");
  if (names.includes("adapter_config.json")) documents.adapter = readAdapterConfig(join(folder, "adapter_config.json"), "adapter_config.json", folder, process.cwd());
  return documents;
}

/** A file the snapshot lacks is an absent document; any other read failure fails the target. */
function optional<T>(read: () => T): T | null {
  try {
    return read();
  } catch (error) {
    if (error instanceof SourceError && error.code === "not-found") return null;
    throw error;
  }
}
