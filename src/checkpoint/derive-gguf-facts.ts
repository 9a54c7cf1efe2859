import { GGUF_BUFFERS } from "./gguf-inventory.js";
import { sumInventory, type Inventory, type Role } from "../architectures/inventory.js";
import { ggufFileTypeName } from "../sources/ggml-types.js";
import type { LoadedGguf } from "../sources/read-gguf-header.js";
import type { GgufFacts, GgufReconciliation } from "../facts/gguf-facts.js";
import type { PublishedPrecision } from "../facts/published-precision.js";

export type { GgufFacts, GgufReconciliation };

function metaNumber(gguf: LoadedGguf, key: string): number | null {
  const v = gguf.metadata[key];
  if (typeof v === "number") return v;
  if (Array.isArray(v) && v.length && v.every((x) => typeof x === "number")) return Math.max(...(v as number[]));
  return null;
}

export function ggufFacts(gguf: LoadedGguf, ggufInv: Inventory, configInventory: Inventory | null): GgufFacts {
  const arch = typeof gguf.metadata["general.architecture"] === "string" ? (gguf.metadata["general.architecture"] as string) : null;
  const name = typeof gguf.metadata["general.name"] === "string" ? (gguf.metadata["general.name"] as string) : null;
  const fileTypeId = metaNumber(gguf, "general.file_type");
  let parameterCount = 0;
  let tensorBytes = 0;
  const elementsByType: Record<string, number> = {};
  for (const t of gguf.tensors) {
    parameterCount += t.elements;
    tensorBytes += t.bytes ?? 0;
    elementsByType[t.type] = (elementsByType[t.type] ?? 0) + t.elements;
  }
  return {
    file: gguf.document.path,
    files: gguf.files,
    architecture: arch,
    name,
    fileType: fileTypeId !== null ? ggufFileTypeName(fileTypeId) : null,
    version: gguf.version,
    tensorCount: gguf.tensors.length,
    parameterCount,
    tensorBytes,
    bitsPerWeight: parameterCount > 0 ? (tensorBytes * 8) / parameterCount : null,
    elementsByType,
    contextLength: arch ? metaNumber(gguf, `${arch}.context_length`) : null,
    kvHeads: arch ? metaNumber(gguf, `${arch}.attention.head_count_kv`) : null,
    fileBytes: gguf.fileBytes,
    complete: gguf.complete,
    reconciliation: configInventory ? reconcile(ggufInv, configInventory) : null,
  };
}

/** The file's own precision: its tensor types, exactly. */
export function ggufPublished(facts: GgufFacts): PublishedPrecision {
  const types = Object.entries(facts.elementsByType).sort((a, b) => b[1] - a[1]);
  const label = facts.fileType ? `GGUF ${facts.fileType}` : `GGUF ${types[0]?.[0] ?? "?"}`;
  return {
    dtype: null,
    method: "gguf",
    bits: null,
    groupSize: null,
    label,
    bitsPerWeight: facts.bitsPerWeight,
    bytes: facts.tensorBytes,
    estimated: false,
    source: "gguf",
  };
}

/** Compare the GGUF's tensors with the config's inventory: totals, per role, and the known causes of differences. */
function reconcile(gguf: Inventory, config: Inventory): GgufReconciliation {
  const g = sumInventory(gguf);
  const c = sumInventory(config);
  const byRole: GgufReconciliation["byRole"] = {};
  for (const role of new Set([...Object.keys(g.breakdown), ...Object.keys(c.breakdown)]) as Set<Role>) {
    byRole[role] = { config: c.breakdown[role] ?? 0, gguf: g.breakdown[role] ?? 0 };
  }
  const explained: GgufReconciliation["explained"] = [];
  for (const t of gguf.tensors) {
    const reason = GGUF_BUFFERS[t.name];
    if (reason) explained.push({ tensor: t.name, count: t.shape.reduce((a, b) => a * b, 1) * (t.layers?.length ?? 1), reason });
  }
  const configLmHead = c.breakdown.lmHead ?? 0;
  if (configLmHead > 0 && !(g.breakdown.lmHead ?? 0) && gguf.tied.length > 0) {
    explained.push({ tensor: "output.weight", count: -configLmHead, reason: "the config has its own LM head, but the file stores no output.weight: llama.cpp then uses token_embd for the head" });
  }
  const difference = g.total - c.total;
  const accounted = explained.reduce((sum, e) => sum + e.count, 0);
  return { configTotal: c.total, ggufTotal: g.total, difference, byRole, explained, unexplained: difference - accounted };
}
