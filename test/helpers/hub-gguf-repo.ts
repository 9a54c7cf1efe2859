import { createHash } from "node:crypto";
import { ggufHeader, type GgufTestFile } from "./write-gguf.js";

/**
 * A Hub repo for test/helpers/hub-simulator.mjs built in memory, for GGUF tests: `.gguf` entries are
 * LFS files served from their header bytes (ggufHeader in write-gguf.ts; everything past the header
 * is tensor data, which the simulator serves as zeros and counts in `stats.weightBytes`); other
 * entries are small git files (JSON objects are serialized). The model info follows the live Hub's
 * shape, with `gguf` (expand=gguf) when given.
 */
export interface SimulatorRepo {
  id: string;
  sha: string;
  gated: false | "auto" | "manual";
  private: boolean;
  info: Record<string, unknown>;
  files: Map<string, { bytes: Buffer; size: number; lfs: boolean; etag: string }>;
}

export interface GgufRepoSpec {
  /** Repo path → a GGUF spec (served as its header, LFS), raw bytes for a `.gguf` (a hostile file), or a small file's JSON or text. */
  files: Record<string, GgufTestFile | Buffer | Record<string, unknown> | string>;
  /** Files served but left out of the model info's siblings. */
  unlisted?: string[];
  /** The model info's `gguf` field. */
  gguf?: { total: number; architecture?: string; context_length?: number };
  gated?: false | "auto" | "manual";
}

/** The data offset of each GGUF file of a spec: where its tensor data starts (the header's padded end). */
export function dataOffsets(spec: GgufRepoSpec): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, content] of Object.entries(spec.files)) {
    if (name.endsWith(".gguf") && typeof content === "object" && "tensors" in content) out[name] = ggufHeader(content as GgufTestFile).header.length;
  }
  return out;
}

export function ggufRepo(id: string, spec: GgufRepoSpec): SimulatorRepo {
  const sha = createHash("sha1").update(`modelcheck gguf fixture ${id}`).digest("hex");
  const files: SimulatorRepo["files"] = new Map();
  for (const [name, content] of Object.entries(spec.files)) {
    if (name.endsWith(".gguf") && typeof content === "object" && "tensors" in content) {
      const { header, fullSize } = ggufHeader(content as GgufTestFile);
      files.set(name, { bytes: header, size: fullSize, lfs: true, etag: createHash("sha256").update(name).update(sha).digest("hex") });
    } else if (name.endsWith(".gguf") && Buffer.isBuffer(content)) {
      files.set(name, { bytes: content, size: content.length, lfs: true, etag: createHash("sha256").update(name).update(sha).digest("hex") });
    } else {
      const bytes = Buffer.isBuffer(content) ? content : Buffer.from(typeof content === "string" ? content : JSON.stringify(content, null, 2));
      files.set(name, { bytes, size: bytes.length, lfs: false, etag: createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex") });
    }
  }
  const listed = [...files.keys()].filter((f) => !(spec.unlisted ?? []).includes(f)).sort();
  const info: Record<string, unknown> = {
    _id: sha.slice(0, 24),
    id,
    private: false,
    pipeline_tag: "text-generation",
    library_name: "gguf",
    gated: spec.gated ?? false,
    tags: ["gguf", "llama"],
    downloads: 0,
    likes: 0,
    lastModified: "2025-01-01T00:00:00.000Z",
    sha,
    siblings: listed.map((rfilename) => ({ rfilename })),
  };
  if (spec.gguf) info.gguf = spec.gguf;
  return { id, sha, gated: spec.gated ?? false, private: false, info, files };
}
