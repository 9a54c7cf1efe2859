import type { LoadedCheckpoint } from "./checkpoint.js";
import type { LoadedCard } from "./read-card-document.js";
import type { LoadedConfig } from "./read-config-document.js";
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
}

/** The documents a finding can point into: the keys of TargetDocuments whose value carries a SourceDocument. */
export type DocumentKey = "config" | "card" | "checkpoint";

/** The source document behind a key, if the target has it. */
export function documentFor(documents: TargetDocuments, key: DocumentKey): SourceDocument | null {
  const loaded = documents[key] as { document?: SourceDocument } | null | undefined;
  return loaded?.document ?? null;
}
