import { GGUF_SHARD } from "../sources/read-gguf-header.js";
import { matchesSelector, quantTagOf } from "../format/gguf-quant-tag.js";
import { HubError } from "./hub-error.js";

/**
 * Which GGUF files of a repo an audit reads, from the model info's file list (no request).
 *
 * Each GGUF model is one result: a file, or a split model (`name-00001-of-00003.gguf`, llama.cpp's
 * gguf-split naming) read as one from all its shards. With a selector (`org/name:Q4_K_M`), the
 * models it matches (gguf-quant-tag.ts); an unknown tag is an error listing the tags there are.
 * Without one, at most MAX_DEFAULT_GGUF_MODELS: a GGUF header holds the tokenizer's vocabulary
 * (1–10 MB), and "-GGUF" repos hold one file per quant type, often 20 or more, which differ only in
 * their tensor types. Q4_K_M comes first (the tag llama.cpp and Ollama pick when none is given),
 * then the others in path order; the rest are named in `notRead` (rule MC510 says how to pick them).
 */

/** GGUF models read per repo when no tag is given. */
export const MAX_DEFAULT_GGUF_MODELS = 4;
/** The tag llama.cpp's `-hf` and Ollama use when none is given. */
const DEFAULT_TAG = "Q4_K_M";

export interface HubGgufModel {
  /** The file, or the first shard of a split model: the result's name. */
  path: string;
  /** Every file of the model, in order (the file alone, or every shard the name implies). */
  shards: string[];
}

export interface HubGgufSelection {
  /** The models to read, in path order. */
  models: HubGgufModel[];
  /** Models not read (over the default cap), in path order. */
  notRead: string[];
}

/** The GGUF models of a file list: single files, and split models by their shard names. */
export function ggufModelsIn(files: readonly string[]): HubGgufModel[] {
  const models = new Map<string, HubGgufModel>();
  for (const path of files) {
    if (!path.toLowerCase().endsWith(".gguf")) continue;
    if (path.split("/").some((part) => part.startsWith("."))) continue;
    const shard = GGUF_SHARD.exec(path);
    const total = shard ? Number(shard.groups!.total) : 1;
    if (!shard || total <= 1 || total > 10_000) {
      models.set(path, { path, shards: [path] });
      continue;
    }
    const key = `${shard.groups!.prefix}|${shard.groups!.total}`;
    if (models.has(key)) continue;
    const shards = Array.from({ length: total }, (_, i) => `${shard.groups!.prefix}-${String(i + 1).padStart(5, "0")}-of-${shard.groups!.total}.gguf`);
    models.set(key, { path: shards[0]!, shards });
  }
  return [...models.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Select the models to read. Throws HubError("gguf-tag-not-found") for a tag nothing matches. */
export function selectHubGgufs(files: readonly string[], tag: string | null | undefined): HubGgufSelection {
  const all = ggufModelsIn(files);
  if (tag) {
    const models = all.filter((m) => matchesSelector(m.path, tag, m.shards));
    if (models.length > 0) return { models, notRead: [] };
    if (all.length === 0) throw new HubError("gguf-tag-not-found", `":${tag}" selects GGUF files, but the repo holds none at this revision`);
    throw new HubError("gguf-tag-not-found", `no GGUF file matches ":${tag}" (a quant tag, or a file name ending in .gguf); available: ${availableTags(all)}`);
  }
  if (all.length <= MAX_DEFAULT_GGUF_MODELS) return { models: all, notRead: [] };
  const preferred = [...all.filter((m) => quantTagOf(m.path) === DEFAULT_TAG), ...all.filter((m) => quantTagOf(m.path) !== DEFAULT_TAG)];
  const read = new Set(preferred.slice(0, MAX_DEFAULT_GGUF_MODELS));
  return { models: all.filter((m) => read.has(m)), notRead: all.filter((m) => !read.has(m)).map((m) => m.path) };
}

/** "Q2_K, Q4_K_M, Q8_0" — the tags of the models, once each, with untagged files by name. */
export function availableTags(models: readonly HubGgufModel[]): string {
  const seen = new Set<string>();
  for (const m of models) seen.add(quantTagOf(m.path) ?? m.path);
  const list = [...seen];
  return list.length > 20 ? `${list.slice(0, 20).join(", ")} and ${list.length - 20} more` : list.join(", ");
}
