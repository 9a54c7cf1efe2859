import { readSync } from "node:fs";
import type { SourceError } from "../errors.js";

/**
 * A bounds check of a GGUF header before the parser reads it: walks the metadata entries and
 * tensor infos (ggml's docs/gguf.md) decoding nothing but lengths, counts and types, and fails at
 * the first one that points past the end of the file. @huggingface/gguf reads a local file in 2 MB
 * chunks and treats bytes past the end as zeros, so a truncated or hostile header (an array of a
 * million empty strings in a 100-byte file) would otherwise be decoded element by element; here it
 * fails at once, reading each header byte once through a 1 MiB window.
 *
 * The walk is a generator so a remote reader can drive it (fetch-gguf-header.ts): when it needs
 * bytes not fetched yet, it yields how far it must read now and how far the header surely extends
 * (the minimum size of every entry, element and tensor info not started yet), so range reads can
 * grow without ever reaching the tensor data. Local files have every byte available and never yield.
 */

const FIXED_SIZES: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };
const STRING = 8;
const ARRAY = 9;
/** The parser's own limits (gguf.ts), checked here first so the error is ours and immediate. */
const MAX_STRING = 10_000_000;
const MAX_ARRAY = 1_000_000;
const MAX_DEPTH = 4;
const MAX_DIMS = 8;
const WINDOW = 1 << 20;

/** What a walk paused for: bytes up to `need` are required now; the header extends at least to `bound`. */
export interface HeaderByteRequest {
  need: number;
  bound: number;
}

export class HeaderCursor {
  pos = 0;
  /** Minimum bytes of the entries, array elements and tensor infos not started yet. */
  rest = 0;
  private buf = Buffer.alloc(0);
  private start = 0;
  private loaded = 0;

  constructor(
    private readonly read: (target: Buffer, length: number, position: number) => void,
    readonly size: number,
    private readonly fail: (why: string) => SourceError,
    /** Bytes readable now (all of them for a local file; what has been fetched for a remote one). */
    private readonly available: () => number = () => size,
  ) {}

  /** True when `n` bytes from the current position can be read now; past the end of the file is an error. */
  ready(n: number): boolean {
    if (this.pos + n > this.size) throw this.fail(`the header runs past the end of the ${this.size}-byte file at byte ${this.pos} (truncated or malformed)`);
    return this.pos + n <= this.available();
  }

  request(n: number): HeaderByteRequest {
    return { need: this.pos + n, bound: this.pos + n + this.rest };
  }

  /** Make `n` bytes from the current position readable (ready(n) was true). */
  private need(n: number): void {
    if (this.pos >= this.start && this.pos + n <= this.start + this.loaded) return;
    const length = Math.min(Math.max(n, WINDOW), this.available() - this.pos);
    if (this.buf.length < length) this.buf = Buffer.alloc(Math.max(length, WINDOW));
    this.read(this.buf, length, this.pos);
    this.start = this.pos;
    this.loaded = length;
  }

  u32(): number {
    this.need(4);
    const v = this.buf.readUInt32LE(this.pos - this.start);
    this.pos += 4;
    return v;
  }

  /** A u64 (u32 in GGUF v1) that must be a safe integer. */
  size64(wide: boolean): number {
    if (!wide) return this.u32();
    this.need(8);
    const v = this.buf.readBigUInt64LE(this.pos - this.start);
    this.pos += 8;
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw this.fail(`a length or count of ${v} at byte ${this.pos - 8}`);
    return Number(v);
  }

  skip(n: number): void {
    if (n < 0 || this.pos + n > this.size) throw this.fail(`the header runs past the end of the ${this.size}-byte file at byte ${this.pos} (truncated or malformed)`);
    this.pos += n;
  }
}

/** Check the header of a local file through its descriptor. Returns the header's end. */
export function checkGgufHeader(fd: number, size: number, version: number, fail: (why: string) => SourceError): number {
  return drain(walkGgufHeader(new HeaderCursor((target, length, position) => readSync(fd, target, 0, length, position), size, fail), version, fail));
}

/** Run a walk that has every byte available: it never pauses. */
function drain(walk: Generator<HeaderByteRequest, number>): number {
  const step = walk.next();
  if (!step.done) throw new Error("the header walk paused although every byte was available");
  return step.value;
}

/**
 * Walk a header from its start: yields when the cursor has not the bytes it needs yet; returns the
 * header's end (the end of the tensor infos, before the alignment padding).
 */
export function* walkGgufHeader(c: HeaderCursor, version: number, fail: (why: string) => SourceError): Generator<HeaderByteRequest, number> {
  const wide = version !== 1;
  const lengthBytes = wide ? 8 : 4;
  // Smallest entry: key length, type, a one-byte value; smallest tensor info: name length, dims count, type, offset.
  const minEntry = lengthBytes + 4 + 1;
  const minTensor = lengthBytes + 4 + 4 + 8;
  const size = c.size;
  while (!c.ready(lengthBytes === 8 ? 24 : 16)) yield c.request(lengthBytes === 8 ? 24 : 16);
  c.skip(8);
  const tensors = c.size64(wide);
  const entries = c.size64(wide);
  c.rest = entries * minEntry + tensors * minTensor;
  function* length(): Generator<HeaderByteRequest, number> {
    while (!c.ready(lengthBytes)) yield c.request(lengthBytes);
    return c.size64(wide);
  }
  function* u32(): Generator<HeaderByteRequest, number> {
    while (!c.ready(4)) yield c.request(4);
    return c.u32();
  }
  function* string(): Generator<HeaderByteRequest, void> {
    const n = c.ready(lengthBytes) ? c.size64(wide) : yield* length();
    if (n > MAX_STRING) throw fail(`a string of ${n} bytes at byte ${c.pos} (the limit is ${MAX_STRING})`);
    c.skip(n);
  }
  function* value(type: number, depth: number): Generator<HeaderByteRequest, void> {
    const fixed = FIXED_SIZES[type];
    if (fixed !== undefined) return c.skip(fixed);
    if (type === STRING) return yield* string();
    if (type !== ARRAY) throw fail(`unknown metadata type ${type} at byte ${c.pos - 4}`);
    if (depth >= MAX_DEPTH) throw fail(`arrays nested deeper than ${MAX_DEPTH}`);
    const itemType = yield* u32();
    const count = yield* length();
    if (count > MAX_ARRAY) throw fail(`an array of ${count} entries (the limit is ${MAX_ARRAY})`);
    const itemFixed = FIXED_SIZES[itemType];
    if (itemFixed !== undefined) return c.skip(count * itemFixed);
    // Strings and nested arrays take at least their length field each: a count the file cannot hold fails here.
    if (itemType !== STRING && itemType !== ARRAY) throw fail(`unknown array element type ${itemType}`);
    if (count * lengthBytes > size - c.pos) throw fail(`an array of ${count} entries at byte ${c.pos}, more than the rest of the file can hold (truncated or malformed)`);
    const minItem = itemType === STRING ? lengthBytes : 4 + lengthBytes;
    c.rest += count * minItem;
    for (let i = 0; i < count; i++) {
      c.rest -= minItem;
      // The vocabulary's strings are most of a header: read their lengths without a nested generator when the bytes are there.
      if (itemType === STRING && c.ready(lengthBytes)) {
        const n = c.size64(wide);
        if (n > MAX_STRING) throw fail(`a string of ${n} bytes at byte ${c.pos} (the limit is ${MAX_STRING})`);
        c.skip(n);
      } else yield* value(itemType, depth + 1);
    }
  }
  for (let i = 0; i < entries; i++) {
    c.rest -= minEntry;
    yield* string();
    yield* value(yield* u32(), 0);
  }
  for (let i = 0; i < tensors; i++) {
    c.rest -= minTensor;
    yield* string();
    const dims = yield* u32();
    if (dims > MAX_DIMS) throw fail(`a tensor with ${dims} dimensions (the limit is ${MAX_DIMS})`);
    c.skip(dims * lengthBytes + 4 + 8);
  }
  return c.pos;
}
