import type { LoadedCheckpoint } from "./checkpoint.js";
import type { LoadedAdapter } from "./read-adapter-config.js";
import type { LoadedCard } from "./read-card-document.js";
import type { LoadedConfig } from "./read-config-document.js";
import type { LoadedEvalResults } from "./read-eval-results.js";
import type { LoadedGguf } from "./read-gguf-header.js";
import type { SourceDocument } from "./source-document.js";

/**
 * Everything read for one target, whatever its origin (a local file or folder, the HF cache, the
 * Hub). Each loader fills its own field; a field is null or absent when the target has no such
 * document. Rules read what they need, and findings name the document they point into.
 */
export interface TargetDocuments {
  /** config.json */
  config: LoadedConfig | null;
  /** The name the model is known by (folder or repo name), for size labels. */
  name: string | null;
  /** README.md, the model card. */
  card?: LoadedCard | null;
  /** Safetensors headers of the checkpoint. */
  checkpoint?: LoadedCheckpoint | null;
  /** Weight files present but not read (pytorch_model.bin, *.pt): the checkpoint could not be compared (MC507). */
  unreadWeights?: string[] | null;
  /** adapter_config.json of a PEFT adapter, with its base model's config when it could be found. */
  adapter?: LoadedAdapter | null;
  /** `.eval_results/*.yaml`: benchmark scores the Hub shows on the model page (MC313). */
  evalResults?: LoadedEvalResults[] | null;
  /** The header of a GGUF file (kind "gguf" targets): metadata and tensor infos, never the weights. */
  gguf?: LoadedGguf | null;
  /** GGUF models of a Hub repo left unread (over the default cap): rule MC510 names them and how to select one. */
  ggufNotRead?: { files: string[]; repo: string } | null;
}

/** The documents a finding can point into: the keys of TargetDocuments whose value carries a SourceDocument. */
export type DocumentKey = "config" | "card" | "checkpoint" | "adapter" | "gguf";

/** The source document behind a key, if the target has it. */
export function documentFor(documents: TargetDocuments, key: DocumentKey): SourceDocument | null {
  const loaded = documents[key] as { document?: SourceDocument } | null | undefined;
  // A GGUF file alone stands in for the config, and it is the checkpoint of its target: findings point at the file.
  if (!loaded && (key === "config" || key === "checkpoint") && documents.gguf) return documents.gguf.document;
  return loaded?.document ?? null;
}
