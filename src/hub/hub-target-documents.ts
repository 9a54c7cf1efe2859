import { parseCardBytes, MAX_CARD_BYTES } from "../sources/read-card-document.js";
import { MAX_CONFIG_BYTES, parseConfigBytes, type LoadedConfig } from "../sources/read-config-document.js";
import { classifyWeightFiles } from "../sources/read-local-checkpoint.js";
import { SourceDocument } from "../sources/source-document.js";
import { EVAL_RESULTS_FOLDER, parseEvalResultsBytes } from "../sources/read-eval-results.js";
import type { TargetDocuments } from "../sources/target-documents.js";
import type { CachedDocuments } from "./document-cache.js";

export { MAX_CARD_BYTES };

/**
 * The TargetDocuments of a Hub repo from what was fetched (or cached): the same shape a local
 * folder gives, with repo paths (`config.json`) as document paths. Weights the checkpoint reader
 * cannot read (`pytorch_model.bin`) are listed from the repo's files, so the report can say the
 * checkpoint was not compared; a PEFT adapter carries its base model's config when it was fetched.
 */
export function hubTargetDocuments(fetched: CachedDocuments, name: string): TargetDocuments {
  const documents: TargetDocuments = {
    config: configDocument(fetched.files["config.json"] ?? null, "config.json"),
    name,
    card: fetched.files["README.md"] ? parseCardBytes(fetched.files["README.md"], "README.md") : null,
    checkpoint: fetched.checkpoint,
  };
  const evalResults = Object.keys(fetched.files)
    .filter((path) => path.startsWith(`${EVAL_RESULTS_FOLDER}/`) && fetched.files[path])
    .sort()
    .map((path) => parseEvalResultsBytes(fetched.files[path]!, path));
  if (evalResults.length) documents.evalResults = evalResults;
  if (!fetched.checkpoint) {
    const unread = classifyWeightFiles(fetched.info.files.filter((f) => !f.includes("/"))).unread;
    if (unread.length) documents.unreadWeights = unread;
  }
  const adapterBytes = fetched.files["adapter_config.json"];
  if (adapterBytes) {
    const config = configDocument(adapterBytes, "adapter_config.json")!;
    const base = fetched.baseConfig ?? null;
    documents.adapter = {
      config,
      document: config.document,
      baseConfig: base ? configDocument(base.bytes, `${base.source}/config.json`) : null,
      baseConfigSource: base ? `${base.source}/config.json` : null,
    };
  }
  return documents;
}

export function configDocument(bytes: Uint8Array | null, path: string): LoadedConfig | null {
  if (bytes === null) return null;
  if (bytes.byteLength > MAX_CONFIG_BYTES) {
    return {
      document: new SourceDocument(path, "", undefined),
      problem: { kind: "too-large", message: `file is over the ${MAX_CONFIG_BYTES / (1024 * 1024)} MiB limit for config files; not parsed`, position: null },
    };
  }
  return parseConfigBytes(bytes, path);
}
