/**
 * Hub repo ids as users type them: `org/name` or `org/name@revision`. Validated before any URL is
 * built, because @huggingface/hub interpolates the repo name into paths unencoded: only the
 * characters the Hub itself allows get through, never `..`, `%`, `?`, `#` or a third segment.
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
}

/** Names that are surely local files, not repos: a missing `configs/model.json` is a typo, not a Hub request. */
const FILE_EXTENSION = /\.(json|md|safetensors|gguf|ya?ml|txt|bin|pt|pth|ckpt)$/i;

/** True for strings shaped like a Hub repo id (with an optional `@rev`); says nothing about validity. */
export function looksLikeRepoId(input: string): boolean {
  return /^[^/\s@]+\/[^/\s@]+(@\S*)?$/.test(input) && !input.startsWith(".") && !FILE_EXTENSION.test(input.split("@")[0]!);
}

/** Parse `org/name[@rev]`; throws an Error whose message says what is wrong (one line, no stack needed). */
export function parseRepoRef(input: string): RepoRef {
  const at = input.indexOf("@");
  const repo = at === -1 ? input : input.slice(0, at);
  const revision = at === -1 ? null : input.slice(at + 1);
  const problem = repoIdProblem(repo) ?? (revision === null ? null : revisionProblem(revision));
  if (problem) throw new Error(problem);
  return { repo, revision };
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
