import type { SourceDocument } from "./source-document.js";

/** One tensor as a safetensors (or GGUF) header describes it. Never the weights. */
export interface CheckpointTensor {
  name: string;
  /** safetensors dtype: F32, BF16, F16, F8_E4M3, I32, U8, ... */
  dtype: string;
  shape: number[];
  /** The file (shard) holding it. */
  file: string;
}

/**
 * What a checkpoint stores, read from its headers (local files, the HF cache, or the Hub's range
 * reads). Loaders fill it; facts/ reconciles it against the config's tensor inventory.
 */
export interface LoadedCheckpoint {
  source: "safetensors" | "gguf";
  /** Shard files, in index order. */
  files: string[];
  tensors: CheckpointTensor[];
  /** Where findings about the checkpoint point: the index or the single file (no line positions). */
  document: SourceDocument;
  /**
   * Counts the loader already knows, used when present: `total` and `byDtype` as the Hub's
   * `safetensors.total` / `safetensors.parameters` count stored elements, `logical` as
   * @huggingface/hub's parameterCount (packing undone, quantization bookkeeping dropped).
   */
  reported?: { total?: number; logical?: number; byDtype?: Record<string, number> };
  /**
   * What could not be read or does not add up (a hostile or truncated header, a shard the index
   * names but the folder lacks). `fatal` ones leave `tensors` incomplete, so no reconciliation is
   * attempted; rule MC500 reports them all.
   */
  problems?: CheckpointProblem[];
}

export interface CheckpointProblem {
  /** The file the problem is in (a shard, the index, the single file). */
  file: string;
  message: string;
  fatal: boolean;
}
