import { readSync } from "node:fs";
import type { SourceError } from "../errors.js";

/**
 * A bounds check of a local GGUF header before the parser reads it: walks the metadata entries and
 * tensor infos (ggml's docs/gguf.md) decoding nothing but lengths, counts and types, and fails at
 * the first one that points past the end of the file. @huggingface/gguf reads a local file in 2 MB
 * chunks and treats bytes past the end as zeros, so a truncated or hostile header (an array of a
 * million empty strings in a 100-byte file) would otherwise be decoded element by element; here it
 * fails at once, reading each header byte once through a 1 MiB window. Returns the header's end.
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

class Cursor {
  pos = 0;
  private buf = Buffer.alloc(0);
  private start = 0;

  constructor(
    private readonly read: (target: Buffer, length: number, position: number) => void,
    readonly size: number,
    private readonly fail: (why: string) => SourceError,
  ) {}

  /** Make `n` bytes from the current position readable; past the end of the file is an error. */
  private need(n: number): void {
    if (this.pos + n > this.size) throw this.fail(`the header runs past the end of the ${this.size}-byte file at byte ${this.pos} (truncated or malformed)`);
    if (this.pos >= this.start && this.pos + n <= this.start + this.buf.length) return;
    const length = Math.min(Math.max(n, WINDOW), this.size - this.pos);
    if (this.buf.length < length) this.buf = Buffer.alloc(Math.max(length, WINDOW));
    this.read(this.buf, length, this.pos);
    this.start = this.pos;
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

/** Check the header of a local file through its descriptor. */
export function checkGgufHeader(fd: number, size: number, version: number, fail: (why: string) => SourceError): number {
  return walk(new Cursor((target, length, position) => readSync(fd, target, 0, length, position), size, fail), version, fail);
}

/** Check a header held whole in memory (a remote file no larger than the first range read). */
export function checkGgufHeaderBytes(bytes: Uint8Array, version: number, fail: (why: string) => SourceError): number {
  const source = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return walk(new Cursor((target, length, position) => source.copy(target, 0, position, position + length), source.length, fail), version, fail);
}

function walk(c: Cursor, version: number, fail: (why: string) => SourceError): number {
  const wide = version !== 1;
  const size = c.size;
  c.skip(8);
  const tensors = c.size64(wide);
  const entries = c.size64(wide);
  const string = () => {
    const length = c.size64(wide);
    if (length > MAX_STRING) throw fail(`a string of ${length} bytes at byte ${c.pos} (the limit is ${MAX_STRING})`);
    c.skip(length);
  };
  const value = (type: number, depth: number): void => {
    const fixed = FIXED_SIZES[type];
    if (fixed !== undefined) return c.skip(fixed);
    if (type === STRING) return string();
    if (type !== ARRAY) throw fail(`unknown metadata type ${type} at byte ${c.pos - 4}`);
    if (depth >= MAX_DEPTH) throw fail(`arrays nested deeper than ${MAX_DEPTH}`);
    const itemType = c.u32();
    const count = c.size64(wide);
    if (count > MAX_ARRAY) throw fail(`an array of ${count} entries (the limit is ${MAX_ARRAY})`);
    const itemFixed = FIXED_SIZES[itemType];
    if (itemFixed !== undefined) return c.skip(count * itemFixed);
    // Strings and nested arrays take at least their length field each: a count the file cannot hold fails here.
    if (itemType !== STRING && itemType !== ARRAY) throw fail(`unknown array element type ${itemType}`);
    if (count * (wide ? 8 : 4) > size - c.pos) throw fail(`an array of ${count} entries at byte ${c.pos}, more than the rest of the file can hold (truncated or malformed)`);
    for (let i = 0; i < count; i++) value(itemType, depth + 1);
  };
  for (let i = 0; i < entries; i++) {
    string();
    value(c.u32(), 0);
  }
  for (let i = 0; i < tensors; i++) {
    string();
    const dims = c.u32();
    if (dims > MAX_DIMS) throw fail(`a tensor with ${dims} dimensions (the limit is ${MAX_DIMS})`);
    c.skip(dims * (wide ? 8 : 4) + 4 + 8);
  }
  return c.pos;
}
