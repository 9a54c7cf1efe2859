/**
 * Hub repo ids as users type them: `org/name`, `org/name@revision`, and with a GGUF selector as
 * llama.cpp (`-hf org/name:Q4_K_M`) and Ollama (`hf.co/org/name:Q4_K_M`) take it:
 * `org/name:Q4_K_M` or `org/name@revision:Q4_K_M` — the revision belongs to the repo, the tag picks
 * files inside it, so `:TAG` comes last (`org/name:TAG@rev` is refused with a hint). Validated
 * before any URL is built, because @huggingface/hub interpolates the repo name into paths
 * unencoded: only the characters the Hub itself allows get through, never `..`, `%`, `?`, `#` or a
 * third segment.
 */

/** One segment of a repo id, as huggingface_hub's validate_repo_id accepts it (ASCII, at most 96 characters). */
const SEGMENT = /^[A-Za-z0-9_](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9_])?$/;
/** Branches, tags, `refs/pr/N`, `refs/convert/...` and commit shas; git forbids the rest in ref names anyway. */
const REVISION = /^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;
const FULL_SHA = /^[0-9a-f]{40}$/;

export interface RepoRef {
  /** `org/name` */
  repo: string;
  /** The revision after `@`, or null for the default branch. */
  revision: string | null;
  /** The GGUF selector after `:`: a quant tag (`Q4_K_M`) or a file name; null (or absent) for the whole repo. */
  tag?: string | null;
}

/** Names that are surely local files, not repos: a missing `configs/model.json` is a typo, not a Hub request. */
const FILE_EXTENSION = /\.(json|md|safetensors|gguf|ya?ml|txt|bin|pt|pth|ckpt|onnx|h5|keras|pkl)$/i;

/** A GGUF selector: a quant tag or a file name, optionally under a folder; never `..`. */
const TAG = /^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

/** True for strings shaped like a Hub repo id (with an optional `@rev` and `:TAG`); says nothing about validity. */
export function looksLikeRepoId(input: string): boolean {
  const repo = input.split("@")[0]!.split(":")[0]!;
  return /^[^/\s@]+\/[^/\s@]+(@\S*)?$/.test(input.replace(/:[^@]*(?=@|$)/, "")) && !input.startsWith(".") && !FILE_EXTENSION.test(repo);
}

/** Parse `org/name[@rev][:TAG]`; throws an Error whose message says what is wrong (one line, no stack needed). */
export function parseRepoRef(input: string): RepoRef {
  const at = input.indexOf("@");
  const head = at === -1 ? input : input.slice(0, at);
  const colon = head.indexOf(":");
  if (colon !== -1 && at !== -1) {
    throw new Error(`"${clip(input)}": put the revision before the GGUF tag, as org/name@revision:TAG (here ${clip(head.slice(0, colon))}@${clip(input.slice(at + 1))}:${clip(head.slice(colon + 1))})`);
  }
  let repo = head;
  let revision: string | null = null;
  let tag: string | null = null;
  if (colon !== -1) {
    repo = head.slice(0, colon);
    tag = head.slice(colon + 1);
  } else if (at !== -1) {
    const rest = input.slice(at + 1);
    const sep = rest.indexOf(":");
    revision = sep === -1 ? rest : rest.slice(0, sep);
    if (sep !== -1) tag = rest.slice(sep + 1);
  }
  const problem = repoIdProblem(repo) ?? (revision === null ? null : revisionProblem(revision)) ?? (tag === null ? null : tagProblem(tag));
  if (problem) throw new Error(problem);
  return { repo, revision, tag };
}

/** Why a GGUF selector cannot be used, or null when it is fine. */
export function tagProblem(tag: string): string | null {
  if (tag === "") return "empty GGUF tag after : (expected a quant type such as Q4_K_M, or a file name)";
  if (tag.length > 255) return "GGUF tag is longer than 255 characters";
  if (!TAG.test(tag)) return `GGUF tag "${clip(tag)}" may only hold letters, digits, "-", "_", "." and "/" between names`;
  if (tag.split("/").some((part) => part === "." || part === ".." || part.includes(".."))) return `GGUF tag "${clip(tag)}" may not contain ".."`;
  return null;
}

/** Why a repo id is not one the Hub could hold, or null when it is fine. */
export function repoIdProblem(repo: string): string | null {
  const parts = repo.split("/");
  if (parts.length !== 2) return `"${clip(repo)}" is not a Hub repo id (expected org/name)`;
  for (const part of parts) {
    if (!SEGMENT.test(part)) return `"${clip(repo)}" is not a valid Hub repo id: "${clip(part)}" may only hold letters, digits, "-", "_" and "." (at most 96, not at either end)`;
    if (part.includes("..") || part.includes("--")) return `"${clip(repo)}" is not a valid Hub repo id: ".." and "--" are not allowed`;
  }
  if (repo.endsWith(".git")) return `"${clip(repo)}" is not a valid Hub repo id: it may not end in .git`;
  return null;
}

/** Why a revision cannot be sent, or null when it is fine. The library URL-encodes it; this keeps out traversal and junk. */
export function revisionProblem(revision: string): string | null {
  if (revision === "") return "empty revision after @";
  if (revision.length > 255) return "revision is longer than 255 characters";
  if (!REVISION.test(revision)) return `revision "${clip(revision)}" may only hold letters, digits, "-", "_", "." and "/" between names`;
  if (revision.split("/").some((part) => part === "." || part === ".." || part.includes(".."))) return `revision "${clip(revision)}" may not contain ".."`;
  return null;
}

/** A full commit sha: the only revision whose content can never change, so cached documents stay valid. */
export function isFullSha(revision: string): boolean {
  return FULL_SHA.test(revision);
}

function clip(s: string): string {
  const printable = s.replace(/[\u0000-\u001f\u007f]/g, "?");
  return printable.length > 80 ? `${printable.slice(0, 77)}...` : printable;
}
