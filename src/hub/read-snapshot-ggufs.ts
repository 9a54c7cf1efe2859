import { readdirSync, type Dirent } from "node:fs";
import { join, relative, sep } from "node:path";
import { describeError } from "../errors.js";
import { readLocalGgufModel, type LoadedGguf } from "../sources/read-gguf-header.js";
import { selectHubGgufs, type HubGgufModel } from "./select-hub-ggufs.js";

/** One GGUF model of the audit: its header, or why it could not be read (a message without the path). */
export interface HubGgufResult {
  path: string;
  gguf: LoadedGguf | null;
  error: { code: string; message: string } | null;
}

/**
 * The GGUF models of a huggingface_hub snapshot (an offline audit), selected as online — a
 * `:TAG`, else at most the default number — and read from disk like local files.
 */
export async function readSnapshotGgufs(folder: string, tag: string | null | undefined): Promise<{ ggufs: HubGgufResult[]; notRead: string[] }> {
  const selection = selectHubGgufs(snapshotFiles(folder), tag);
  const ggufs = await Promise.all(selection.models.map((model) => readSnapshotGguf(folder, model)));
  return { ggufs, notRead: selection.notRead };
}

/** The files of a huggingface_hub snapshot, as repo paths (its folders hold symlinks into blobs/). */
function snapshotFiles(folder: string): string[] {
  try {
    return (readdirSync(folder, { recursive: true, withFileTypes: true }) as Dirent[])
      .filter((e) => !e.isDirectory())
      .map((e) => relative(folder, join(e.parentPath ?? (e as Dirent & { path: string }).path, e.name)).split(sep).join("/"));
  } catch {
    return [];
  }
}

/** A GGUF model of a snapshot, read from disk like a local file (every shard of a split model). */
async function readSnapshotGguf(folder: string, model: HubGgufModel): Promise<HubGgufResult> {
  try {
    return { path: model.path, gguf: await readLocalGgufModel(join(folder, ...model.path.split("/")), model.path), error: null };
  } catch (error) {
    const { code, message } = describeError(error);
    return { path: model.path, gguf: null, error: { code, message: message.startsWith(`${model.path}: `) ? message.slice(model.path.length + 2) : message } };
  }
}

