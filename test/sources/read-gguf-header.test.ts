import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readLocalGguf, readLocalGgufModel, readRemoteGguf } from "../../src/sources/read-gguf-header.js";
import { ggufHeader, tensorBytes, tinyLlama, writeGguf, type GgufTestFile } from "../helpers/write-gguf.js";

const dir = mkdtempSync(join(tmpdir(), "modelcheck-gguf-"));
let n = 0;
function file(spec: GgufTestFile): string {
  const path = join(dir, `m${n++}.gguf`);
  writeGguf(path, spec);
  return path;
}
function raw(bytes: Buffer): string {
  const path = join(dir, `raw${n++}.gguf`);
  writeFileSync(path, bytes);
  return path;
}

/** The preamble of a v3 header: magic, version, tensor count, metadata count. */
function preamble(tensors: bigint, entries: bigint): Buffer {
  const b = Buffer.alloc(24);
  b.write("GGUF", 0, "ascii");
  b.writeUInt32LE(3, 4);
  b.writeBigUInt64LE(tensors, 8);
  b.writeBigUInt64LE(entries, 16);
  return b;
}

describe("reading a GGUF header", () => {
  it("lists every tensor with its ggml type and byte size; the parameter count is the sum of the elements", async () => {
    const spec = tinyLlama({ ropeFreqs: true });
    const gguf = await readLocalGguf(file(spec));
    expect(gguf.version).toBe(3);
    expect(gguf.tensors).toHaveLength(spec.tensors.length);
    const elements = spec.tensors.reduce((sum, t) => sum + t.dims.reduce((a, b) => a * b, 1), 0);
    // token_embd 64·100 + 2 × (q 64·64 + k, v 64·32 + o 64·64 + gate, up, down 64·128 + 2 norms of 64) + output_norm 64 + output 64·100 + rope_freqs 8.
    expect(elements).toBe(6400 + 2 * (4096 + 2 * 2048 + 4096 + 3 * 8192 + 128) + 64 + 6400 + 8);
    expect(gguf.tensors.reduce((sum, t) => sum + t.elements, 0)).toBe(elements);
    const q = gguf.tensors.find((t) => t.name === "blk.0.attn_q.weight")!;
    // Q8_0: 34 bytes per block of 32 weights.
    expect(q).toMatchObject({ dims: [64, 64], type: "Q8_0", elements: 4096, bytes: (4096 / 32) * 34 });
    expect(gguf.tensors.find((t) => t.name === "rope_freqs.weight")).toMatchObject({ type: "F32", bytes: 32 });
    expect(gguf.tensors.reduce((s, t) => s + t.bytes!, 0)).toBe(spec.tensors.reduce((s, t) => s + tensorBytes(t), 0));
  });

  it("keeps scalar metadata and arrays by length only when long", async () => {
    const gguf = await readLocalGguf(file(tinyLlama()));
    expect(gguf.metadata["general.architecture"]).toBe("llama");
    expect(gguf.metadata["llama.attention.head_count_kv"]).toBe(2);
    expect(gguf.metadata["general.file_type"]).toBe(7);
    expect(gguf.metadata["tokenizer.ggml.tokens"]).toEqual(Array.from({ length: 100 }, (_, i) => `t${i}`));
    const big = await readLocalGguf(file({ ...tinyLlama(), metadata: { ...tinyLlama().metadata, "tokenizer.ggml.tokens": Array.from({ length: 5000 }, (_, i) => `t${i}`) } }));
    expect(big.metadata["tokenizer.ggml.tokens"]).toEqual({ length: 5000 });
  });

  it("knows whether the file holds the tensor data its header describes", async () => {
    const headerOnly = await readLocalGguf(file(tinyLlama()));
    expect(headerOnly.complete).toBe(false);
    const path = join(dir, "complete.gguf");
    const { fullSize } = writeGguf(path, { ...tinyLlama(), withData: true });
    const complete = await readLocalGguf(path);
    expect(complete).toMatchObject({ complete: true, fileBytes: fullSize });
  });

  it("reads a split model from any shard: the tensors of all shards, the metadata of the first", async () => {
    const spec = tinyLlama();
    const half = Math.floor(spec.tensors.length / 2);
    writeGguf(join(dir, "split-00001-of-00002.gguf"), { metadata: { ...spec.metadata, "split.count": 2 }, tensors: spec.tensors.slice(0, half) });
    writeGguf(join(dir, "split-00002-of-00002.gguf"), { metadata: { "split.count": 2 }, tensors: spec.tensors.slice(half) });
    const gguf = await readLocalGgufModel(join(dir, "split-00002-of-00002.gguf"));
    expect(gguf.tensors.map((t) => t.name)).toEqual(spec.tensors.map((t) => t.name));
    expect(gguf.metadata["general.architecture"]).toBe("llama");
    expect(gguf.files).toHaveLength(2);
  });
});

describe("truncated and hostile files give one clear line, before anything is allocated for them", () => {
  const cases: [string, () => string, RegExp][] = [
    ["not a GGUF file", () => raw(Buffer.from('{"model_type": "llama"}')), /does not start with the magic bytes "GGUF"/],
    ["an empty file", () => raw(Buffer.alloc(0)), /does not start with the magic bytes/],
    ["an unknown version", () => raw(Buffer.concat([Buffer.from("GGUF"), Buffer.from([9, 0, 0, 0]), Buffer.alloc(16)])), /unsupported version 9/],
    ["2^40 tensors declared in a 24-byte file", () => raw(preamble(2n ** 40n, 0n)), /declares 1099511627776 tensors and 0 metadata entries, more than a 24-byte file can hold/],
    ["2^60 metadata entries", () => raw(preamble(0n, 2n ** 60n)), /more than a 24-byte file can hold/],
    [
      "a key 2^50 bytes long",
      () => {
        const key = Buffer.alloc(8);
        key.writeBigUInt64LE(2n ** 50n);
        return raw(Buffer.concat([preamble(0n, 1n), key, Buffer.alloc(64)]));
      },
      /a string of 1125899906842624 bytes at byte 32/,
    ],
    [
      "an array of a million empty strings in an 89-byte file",
      () => {
        const entry = Buffer.alloc(8 + 1 + 4 + 4 + 8);
        entry.writeBigUInt64LE(1n, 0);
        entry.write("k", 8);
        entry.writeUInt32LE(9, 9); // ARRAY
        entry.writeUInt32LE(8, 13); // of STRING
        entry.writeBigUInt64LE(1_000_000n, 17);
        return raw(Buffer.concat([preamble(0n, 1n), entry, Buffer.alloc(40)]));
      },
      /an array of 1000000 entries at byte 49, more than the rest of the file can hold/,
    ],
    [
      "a tensor with 2^31 dimensions",
      () => {
        const { header } = ggufHeader({ metadata: {}, tensors: [{ name: "t", dims: [4], type: 0 }] });
        // The tensor info follows the 24-byte preamble: name length (8), "t", then n_dims.
        header.writeUInt32LE(2 ** 31, 24 + 8 + 1);
        return raw(header);
      },
      /a tensor with 2147483648 dimensions/,
    ],
    [
      "a key 5 MB long in a 100-byte file",
      () => {
        const key = Buffer.alloc(8);
        key.writeBigUInt64LE(5_000_000n);
        return raw(Buffer.concat([preamble(0n, 1n), key, Buffer.alloc(68)]));
      },
      /truncated|runs past/,
    ],
    [
      "a header cut in the middle of the tensor infos",
      () => {
        const { header } = ggufHeader(tinyLlama());
        return raw(header.subarray(0, header.length - 200));
      },
      /truncated/,
    ],
    [
      "a tensor of 2^31 × 2^31 × 2^31 elements",
      () => file({ metadata: { "general.architecture": "llama" }, tensors: [{ name: "huge.weight", dims: [2 ** 31, 2 ** 31, 2 ** 31], type: 0 }] }),
      /tensor "huge.weight" declares an impossible shape/,
    ],
  ];
  it.each(cases)("%s", async (_name, make, message) => {
    const path = make();
    const error = await readLocalGguf(path, "model.gguf").then(
      () => null,
      (e: Error & { code?: string }) => e,
    );
    expect(error).not.toBeNull();
    expect(error!.message).toMatch(/^model\.gguf: /);
    expect(error!.message).toMatch(message);
    expect(error!.message).not.toContain("\n");
    expect(error!.code).toBe("malformed-gguf");
  });

  it("a missing file is not-found", async () => {
    await expect(readLocalGguf(join(dir, "absent.gguf"), "absent.gguf")).rejects.toMatchObject({ code: "not-found", message: "absent.gguf: no such file" });
  });
});

describe("remote GGUF headers (for Hub targets)", () => {
  /** A server that answers range reads of `bytes`, recording what was asked. */
  function rangeServer(bytes: Buffer, options: { status?: number; total?: number } = {}) {
    const ranges: string[] = [];
    const fetchImpl = (async (_url: string | URL | Request, init?: RequestInit) => {
      const range = new Headers(init?.headers).get("range") ?? "";
      ranges.push(range);
      const m = /bytes=(\d+)-(\d+)/.exec(range)!;
      const start = Number(m[1]);
      const end = Math.min(Number(m[2]), bytes.length - 1);
      const body = bytes.subarray(start, end + 1);
      const status = options.status ?? 206;
      const total = options.total ?? bytes.length;
      return new Response(status === 206 ? body : bytes, { status, headers: { "content-range": `bytes ${start}-${end}/${total}`, "content-length": String(status === 206 ? body.length : bytes.length) } });
    }) as typeof fetch;
    return { fetchImpl, ranges };
  }

  it("reads the same header through range reads that never reach the tensor data", async () => {
    const path = file({ ...tinyLlama(), withData: true });
    const bytes = readFileSync(path);
    const { fetchImpl, ranges } = rangeServer(bytes, { total: 5_000_000_000 });
    const remote = await readRemoteGguf({ url: "https://hub.example/org/model/resolve/main/model.gguf", fetch: fetchImpl, displayPath: "org/model/model.gguf" });
    const local = await readLocalGguf(path);
    expect(remote.tensors).toEqual(local.tensors);
    expect(remote.metadata).toEqual(local.metadata);
    expect(remote.fileBytes).toBe(5_000_000_000);
    // First the 24-byte preamble, then reads up to what the counts read so far guarantee; contiguous, and all below the data.
    expect(ranges[0]).toBe("bytes=0-23");
    const spans = ranges.map((r) => r.slice(6).split("-").map(Number) as [number, number]);
    spans.slice(1).forEach(([start], i) => expect(start).toBe(spans[i]![1] + 1));
    expect(Math.max(...spans.map(([, end]) => end))).toBeLessThan(local.dataOffset);
    // The last read ends exactly where the tensor infos do: the header writer pads them to 32 bytes before the data.
    expect(spans.at(-1)![1] + 1).toBeGreaterThan(local.dataOffset - 32);
  });

  it("reads a vocabulary of 50,000 tokens in a bounded number of requests, still below the data", async () => {
    const spec = tinyLlama();
    spec.metadata["tokenizer.ggml.tokens"] = Array.from({ length: 50_000 }, (_, i) => `token-${i}`);
    const path = file({ ...spec, withData: true });
    const { fetchImpl, ranges } = rangeServer(readFileSync(path));
    const remote = await readRemoteGguf({ url: "https://hub.example/m.gguf", fetch: fetchImpl, displayPath: "m.gguf" });
    expect(remote.metadata["tokenizer.ggml.tokens"]).toEqual({ length: 50_000 });
    const ends = ranges.map((r) => Number(r.split("-")[1]));
    expect(Math.max(...ends)).toBeLessThan(remote.dataOffset);
    expect(ranges.length).toBeLessThan(40);
  });

  it("refuses a server that ignores Range (it would send the whole file)", async () => {
    const { fetchImpl } = rangeServer(readFileSync(file(tinyLlama())), { status: 200 });
    await expect(readRemoteGguf({ url: "https://hub.example/m.gguf", fetch: fetchImpl, displayPath: "m.gguf" })).rejects.toThrow("m.gguf: expected a partial (206) answer to a range read, got HTTP 200");
  });

  it("walks the bounds of a small file that came whole in the first read", async () => {
    const entry = Buffer.alloc(8 + 1 + 4 + 4 + 8);
    entry.writeBigUInt64LE(1n, 0);
    entry.write("k", 8);
    entry.writeUInt32LE(9, 9);
    entry.writeUInt32LE(8, 13);
    entry.writeBigUInt64LE(1_000_000n, 17);
    const { fetchImpl } = rangeServer(Buffer.concat([preamble(0n, 1n), entry, Buffer.alloc(40)]));
    await expect(readRemoteGguf({ url: "https://hub.example/m.gguf", fetch: fetchImpl, displayPath: "m.gguf" })).rejects.toThrow(/an array of 1000000 entries at byte 49/);
  });

  it("checks the declared counts against the size Content-Range reports", async () => {
    const { fetchImpl } = rangeServer(Buffer.concat([preamble(10_000_000n, 0n), Buffer.alloc(100)]));
    await expect(readRemoteGguf({ url: "https://hub.example/m.gguf", fetch: fetchImpl, displayPath: "m.gguf" })).rejects.toThrow(/declares 10000000 tensors and 0 metadata entries, more than a 124-byte file can hold/);
  });
});
