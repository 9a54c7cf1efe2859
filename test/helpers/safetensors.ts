import { closeSync, mkdirSync, openSync, writeSync, ftruncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CheckpointTensor, LoadedCheckpoint } from "../../src/sources/checkpoint.js";
import { SourceDocument } from "../../src/sources/source-document.js";

/**
 * Safetensors files built in tests: a real header (8-byte little-endian length, JSON with
 * contiguous data_offsets) followed by a data section that is never written. The file is extended
 * with ftruncate, so a 14 GB Mistral-7B checkpoint is a sparse file of a few kilobytes on disk and
 * nothing big ever enters git.
 */
export interface TensorSpec {
  name: string;
  dtype: string;
  shape: number[];
}

const BITS: Record<string, number> = { BOOL: 8, U8: 8, I8: 8, F8_E4M3: 8, F8_E5M2: 8, F8_E8M0: 8, I16: 16, U16: 16, F16: 16, BF16: 16, I32: 32, U32: 32, F32: 32, I64: 64, U64: 64, F64: 64, F4: 4 };

export function tensorBytes(t: TensorSpec): number {
  const elements = t.shape.reduce((a, b) => a * b, 1);
  const bits = BITS[t.dtype];
  if (bits === undefined) throw new Error(`test helper: unknown dtype ${t.dtype}`);
  return (elements * bits) / 8;
}

/** The header JSON for tensors laid out one after another, and the size of their data. */
export function headerJson(tensors: readonly TensorSpec[], metadata: Record<string, string> = { format: "pt" }): { json: string; dataBytes: number } {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const t of tensors) {
    const size = tensorBytes(t);
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + size] };
    offset += size;
  }
  return { json: JSON.stringify(header), dataBytes: offset };
}

/** The 8-byte length followed by the header text. */
export function headerPrefix(json: string): Buffer {
  const body = Buffer.from(json, "utf8");
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(body.length));
  return Buffer.concat([length, body]);
}

/** Write a safetensors file whose data section is a hole of the right size (or `dataBytes` when given, to truncate it). */
export function writeSafetensors(path: string, tensors: readonly TensorSpec[], options: { metadata?: Record<string, string>; dataBytes?: number } = {}): void {
  const { json, dataBytes } = headerJson(tensors, options.metadata);
  writeRaw(path, headerPrefix(json), options.dataBytes ?? dataBytes);
}

/** Write bytes and extend the file with a hole of `holeBytes`. */
export function writeRaw(path: string, bytes: Uint8Array, holeBytes = 0): void {
  const fd = openSync(path, "w");
  try {
    writeSync(fd, bytes);
    if (holeBytes > 0) ftruncateSync(fd, bytes.length + holeBytes);
  } finally {
    closeSync(fd);
  }
}

/** Write shards `model-0000k-of-0000n.safetensors` and the `model.safetensors.index.json` that maps them. */
export function writeSharded(folder: string, shards: readonly (readonly TensorSpec[])[]): string[] {
  mkdirSync(folder, { recursive: true });
  const n = shards.length;
  const names = shards.map((_, k) => `model-${String(k + 1).padStart(5, "0")}-of-${String(n).padStart(5, "0")}.safetensors`);
  const weightMap: Record<string, string> = {};
  let totalSize = 0;
  shards.forEach((tensors, k) => {
    writeSafetensors(join(folder, names[k]!), tensors);
    for (const t of tensors) {
      weightMap[t.name] = names[k]!;
      totalSize += tensorBytes(t);
    }
  });
  writeFileSync(join(folder, "model.safetensors.index.json"), JSON.stringify({ metadata: { total_size: totalSize }, weight_map: weightMap }, null, 2));
  return names;
}

/** An in-memory checkpoint, as a loader would fill it, for rule tables. */
export function memoryCheckpoint(tensors: readonly TensorSpec[], reported?: LoadedCheckpoint["reported"]): LoadedCheckpoint {
  const list: CheckpointTensor[] = tensors.map((t) => ({ ...t, file: "model.safetensors" }));
  return { source: "safetensors", files: ["model.safetensors"], tensors: list, document: new SourceDocument("model.safetensors", "", undefined), problems: [], ...(reported ? { reported } : {}) };
}

/** Elements of a tensor list as the Hub counts them (scalars 0). */
export function storedCount(tensors: readonly TensorSpec[]): number {
  return tensors.reduce((a, t) => a + (t.shape.length === 0 ? 0 : t.shape.reduce((x, y) => x * y, 1)), 0);
}
