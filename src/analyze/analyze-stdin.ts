import { failedResult } from "./analyze-config-file.js";
import { analyzeDocuments, type AnalysisSettings } from "./analyze-documents.js";
import { describeError } from "../errors.js";
import type { TargetResult } from "./report.js";
import { parseCardBytes } from "../sources/read-card-document.js";
import { parseConfigBytes } from "../sources/read-config-document.js";

/** What `-` reads: the bytes of standard input, and the name to report them under (`--stdin-filename`). */
export interface StdinDocument {
  bytes: Uint8Array;
  /** A `.md` name makes the text a model card; anything else is a config. Shown in findings; `<stdin>` when absent. */
  filename?: string;
}

/** Analyze the document given on standard input as a config, or as a card when its name ends in `.md`. */
export function analyzeStdin(input: string, stdin: StdinDocument | undefined, settings: AnalysisSettings): TargetResult {
  if (!stdin) return failedResult(input, "file", { code: "not-found", message: `${input}: standard input was not read (pass stdin in the analyze options)` });
  const shown = stdin.filename ?? "<stdin>";
  const name = (stdin.filename?.split(/[\\/]/).pop() ?? "stdin").replace(/\.(json|md)$/i, "");
  try {
    if (/\.md$/i.test(shown)) return analyzeDocuments({ config: null, name, card: parseCardBytes(stdin.bytes, shown) }, { input, kind: "file", revision: null }, settings);
    return analyzeDocuments({ config: parseConfigBytes(stdin.bytes, shown), name }, { input, kind: "file", revision: null }, settings);
  } catch (error) {
    return failedResult(input, "file", describeError(error));
  }
}
