import { closeSync, readSync } from "node:fs";
import { SourceError } from "../errors.js";
import { checkGgufHeader } from "./check-gguf-header.js";
import { fetchGgufHeader, type RangeReader } from "./fetch-gguf-header.js";
import { ggmlType } from "./ggml-types.js";
import { SourceDocument } from "./source-document.js";
import { NOT_A_FILE, NOT_A_FILE_REASON, openRegularFile } from "./open-regular-file.js";

/** A metadata value as kept: scalars and short arrays as read; long arrays (the vocabulary) by their length only. */
export type GgufValue = string | number | boolean | number[] | string[] | { length: number };

/** One tensor of a GGUF file as its header describes it. Never the weights. */
export interface GgufTensor {
  name: string;
  /** ggml order: dims[0] is the innermost (contiguous) dimension, the reverse of PyTorch's shape. */
  dims: number[];
  /** ggml type name (Q4_K, F32, …), or `type <id>` for a type this version does not know. */
  type: string;
  elements: number;
  /** Bytes of its data; null for an unknown type. */
  bytes: number | null;
  /** Offset of its data from the start of the data section. */
  offset: number;
}

/** What a GGUF file's header holds, read with range reads of the header only. */
export interface LoadedGguf {
  /** The file, for findings (no line positions). */
  document: SourceDocument;
  version: number;
  metadata: Record<string, GgufValue>;
  tensors: GgufTensor[];
  /** Absolute offset of the tensor data (the header's end, aligned). */
  dataOffset: number;
  /** Size of the file, when known (local files; Content-Range of remote ones); of all shards for a split model. */
  fileBytes: number | null;
  /** True when the file holds all the tensor data its header describes; false when truncated (or header-only). */
  complete: boolean;
  /** The files read: one, or every shard of a split model (`name-00001-of-00003.gguf`). */
  files: string[];
  /**
   * Counts known from elsewhere: the Hub's `gguf.total` for the repo (model info, `expand=gguf`),
   * which the Hub computes from one of the repo's GGUF files.
   */
  reported?: { total?: number };
}

/** A binary header: findings point at the file, never at a line and column. */
class HeaderDocument extends SourceDocument {
  override locate(): null {
    return null;
  }
}

/** The document findings about a GGUF file point at: its path, no line positions. */
export function ggufDocument(path: string): SourceDocument {
  return new HeaderDocument(path, "", undefined);
}

/** Arrays longer than this are kept as their length: the vocabulary, merges and scores are not facts. */
const MAX_KEPT_ARRAY = 1024;
/** Bytes of the header read for the early sanity check: magic, version and the two counts. */
const PREAMBLE_BYTES = 24;
/** No real tensor comes near 2^40 elements (a 1T-parameter model's largest is under 2^32). */
const MAX_TENSOR_ELEMENTS = 2 ** 40;

/**
 * Read a local .gguf file's header: metadata and tensor infos, never the tensor data. A file whose
 * counts cannot fit in it, or whose header runs past its end (truncated), is refused quickly, before
 * the parser allocates for them.
 */
export async function readLocalGguf(path: string, displayPath = path): Promise<LoadedGguf> {
  const size = checkLocalHeader(path, displayPath);
  const parsed = await parseWithLibrary(path, { allowLocalFile: true }, displayPath);
  return toLoaded(parsed, size, displayPath);
}

/**
 * Read a remote GGUF header (a Hub `resolve` URL) with range reads through `fetch` that never reach
 * the tensor data (fetch-gguf-header.ts), then parse the bytes held. Every answer must be a 206
 * partial answer for the range asked: a server that ignores Range would otherwise send the whole
 * file. The Hub targets pass their own fetch (retries, timeouts, the token kept to the endpoint)
 * and the `Authorization` header in `headers`.
 */
export async function readRemoteGguf(options: { url: string; fetch?: typeof fetch; displayPath?: string; headers?: Record<string, string> }): Promise<LoadedGguf> {
  const shown = options.displayPath ?? options.url;
  const base = options.fetch ?? fetch;
  const read: RangeReader = async (start, end) => {
    const response = await base(options.url, { headers: { ...options.headers, Range: `bytes=${start}-${end}` } });
    if (response.status !== 206) {
      await response.body?.cancel();
      throw new SourceError(response.status === 404 ? "not-found" : "unreadable", `${shown}: expected a partial (206) answer to a range read, got HTTP ${response.status}`);
    }
    const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(response.headers.get("content-range")?.trim() ?? "");
    if (range && Number(range[1]) !== start) {
      await response.body?.cancel();
      throw new SourceError("unreadable", `${shown}: the server answered a range read at byte ${start} with bytes from ${range[1]}`);
    }
    const length = Number(response.headers.get("content-length") ?? "0");
    if (length > end - start + 1) {
      await response.body?.cancel();
      throw new SourceError("unreadable", `${shown}: the server answered a range read of ${end - start + 1} bytes with ${length}`);
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { bytes, fileBytes: range && range[3] !== "*" ? Number(range[3]) : null };
  };
  const header = await fetchGgufHeader(read, shown, (bytes, fileBytes) => checkPreamble(bytes, fileBytes, shown));
  // The parser reads from the bytes held: its own 2 MB chunks are answered from memory, never the network.
  const fromMemory: typeof fetch = async (_input, init) => {
    const m = /bytes=(\d+)-(\d+)/.exec(new Headers(init?.headers).get("range") ?? "");
    const start = Math.min(m ? Number(m[1]) : 0, header.bytes.byteLength);
    const end = Math.min(m ? Number(m[2]) + 1 : header.bytes.byteLength, header.bytes.byteLength);
    return new Response(header.bytes.slice(start, end), { status: 206, headers: { "content-range": `bytes ${start}-${Math.max(start, end - 1)}/${header.fileBytes ?? "*"}` } });
  };
  const parsed = await parseWithLibrary(options.url, { fetch: fromMemory }, shown);
  return toLoaded(parsed, header.fileBytes, shown);
}

/** Open the file, check its preamble and walk its header's bounds (check-gguf-header.ts); returns its size. */
function checkLocalHeader(path: string, shown: string): number {
  let fd: number;
  let size: number;
  try {
    // A FIFO is refused here, before the library's own reads could wait on it.
    ({ fd, size } = openRegularFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SourceError(code === "ENOENT" ? "not-found" : "unreadable", `${shown}: ${code === "ENOENT" ? "no such file" : code === NOT_A_FILE ? NOT_A_FILE_REASON : "cannot be read"}`);
  }
  try {
    const preamble = Buffer.alloc(Math.min(PREAMBLE_BYTES, size));
    readSync(fd, preamble, 0, preamble.length, 0);
    const version = checkPreamble(preamble, size, shown);
    checkGgufHeader(fd, size, version, (why) => new SourceError("malformed-gguf", `${shown}: not a readable GGUF file: ${why}`));
    return size;
  } finally {
    closeSync(fd);
  }
}

/**
 * The counts at the start of the header must fit in the file: every metadata entry takes at least
 * 13 bytes (key length, type, a one-byte value) and every tensor info 24 (name length, dims count,
 * type, offset) in GGUF v2/v3. A hostile count is refused here, before any allocation follows it.
 */
function checkPreamble(bytes: Uint8Array, fileBytes: number | null, shown: string): number {
  const fail = (why: string) => new SourceError("malformed-gguf", `${shown}: not a readable GGUF file: ${why}`);
  if (bytes.length < 8 || bytes[0] !== 0x47 || bytes[1] !== 0x47 || bytes[2] !== 0x55 || bytes[3] !== 0x46) throw fail('it does not start with the magic bytes "GGUF"');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== 1 && version !== 2 && version !== 3) throw fail(`unsupported version ${version} (big-endian files are not supported)`);
  const wide = version !== 1;
  if (bytes.length < (wide ? 24 : 16)) throw fail("the file ends inside the header");
  const tensors = wide ? view.getBigUint64(8, true) : BigInt(view.getUint32(8, true));
  const entries = wide ? view.getBigUint64(16, true) : BigInt(view.getUint32(12, true));
  const minimum = BigInt(wide ? 24 : 16) + entries * BigInt(wide ? 13 : 9) + tensors * BigInt(wide ? 24 : 20);
  if (fileBytes !== null && minimum > BigInt(fileBytes)) {
    throw fail(`the header declares ${tensors} tensors and ${entries} metadata entries, more than a ${fileBytes}-byte file can hold (truncated or malformed)`);
  }
  return version;
}

type LibraryOutput = Awaited<ReturnType<typeof import("@huggingface/gguf").gguf>>;

async function parseWithLibrary(uri: string, params: { allowLocalFile?: boolean; fetch?: typeof fetch }, shown: string): Promise<LibraryOutput> {
  // Loaded here only: most runs never see a GGUF file.
  const { gguf } = await import("@huggingface/gguf");
  try {
    return await gguf(uri, params);
  } catch (error) {
    if (error instanceof SourceError) throw error;
    const message = error instanceof RangeError ? "the header runs past the data read (truncated or malformed)" : error instanceof Error ? error.message.replace(/^not a valid gguf file: /, "") : String(error);
    throw new SourceError("malformed-gguf", `${shown}: not a readable GGUF file: ${message.split("\n")[0]!.slice(0, 200)}`);
  }
}

function toNumber(value: bigint | number): number {
  return typeof value === "bigint" ? Number(value) : value;
}

function keepValue(value: unknown): GgufValue | undefined {
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) {
    if (value.length > MAX_KEPT_ARRAY) return { length: value.length };
    if (value.every((v) => typeof v === "number" || typeof v === "bigint")) return value.map((v) => toNumber(v as number | bigint));
    if (value.every((v) => typeof v === "string")) return value as string[];
    return { length: value.length };
  }
  return undefined;
}

function toLoaded(parsed: LibraryOutput, fileBytes: number | null, shown: string): LoadedGguf {
  const [, headerEnd] = parsed.tensorInfoByteRange;
  if (fileBytes !== null && headerEnd > fileBytes) {
    throw new SourceError("malformed-gguf", `${shown}: not a readable GGUF file: the header ends at byte ${headerEnd}, past the end of the ${fileBytes}-byte file (truncated)`);
  }
  const metadata: Record<string, GgufValue> = {};
  for (const [key, value] of Object.entries(parsed.metadata as Record<string, unknown>)) {
    if (key === "tensor_count" || key === "kv_count") continue;
    const kept = keepValue(value);
    if (kept !== undefined) metadata[key] = kept;
  }
  const tensors: GgufTensor[] = parsed.tensorInfos.map((t) => {
    const dims = t.shape.map(toNumber);
    const elements = dims.reduce((a, b) => a * b, 1);
    if (!Number.isSafeInteger(elements) || elements > MAX_TENSOR_ELEMENTS) {
      throw new SourceError("malformed-gguf", `${shown}: not a readable GGUF file: tensor ${JSON.stringify(t.name.slice(0, 80))} declares an impossible shape [${dims.join(", ")}]`);
    }
    const type = ggmlType(t.dtype);
    return {
      name: t.name,
      dims,
      type: type?.name ?? `type ${t.dtype}`,
      elements,
      bytes: type ? (elements / type.blockSize) * type.typeSize : null,
      offset: toNumber(t.offset),
    };
  });
  const dataOffset = toNumber(parsed.tensorDataOffset);
  const dataEnd = tensors.reduce((end, t) => Math.max(end, dataOffset + t.offset + (t.bytes ?? 0)), dataOffset);
  return { document: ggufDocument(shown), version: parsed.metadata.version, metadata, tensors, dataOffset, fileBytes, complete: fileBytes !== null && dataEnd <= fileBytes, files: [shown] };
}

/** `name-00001-of-00003.gguf`: one shard of a split model (llama.cpp's gguf-split naming). */
export const GGUF_SHARD = /^(?<prefix>.*)-(?<shard>\d{5})-of-(?<total>\d{5})\.gguf$/;

/**
 * Read every shard of a split GGUF model, given any one of them: tensors of all shards, metadata of
 * the first (where llama.cpp writes the model's keys). A file that is not a shard is read alone.
 */
export async function readLocalGgufModel(path: string, displayPath = path): Promise<LoadedGguf> {
  const match = GGUF_SHARD.exec(path);
  const total = match ? Number(match.groups!.total) : 1;
  if (!match || total <= 1 || total > 10_000) return readLocalGguf(path, displayPath);
  const shownMatch = GGUF_SHARD.exec(displayPath);
  const name = (prefix: string, i: number) => `${prefix}-${String(i).padStart(5, "0")}-of-${match.groups!.total}.gguf`;
  const shards: LoadedGguf[] = [];
  for (let i = 1; i <= total; i++) {
    shards.push(await readLocalGguf(name(match.groups!.prefix!, i), shownMatch ? name(shownMatch.groups!.prefix!, i) : name(match.groups!.prefix!, i)));
  }
  return mergeGgufShards(shards, displayPath);
}

/** One model from its shards, in order: the tensors of all, the metadata of the first (where llama.cpp writes the model's keys). */
export function mergeGgufShards(shards: readonly LoadedGguf[], displayPath: string): LoadedGguf {
  const first = shards[0]!;
  return {
    ...first,
    document: ggufDocument(displayPath),
    tensors: shards.flatMap((s) => s.tensors),
    fileBytes: shards.every((s) => s.fileBytes !== null) ? shards.reduce((sum, s) => sum + s.fileBytes!, 0) : null,
    complete: shards.every((s) => s.complete),
    files: shards.flatMap((s) => s.files),
  };
}
