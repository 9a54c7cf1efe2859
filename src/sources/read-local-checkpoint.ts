import { closeSync, readdirSync, readSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { SourceError } from "../errors.js";
import type { CheckpointProblem, CheckpointTensor, LoadedCheckpoint } from "./checkpoint.js";
import { parseSafetensorsHeader, readHeaderLength, SafetensorsHeaderError } from "./parse-safetensors-header.js";
import { SourceDocument } from "./source-document.js";
import { readFully } from "./read-fully.js";
import { NOT_A_FILE, NOT_A_FILE_REASON, openRegularFile } from "./open-regular-file.js";
import { readBoundedFile } from "./read-bounded-file.js";

/**
 * Local safetensors checkpoints: a folder's `model.safetensors`, its sharded
 * `model.safetensors.index.json` and shards, or other `*.safetensors` names; and a lone file or
 * index given as a target. Only the 8-byte length and the JSON header of each file are read, never
 * a byte of weights. Content problems become `problems` (rule MC500), never exceptions.
 */

const SINGLE = "model.safetensors";
const INDEX = "model.safetensors.index.json";
/** Indexes are a few MB even for 1T-parameter models; anything far larger is not one. */
const MAX_INDEX_BYTES = 64 * 1024 * 1024;
/** Far above any real model (DeepSeek-V3 has 163 shards); stops a crafted index from opening millions of files. */
const MAX_SHARDS = 10_000;
/** Weight formats modelcheck does not read: they are pickles or framework archives, not headers. */
// .gguf files are not listed: they are read as targets of their own (analyze-gguf.ts), reconciled with the config beside them.
const UNREAD_WEIGHTS = /\.(bin|pt|pth|ckpt|h5|msgpack|onnx|pdparams)$/i;

export interface WeightFiles {
  /** `*.safetensors` files. */
  safetensors: string[];
  /** `*.safetensors.index.json` files. */
  indexes: string[];
  /** Weights modelcheck cannot read (pytorch_model.bin, *.pt, ...). */
  unread: string[];
}

/** Sort a folder's file names into weight files; names of other files are ignored. */
export function classifyWeightFiles(names: readonly string[]): WeightFiles {
  const out: WeightFiles = { safetensors: [], indexes: [], unread: [] };
  for (const name of names) {
    if (name.endsWith(".safetensors")) out.safetensors.push(name);
    else if (name.endsWith(".safetensors.index.json")) out.indexes.push(name);
    else if (UNREAD_WEIGHTS.test(name) || name.endsWith(".bin.index.json")) out.unread.push(name);
  }
  out.safetensors.sort();
  out.indexes.sort();
  out.unread.sort();
  return out;
}

/** The names in a folder, or null when it cannot be listed. */
export function listFolder(folder: string): string[] | null {
  try {
    return readdirSync(folder);
  } catch {
    return null;
  }
}

/** Join a shown folder path and a file name the way the folder walk shows paths. */
function shownChild(shown: string, name: string): string {
  return shown === "." || shown === "" ? name : `${shown.replace(/\/$/, "")}/${name}`;
}

/**
 * The checkpoint of a model folder, choosing the files transformers would load: `model.safetensors`,
 * else `model.safetensors.index.json`, else a single other `*.safetensors.index.json`, else every
 * `*.safetensors` file (a PEFT adapter's `adapter_model*.safetensors` only when there is nothing else). `names` is the folder listing when the caller already has it. Null when the
 * folder holds no safetensors files.
 */
export function readLocalCheckpoint(folder: string, shown: string, names?: readonly string[], options: { adapter?: "exclude" | "only" } = {}): LoadedCheckpoint | null {
  const listing = names ?? listFolder(folder);
  if (!listing) return null;
  const files = classifyWeightFiles(listing);
  if (options.adapter) {
    // A folder holding a model and a PEFT adapter: each gets its own files.
    const isAdapter = (n: string) => n.startsWith("adapter_model");
    const keep = (n: string) => isAdapter(n) === (options.adapter === "only");
    files.safetensors = files.safetensors.filter(keep);
    files.indexes = files.indexes.filter(keep);
  }
  if (files.safetensors.includes(SINGLE)) return readSingleFiles(folder, [SINGLE], shownChild(shown, SINGLE));
  if (files.indexes.includes(INDEX)) return readIndexedCheckpoint(folder, INDEX, shown);
  if (files.indexes.length === 1) return readIndexedCheckpoint(folder, files.indexes[0]!, shown);
  // A PEFT adapter's weights are not the model's checkpoint when the folder holds others.
  const model = files.safetensors.filter((n) => !n.startsWith("adapter_model"));
  const chosen = model.length ? model : files.safetensors;
  if (chosen.length === 0) return null;
  const shownDoc = chosen.length === 1 ? shownChild(shown, chosen[0]!) : shown;
  return readSingleFiles(folder, chosen, shownDoc);
}

/**
 * A lone `*.safetensors` file or `*.safetensors.index.json` given as a target. Throws SourceError
 * only when the file itself cannot be opened (a failed target); everything else is a problem.
 */
export function readCheckpointFile(path: string, shown: string): LoadedCheckpoint {
  const folder = dirname(path);
  const shownFolder = shown.includes("/") ? shown.slice(0, shown.lastIndexOf("/")) : ".";
  let checkpoint: LoadedCheckpoint;
  if (path.endsWith(".index.json")) checkpoint = readIndexedCheckpoint(folder, basename(path), shownFolder, shown);
  else checkpoint = readSingleFiles(folder, [basename(path)], shown);
  const first = checkpoint.problems?.[0];
  if (first?.fatal && first.file === basename(path) && /^(no such file|permission denied|cannot be read)/.test(first.message)) {
    throw new SourceError(first.message.startsWith("no such") ? "not-found" : "unreadable", `${shown}: ${first.message}`);
  }
  return checkpoint;
}

function readSingleFiles(folder: string, names: string[], shownDoc: string): LoadedCheckpoint {
  const tensors: CheckpointTensor[] = [];
  const problems: CheckpointProblem[] = [];
  for (const name of names) readHeaderInto(join(folder, name), name, tensors, problems);
  return { source: "safetensors", files: names, tensors, document: new SourceDocument(shownDoc, "", undefined), problems };
}

function readIndexedCheckpoint(folder: string, indexName: string, shown: string, shownIndex = shownChild(shown, indexName)): LoadedCheckpoint {
  const problems: CheckpointProblem[] = [];
  const tensors: CheckpointTensor[] = [];
  const fail = (message: string, text = ""): LoadedCheckpoint => {
    problems.push({ file: indexName, message, fatal: true });
    return { source: "safetensors", files: [], tensors, document: new SourceDocument(shownIndex, text, undefined), problems };
  };
  let text: string;
  try {
    text = readSmallFile(join(folder, indexName), MAX_INDEX_BYTES);
  } catch (error) {
    return fail(describeReadError(error));
  }
  let index: unknown;
  try {
    index = JSON.parse(text);
  } catch {
    return fail("index is not valid JSON", text);
  }
  const weightMap = (index as { weight_map?: unknown } | null)?.weight_map;
  if (weightMap === null || typeof weightMap !== "object" || Array.isArray(weightMap)) return fail("index has no weight_map object", text);
  const byShard = new Map<string, Set<string>>();
  for (const [tensor, shard] of Object.entries(weightMap as Record<string, unknown>)) {
    if (typeof shard !== "string" || !/^[^/\\]+\.safetensors$/.test(shard) || shard.startsWith(".")) {
      return fail(`weight_map names ${JSON.stringify(String(shard)).slice(0, 80)} for "${tensor.slice(0, 80)}": a shard must be a .safetensors file in the same folder`, text);
    }
    let set = byShard.get(shard);
    if (!set) {
      if (byShard.size >= MAX_SHARDS) return fail(`weight_map names more than ${MAX_SHARDS} shards`, text);
      byShard.set(shard, (set = new Set()));
    }
    set.add(tensor);
  }
  const document = new SourceDocument(shownIndex, text, index);
  const files = [...byShard.keys()];
  for (const shard of files) {
    const start = tensors.length;
    readHeaderInto(join(folder, shard), shard, tensors, problems);
    if (problems.some((p) => p.fatal && p.file === shard)) continue;
    const listed = byShard.get(shard)!;
    const held = new Set<string>();
    for (let k = start; k < tensors.length; k++) held.add(tensors[k]!.name);
    const absent = [...listed].filter((t) => !held.has(t));
    if (absent.length) problems.push({ file: shard, message: `the index lists ${absent.length} tensor${absent.length === 1 ? "" : "s"} in ${shard} that its header does not hold (${absent.slice(0, 3).join(", ")}${absent.length > 3 ? ", ..." : ""})`, fatal: false });
    const unlisted = [...held].filter((t) => !listed.has(t));
    if (unlisted.length) problems.push({ file: shard, message: `${shard} holds ${unlisted.length} tensor${unlisted.length === 1 ? "" : "s"} the index does not list (${unlisted.slice(0, 3).join(", ")}${unlisted.length > 3 ? ", ..." : ""})`, fatal: false });
  }
  return { source: "safetensors", files, tensors, document, problems };
}

/** Read one file's header into `tensors`; a problem instead when it cannot be read or parsed. */
function readHeaderInto(path: string, name: string, tensors: CheckpointTensor[], problems: CheckpointProblem[]): void {
  let fd: number;
  let size: number;
  try {
    ({ fd, size } = openRegularFile(path));
  } catch (error) {
    problems.push({ file: name, message: describeReadError(error), fatal: true });
    return;
  }
  try {
    const first = Buffer.alloc(8);
    const got = readSync(fd, first, 0, 8, 0);
    const length = readHeaderLength(first.subarray(0, got), size);
    const header = Buffer.allocUnsafe(length);
    const filled = readFully(fd, header, 0, 8);
    if (filled < length) throw new SafetensorsHeaderError(`header is ${length} bytes but the file ends after ${filled}: truncated`);
    const parsed = parseSafetensorsHeader(header, name, size);
    for (const t of parsed.tensors) tensors.push(t);
  } catch (error) {
    const message = error instanceof SafetensorsHeaderError ? error.message : describeReadError(error);
    problems.push({ file: name, message, fatal: true });
  } finally {
    closeSync(fd);
  }
}

function readSmallFile(path: string, limit: number): string {
  const read = readBoundedFile(path, limit);
  if (read.kind === "bytes") return read.bytes.toString("utf8");
  if (read.kind === "too-large") throw new SafetensorsHeaderError(`file is ${(read.size / (1024 * 1024)).toFixed(1)} MiB, over the ${limit / (1024 * 1024)} MiB limit for an index`);
  if (read.kind === "missing") throw Object.assign(new Error("no such file"), { code: "ENOENT" });
  throw new SafetensorsHeaderError(read.reason === "permission denied" ? read.reason : `cannot be read (${read.reason})`);
}

function describeReadError(error: unknown): string {
  if (error instanceof SafetensorsHeaderError) return error.message;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "cannot be read (is a directory)";
  if (code === NOT_A_FILE) return NOT_A_FILE_REASON;
  return `cannot be read (${code ?? "unknown error"})`;
}
