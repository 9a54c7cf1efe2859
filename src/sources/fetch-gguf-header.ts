import { SourceError } from "../errors.js";
import { HeaderCursor, walkGgufHeader } from "./check-gguf-header.js";

/**
 * The header bytes of a remote GGUF file, fetched with range reads that never reach its tensor
 * data. @huggingface/gguf reads remote files in 2 MB chunks, which for any header under 2 MB means
 * downloading weights too; here the first read takes the 24-byte preamble, and every later one
 * stops at the least the header must still hold given what was read so far — the bounds walk of
 * check-gguf-header.ts knows the counts of the entries, array elements and tensor infos still to
 * come, each with its minimum size. Reads grow geometrically over a vocabulary (a Llama-3 header of
 * ~8 MB takes a few dozen requests) and stop exactly at the end of the tensor infos.
 */

/** One range read: the bytes of [start, end] (inclusive) as served, and the file's size from Content-Range. */
export type RangeReader = (start: number, end: number) => Promise<{ bytes: Uint8Array; fileBytes: number | null }>;

export interface FetchedGgufHeader {
  /** Bytes 0 … headerEnd − 1: the preamble, the metadata and the tensor infos. */
  bytes: Uint8Array;
  /** The file's size, from Content-Range; null when the server did not say. */
  fileBytes: number | null;
  /** The end of the tensor infos; the tensor data starts at the next alignment boundary. */
  headerEnd: number;
  /** Every range asked for, [start, end] inclusive (for --debug and tests). */
  ranges: [number, number][];
}

/** The magic, version and the two counts of a v2/v3 header (v1: 16 bytes). */
const PREAMBLE_BYTES = 24;
/** One read asks for at most this much (it stays below the header's end either way). */
const MAX_READ_BYTES = 8 * 1024 * 1024;
/** Headers larger than this are refused: @huggingface/gguf's own buffer stops at 50 MB. */
export const MAX_REMOTE_HEADER_BYTES = 48 * 1024 * 1024;

export async function fetchGgufHeader(read: RangeReader, shown: string, checkPreamble: (bytes: Uint8Array, fileBytes: number | null) => number): Promise<FetchedGgufHeader> {
  const fail = (why: string) => new SourceError("malformed-gguf", `${shown}: not a readable GGUF file: ${why}`);
  const ranges: [number, number][] = [];
  let buffer = new Uint8Array(64 * 1024);
  let have = 0;
  let fileBytes: number | null = null;
  const fetchTo = async (end: number) => {
    // end is exclusive here; the file's end caps it.
    const stop = Math.min(end, fileBytes ?? end);
    while (have < stop) {
      const last = Math.min(stop, have + MAX_READ_BYTES) - 1;
      if (last + 1 > MAX_REMOTE_HEADER_BYTES) throw new SourceError("malformed-gguf", `${shown}: the GGUF header is larger than ${MAX_REMOTE_HEADER_BYTES / 2 ** 20} MiB; not read further`);
      ranges.push([have, last]);
      const answer = await read(have, last);
      if (answer.fileBytes !== null) fileBytes = answer.fileBytes;
      if (answer.bytes.byteLength === 0) throw fail(`the server sent no bytes for the range ${have}-${last} (truncated?)`);
      if (answer.bytes.byteLength > last - have + 1) throw new SourceError("unreadable", `${shown}: the server answered a range read of ${last - have + 1} bytes with ${answer.bytes.byteLength}`);
      if (have + answer.bytes.byteLength > buffer.byteLength) {
        const grown = new Uint8Array(Math.max(buffer.byteLength * 2, have + answer.bytes.byteLength));
        grown.set(buffer.subarray(0, have));
        buffer = grown;
      }
      buffer.set(answer.bytes, have);
      have += answer.bytes.byteLength;
      if (fileBytes !== null && have >= fileBytes) break;
    }
  };
  await fetchTo(PREAMBLE_BYTES);
  const version = checkPreamble(buffer.subarray(0, have), fileBytes);
  const size = fileBytes ?? Number.MAX_SAFE_INTEGER;
  const cursor = new HeaderCursor((target, length, position) => target.set(buffer.subarray(position, position + length)), size, fail, () => have);
  const walk = walkGgufHeader(cursor, version, fail);
  for (let step = walk.next(); ; step = walk.next()) {
    if (step.done) {
      await fetchTo(step.value);
      if (have < step.value) throw fail(`the header ends at byte ${step.value}, past the end of the ${have}-byte file (truncated)`);
      return { bytes: buffer.subarray(0, step.value), fileBytes, headerEnd: step.value, ranges };
    }
    const before = have;
    await fetchTo(Math.max(step.value.need, step.value.bound));
    if (have === before) throw fail(`the header runs past the end of the file at byte ${have} (truncated)`);
  }
}
