/** One thing to analyze, resolved from a command-line argument. */
export interface Target {
  /** The argument as the user typed it (for globs and folders, the matched path). */
  input: string;
  kind: "file" | "directory" | "hub" | "cache" | "gguf";
  /** The config.json to read, as a filesystem path; null when resolution failed. */
  configPath: string | null;
  /** The path shown in findings: relative to the working directory where possible. */
  displayPath: string | null;
  /** Set when the argument could not be turned into something readable. */
  error: { code: string; message: string } | null;
}
