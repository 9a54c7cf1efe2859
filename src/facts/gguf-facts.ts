import type { Role } from "../architectures/inventory.js";

/** What a GGUF file's header says (facts.gguf, for kind "gguf" targets). */
export interface GgufFacts {
  /** The file as given. */
  file: string;
  /** Every file read: the shards of a split model, else the file alone. */
  files: string[];
  /** `general.architecture` (llama.cpp's name: llama, qwen2, deepseek2, …). */
  architecture: string | null;
  /** `general.name`. */
  name: string | null;
  /** `general.file_type` as llama.cpp names it (Q4_K_M); null when absent or unknown. */
  fileType: string | null;
  version: number;
  tensorCount: number;
  /** Sum of every tensor's elements: the file's exact parameter count. */
  parameterCount: number;
  /** Bytes of tensor data the header describes. */
  tensorBytes: number;
  /** tensorBytes × 8 / parameterCount: the file's average bits per weight. */
  bitsPerWeight: number | null;
  /** Elements stored per ggml type (Q4_K, Q6_K, F32, …). */
  elementsByType: Record<string, number>;
  contextLength: number | null;
  /** `{arch}.attention.head_count_kv` (the largest entry when it is given per layer). */
  kvHeads: number | null;
  fileBytes: number | null;
  /** True when the file holds all the tensor data its header describes; false for a truncated (or header-only) file. */
  complete: boolean;
  /** The GGUF against the folder's config.json, when there is one. */
  reconciliation: GgufReconciliation | null;
}

export interface GgufReconciliation {
  /** Module parameters the config implies (parameters.total of the config). */
  configTotal: number;
  /** Elements the GGUF stores. */
  ggufTotal: number;
  /** ggufTotal − configTotal. */
  difference: number;
  /** Parameters per role on each side; roles where both agree are included, so the table is complete. */
  byRole: Partial<Record<Role, { config: number; gguf: number }>>;
  /** Differences with a known cause: buffers the file stores, a head the file ties. */
  explained: { tensor: string; count: number; reason: string }[];
  /** What remains of the difference once the explained ones are taken out; 0 when the two agree. */
  unexplained: number;
}
