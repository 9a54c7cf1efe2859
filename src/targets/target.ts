/** One thing to analyze, resolved from a command-line argument. */
export interface Target {
  /** The argument as the user typed it (for globs, the matched path). */
  input: string;
  kind: "file" | "directory" | "hub" | "cache" | "gguf";
  /** The config.json to read, or the folder to search, as a filesystem path; null when resolution failed. */
  path: string | null;
  /** For Hub repo ids: the validated repo, the revision after `@` (null for the default branch) and the GGUF tag after `:`. */
  hub?: { repo: string; revision: string | null; tag?: string | null };
  /** True for `-`: the document comes from standard input (path is null). */
  stdin?: boolean;
  /** Set when the argument could not be turned into something readable. */
  error: { code: string; message: string } | null;
}
