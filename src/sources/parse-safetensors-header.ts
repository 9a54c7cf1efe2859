import { isUtf8 } from "node:buffer";
import type { CheckpointTensor } from "./checkpoint.js";

/**
 * The safetensors header, and only the header: an 8-byte little-endian length N, then N bytes of
 * JSON mapping tensor names to `{ dtype, shape, data_offsets }` (plus an optional `__metadata__` of
 * strings), then the tensor data, which modelcheck never reads. The checks follow what the
 * reference loader (the safetensors Rust crate, which transformers loads through) refuses, so a
 * header that passes here is one transformers could load: offsets relative to the data section,
 * contiguous, each span exactly `elements × dtype bits / 8` bytes, and the last one ending at the
 * end of the file. Every violation is a SafetensorsHeaderError with one clear sentence.
 */

/** The reference loader's own cap (safetensors `MAX_HEADER_SIZE`); real headers are kilobytes to a few MB. */
export const MAX_SAFETENSORS_HEADER_BYTES = 100 * 1024 * 1024;
/** No real tensor has more dimensions; the cap keeps hostile shapes from costing anything. */
const MAX_RANK = 16;

/** Bits per element of the dtypes the format defines (safetensors 0.6: sub-byte floats included). */
const DTYPE_BITS: Readonly<Record<string, number>> = {
  BOOL: 8,
  U8: 8,
  I8: 8,
  F8_E5M2: 8,
  F8_E4M3: 8,
  F8_E4M3FN: 8,
  F8_E4M3FNUZ: 8,
  F8_E5M2FNUZ: 8,
  F8_E8M0: 8,
  E8M0: 8,
  UE8: 8,
  I16: 16,
  U16: 16,
  F16: 16,
  BF16: 16,
  I32: 32,
  U32: 32,
  F32: 32,
  I64: 64,
  U64: 64,
  F64: 64,
  C64: 64,
  F4: 4,
  FP4: 4,
  F6_E2M3: 6,
  F6_E3M2: 6,
};

/** Dtype names the format may add later are accepted when they look like one; only their byte size goes unchecked. */
const DTYPE_NAME = /^[A-Z][A-Z0-9_]{0,23}$/;

export class SafetensorsHeaderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SafetensorsHeaderError";
  }
}

export interface ParsedSafetensorsHeader {
  tensors: CheckpointTensor[];
  /** `__metadata__`: free-form strings (`format: "pt"`, sometimes `total_parameters`). */
  metadata: Record<string, string>;
  /** Bytes the header occupies at the start of the file: 8 + N. */
  headerBytes: number;
}

/**
 * The header length from the first 8 bytes, checked against the cap and, when known, the file
 * size, before a single header byte is read or allocated.
 */
export function readHeaderLength(first8: Uint8Array, fileBytes: number | null): number {
  if (first8.length < 8) throw new SafetensorsHeaderError(`file is ${first8.length} byte${first8.length === 1 ? "" : "s"} long, too short for the 8-byte header length: truncated or not a safetensors file`);
  const view = new DataView(first8.buffer, first8.byteOffset, 8);
  const length = view.getBigUint64(0, true);
  if (length === 0n) throw new SafetensorsHeaderError("header length is 0: not a safetensors file");
  if (length > BigInt(MAX_SAFETENSORS_HEADER_BYTES)) {
    throw new SafetensorsHeaderError(`header length ${length} bytes exceeds the ${MAX_SAFETENSORS_HEADER_BYTES / (1024 * 1024)} MiB limit: corrupt or not a safetensors file`);
  }
  const n = Number(length);
  if (fileBytes !== null && 8 + n > fileBytes) throw new SafetensorsHeaderError(`header length ${n} bytes runs past the end of the ${fileBytes}-byte file: truncated`);
  return n;
}

/**
 * Parse and validate the JSON header (the N bytes after the length). `fileBytes` is the size of the
 * whole file when known (local files); then the data section must end exactly where the file does.
 */
export function parseSafetensorsHeader(headerJson: Uint8Array, file: string, fileBytes: number | null): ParsedSafetensorsHeader {
  // isUtf8 + toString is several times faster than a fatal TextDecoder on a 80 MB header.
  if (!isUtf8(headerJson)) throw new SafetensorsHeaderError("header is not valid UTF-8");
  const text = Buffer.from(headerJson.buffer, headerJson.byteOffset, headerJson.length).toString("utf8");
  if (text.charCodeAt(0) !== 0x7b) throw new SafetensorsHeaderError("header does not start with '{': not a safetensors file");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SafetensorsHeaderError("header is not valid JSON: truncated or corrupt");
  }
  const headerBytes = 8 + headerJson.length;
  const { tensors, metadata } = readHeaderObject(value, file, fileBytes === null ? null : fileBytes - headerBytes);
  return { tensors, metadata, headerBytes };
}

/**
 * The checks of parseSafetensorsHeader on a header already parsed (the Hub client's, which
 * @huggingface/hub parses without checking): dtypes, shapes, offsets and their tiling. `dataBytes`
 * is the size of the data section when known.
 */
export function readHeaderObject(value: unknown, file: string, dataBytes: number | null): { tensors: CheckpointTensor[]; metadata: Record<string, string> } {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new SafetensorsHeaderError("header is not a JSON object");
  const metadata: Record<string, string> = {};
  const tensors: CheckpointTensor[] = [];
  const spans: { begin: number; end: number; name: string }[] = [];
  // for…in, not Object.entries: a header of 10^6 tensors is a dictionary-mode object, and building
  // the entries array cost more than parsing the JSON (12.6 s and 1.37 GB in all before).
  const object = value as Record<string, unknown>;
  for (const name in object) {
    const entry = object[name];
    if (name === "__metadata__") {
      readMetadata(entry, metadata);
      continue;
    }
    const { tensor, begin, end } = readEntry(name, entry, file, dataBytes);
    tensors.push(tensor);
    spans.push({ begin, end, name });
  }
  checkSpans(spans, dataBytes);
  return { tensors, metadata };
}

function readMetadata(entry: unknown, into: Record<string, string>): void {
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) throw new SafetensorsHeaderError("__metadata__ is not an object of strings");
  for (const [k, v] of Object.entries(entry)) {
    if (typeof v !== "string") throw new SafetensorsHeaderError(`__metadata__.${clip(k)} is not a string`);
    into[k] = v;
  }
}

function readEntry(name: string, entry: unknown, file: string, dataBytes: number | null): { tensor: CheckpointTensor; begin: number; end: number } {
  const what = `tensor "${clip(name)}"`;
  if (name === "") throw new SafetensorsHeaderError("a tensor has an empty name");
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) throw new SafetensorsHeaderError(`${what} is not an object with dtype, shape and data_offsets`);
  const { dtype, shape, data_offsets: offsets } = entry as Record<string, unknown>;
  if (typeof dtype !== "string" || !DTYPE_NAME.test(dtype)) throw new SafetensorsHeaderError(`${what} has an invalid dtype ${clip(JSON.stringify(dtype) ?? "undefined")}`);
  if (!Array.isArray(shape) || shape.length > MAX_RANK) throw new SafetensorsHeaderError(`${what} has an invalid shape (expected an array of at most ${MAX_RANK} dimensions)`);
  let elements = 1;
  for (const dim of shape) {
    if (typeof dim !== "number" || !Number.isSafeInteger(dim) || dim < 0) throw new SafetensorsHeaderError(`${what} has an invalid dimension ${clip(JSON.stringify(dim) ?? "undefined")}`);
    elements *= dim;
    if (!Number.isSafeInteger(elements)) throw new SafetensorsHeaderError(`${what} has a shape too large to be real`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2) throw new SafetensorsHeaderError(`${what} has invalid data_offsets (expected [begin, end])`);
  const [begin, end] = offsets as unknown[];
  if (typeof begin !== "number" || typeof end !== "number" || !Number.isSafeInteger(begin) || !Number.isSafeInteger(end) || begin < 0 || end < begin) {
    throw new SafetensorsHeaderError(`${what} has invalid data_offsets ${clip(JSON.stringify(offsets))}`);
  }
  if (dataBytes !== null && end > dataBytes) throw new SafetensorsHeaderError(`${what} ends at data byte ${end}, past the ${dataBytes} bytes of data in the file: truncated`);
  const bits = DTYPE_BITS[dtype];
  if (bits !== undefined) {
    const bytes = (elements * bits) / 8;
    if (bytes !== end - begin) throw new SafetensorsHeaderError(`${what}: ${dtype} ${JSON.stringify(shape)} needs ${Number.isInteger(bytes) ? bytes : `${bytes.toFixed(1)}`} bytes, but data_offsets span ${end - begin}`);
  }
  return { tensor: { name, dtype, shape: shape as number[], file }, begin, end };
}

/** Spans must tile the data section without gaps or overlaps, as the reference loader requires. */
function checkSpans(spans: { begin: number; end: number; name: string }[], dataBytes: number | null): void {
  spans.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let cursor = 0;
  for (const s of spans) {
    if (s.begin !== cursor) {
      throw new SafetensorsHeaderError(s.begin < cursor ? `tensor "${clip(s.name)}" overlaps the data of another tensor` : `tensor "${clip(s.name)}" starts at data byte ${s.begin}, leaving a gap after byte ${cursor}`);
    }
    cursor = s.end;
  }
  if (dataBytes !== null && cursor !== dataBytes) {
    throw new SafetensorsHeaderError(cursor < dataBytes ? `${dataBytes - cursor} bytes after the last tensor are not described by the header` : `tensor data ends at byte ${cursor}, past the ${dataBytes} bytes in the file: truncated`);
  }
}

/** Names and values from a hostile file are clipped before they reach a message. */
function clip(s: string): string {
  const printable = s.replace(/[\u0000-\u001f\u007f]/g, "?");
  return printable.length > 80 ? `${printable.slice(0, 77)}...` : printable;
}

/** Stored elements of a tensor as the Hub counts them: scalars (shape []) count 0, as in huggingface.js. */
export function storedElements(shape: readonly number[]): number {
  if (shape.length === 0) return 0;
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
