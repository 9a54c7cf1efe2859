/**
 * Hub references as users paste them: `hf://org/name` (huggingface_hub's HfFileSystem) and the
 * page URLs `https://huggingface.co/org/name`, `…/tree/<rev>` and `…/blob/<rev>/<path>` (or
 * `…/resolve/<rev>/<path>`). Rewritten to the `org/name[@rev][:file.gguf]` form parseRepoRef
 * validates, so a pasted URL goes through the same checks as a typed id. A file path picks a GGUF
 * file; any other file (config.json, README.md) is read with the repo anyway, so only its
 * revision is kept. Null when the input is not such a URL.
 */
const URL_PREFIX = /^(?:hf:\/\/|https?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)\/)/i;

export type HubUrlResult = { ref: string } | { problem: string } | null;

export function hubUrlToRef(input: string): HubUrlResult {
  const prefix = URL_PREFIX.exec(input);
  if (!prefix) return null;
  const rest = input.slice(prefix[0].length).replace(/[?#].*$/, "").replace(/\/+$/, "");
  const parts = rest.split("/");
  if (parts[0] === "datasets" || parts[0] === "spaces") return { problem: `${input}: a ${parts[0] === "datasets" ? "dataset" : "Space"}, not a model repo` };
  if (parts.length < 2 || parts[0] === "" || parts[1] === "") return { problem: `${input}: expected a model repo URL such as https://huggingface.co/org/name` };
  const repo = `${parts[0]}/${parts[1]}`;
  if (parts.length === 2) return { ref: repo };
  const [, , kind, revision, ...path] = parts;
  if ((kind !== "tree" && kind !== "blob" && kind !== "resolve") || !revision) {
    return { problem: `${input}: expected …/org/name, …/tree/<revision> or …/blob/<revision>/<file>` };
  }
  // The page URL encodes a ref such as refs/pr/1 as refs%2Fpr%2F1.
  const rev = safeDecode(revision);
  const file = path.join("/");
  return { ref: /\.gguf$/i.test(file) ? `${repo}@${rev}:${file}` : `${repo}@${rev}` };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
