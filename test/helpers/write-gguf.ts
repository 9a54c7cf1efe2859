import { closeSync, ftruncateSync, openSync, writeSync } from "node:fs";

/**
 * Small GGUF files for tests, written from the format's specification (ggml's docs/gguf.md,
 * version 3, little-endian): magic "GGUF", version u32, tensor count u64, metadata count u64, the
 * metadata (key string, value type u32, value), the tensor infos (name string, n_dims u32, dims u64
 * innermost first, type u32, data offset u64), padding to `general.alignment` (32), then the data.
 * Strings are a u64 length and UTF-8 bytes. No weights are written: a "complete" file is extended
 * with a sparse hole to the size its tensor infos describe.
 */

export type GgufTestValue = number | bigint | string | boolean | string[] | number[] | { f32: number } | { i32: number[] };

export interface GgufTestTensor {
  name: string;
  /** ggml order: innermost first. */
  dims: number[];
  /** ggml type id: 0 F32, 1 F16, 8 Q8_0, 12 Q4_K, 14 Q6_K, 30 BF16. */
  type: number;
}

export interface GgufTestFile {
  metadata: Record<string, GgufTestValue>;
  tensors: GgufTestTensor[];
  /** Extend the file to the full size of its tensor data (a sparse hole), as a complete download would be. */
  withData?: boolean;
}

/** Bytes per block and weights per block of the ggml types the tests use (ggml-common.h). */
const TYPE_SIZES: Record<number, [number, number]> = { 0: [1, 4], 1: [1, 2], 8: [32, 34], 12: [256, 144], 14: [256, 210], 30: [1, 2] };

const ALIGNMENT = 32;

class Writer {
  private chunks: Buffer[] = [];
  length = 0;
  push(b: Buffer) {
    this.chunks.push(b);
    this.length += b.length;
  }
  u32(n: number) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    this.push(b);
  }
  i32(n: number) {
    const b = Buffer.alloc(4);
    b.writeInt32LE(n);
    this.push(b);
  }
  u64(n: number | bigint) {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(n));
    this.push(b);
  }
  f32(n: number) {
    const b = Buffer.alloc(4);
    b.writeFloatLE(n);
    this.push(b);
  }
  str(s: string) {
    const bytes = Buffer.from(s, "utf8");
    this.u64(bytes.length);
    this.push(bytes);
  }
  bytes() {
    return Buffer.concat(this.chunks);
  }
}

function writeValue(w: Writer, value: GgufTestValue) {
  if (typeof value === "string") return w.u32(8), w.str(value);
  if (typeof value === "boolean") return w.u32(7), w.push(Buffer.from([value ? 1 : 0]));
  if (typeof value === "bigint") return w.u32(10), w.u64(value);
  if (typeof value === "number") {
    if (!Number.isInteger(value) || value < 0) return w.u32(6), w.f32(value);
    return w.u32(4), w.u32(value);
  }
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
    w.u32(9);
    w.u32(8);
    w.u64(value.length);
    for (const v of value as string[]) w.str(v);
    return;
  }
  if (Array.isArray(value)) {
    w.u32(9);
    w.u32(4);
    w.u64(value.length);
    for (const v of value as number[]) w.u32(v);
    return;
  }
  if ("f32" in value) return w.u32(6), w.f32(value.f32);
  w.u32(9);
  w.u32(5);
  w.u64(value.i32.length);
  for (const v of value.i32) w.i32(v);
}

export function tensorBytes(t: GgufTestTensor): number {
  const [block, size] = TYPE_SIZES[t.type] ?? [1, 4];
  const elements = t.dims.reduce((a, b) => a * b, 1);
  return (elements / block) * size;
}

/** The header bytes of a GGUF file, and the size the whole file has with its tensor data. */
export function ggufHeader(file: GgufTestFile): { header: Buffer; fullSize: number } {
  const w = new Writer();
  w.push(Buffer.from("GGUF", "ascii"));
  w.u32(3);
  w.u64(file.tensors.length);
  w.u64(Object.keys(file.metadata).length);
  for (const [key, value] of Object.entries(file.metadata)) {
    w.str(key);
    writeValue(w, value);
  }
  let offset = 0;
  for (const t of file.tensors) {
    w.str(t.name);
    w.u32(t.dims.length);
    for (const d of t.dims) w.u64(d);
    w.u32(t.type);
    w.u64(offset);
    offset += Math.ceil(tensorBytes(t) / ALIGNMENT) * ALIGNMENT;
  }
  const pad = (ALIGNMENT - (w.length % ALIGNMENT)) % ALIGNMENT;
  w.push(Buffer.alloc(pad));
  const header = w.bytes();
  return { header, fullSize: header.length + offset };
}

/** Write a GGUF test file; returns its full size (with data) and the header's length. */
export function writeGguf(path: string, file: GgufTestFile): { fullSize: number; headerBytes: number } {
  const { header, fullSize } = ggufHeader(file);
  const fd = openSync(path, "w");
  try {
    writeSync(fd, header);
    if (file.withData) ftruncateSync(fd, fullSize);
  } finally {
    closeSync(fd);
  }
  return { fullSize, headerBytes: header.length };
}

/** A tiny llama: 2 layers, d_model 64, 4 heads of 16, 2 KV heads, d_ff 128, 100 tokens, context 256. */
export function tinyLlama(options: { tied?: boolean; ropeFreqs?: boolean; fileType?: number } = {}): GgufTestFile {
  const d = 64;
  const tensors: GgufTestTensor[] = [{ name: "token_embd.weight", dims: [d, 100], type: 8 }];
  if (options.ropeFreqs) tensors.push({ name: "rope_freqs.weight", dims: [8], type: 0 });
  for (let i = 0; i < 2; i++) {
    tensors.push(
      { name: `blk.${i}.attn_norm.weight`, dims: [d], type: 0 },
      { name: `blk.${i}.attn_q.weight`, dims: [d, d], type: 8 },
      { name: `blk.${i}.attn_k.weight`, dims: [d, 32], type: 8 },
      { name: `blk.${i}.attn_v.weight`, dims: [d, 32], type: 8 },
      { name: `blk.${i}.attn_output.weight`, dims: [d, d], type: 8 },
      { name: `blk.${i}.ffn_norm.weight`, dims: [d], type: 0 },
      { name: `blk.${i}.ffn_gate.weight`, dims: [d, 128], type: 8 },
      { name: `blk.${i}.ffn_up.weight`, dims: [d, 128], type: 8 },
      { name: `blk.${i}.ffn_down.weight`, dims: [128, d], type: 8 },
    );
  }
  tensors.push({ name: "output_norm.weight", dims: [d], type: 0 });
  if (!options.tied) tensors.push({ name: "output.weight", dims: [d, 100], type: 8 });
  return {
    metadata: {
      "general.architecture": "llama",
      "general.name": "Tiny Llama",
      "general.file_type": options.fileType ?? 7,
      "llama.block_count": 2,
      "llama.context_length": 256,
      "llama.embedding_length": d,
      "llama.feed_forward_length": 128,
      "llama.attention.head_count": 4,
      "llama.attention.head_count_kv": 2,
      "llama.rope.dimension_count": 16,
      "llama.attention.layer_norm_rms_epsilon": { f32: 1e-5 },
      "tokenizer.ggml.model": "llama",
      "tokenizer.ggml.tokens": Array.from({ length: 100 }, (_, i) => `t${i}`),
    },
    tensors,
  };
}

/** The config.json that describes tinyLlama's model, as transformers would save it. */
export function tinyLlamaConfig(tied = false): Record<string, unknown> {
  return {
    architectures: ["LlamaForCausalLM"],
    model_type: "llama",
    hidden_size: 64,
    intermediate_size: 128,
    num_hidden_layers: 2,
    num_attention_heads: 4,
    num_key_value_heads: 2,
    vocab_size: 100,
    max_position_embeddings: 256,
    tie_word_embeddings: tied,
  };
}
