import { readFileSync } from "node:fs";
import { SourceError } from "../errors.js";
import type { ContentProblem } from "./read-config-document.js";
import { SourceDocument } from "./source-document.js";

/**
 * A model card (README.md): its text, and what the card parser makes of it. The card rules
 * (MC3xx, MC4xx) read it; Hub targets fill it from the downloaded README.md.
 */
export interface LoadedCard {
  document: SourceDocument;
  problem: ContentProblem | null;
}

/** Parse card text already in memory (a Hub download, a test). */
export function parseCardText(text: string, displayPath: string): LoadedCard {
  return { document: new SourceDocument(displayPath, text, undefined), problem: null };
}

/** Read a local README.md. Throws SourceError only when it cannot be read at all. */
export function readCardDocument(path: string, displayPath = path): LoadedCard {
  try {
    return parseCardText(readFileSync(path, "utf8"), displayPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SourceError(code === "ENOENT" ? "not-found" : "unreadable", `${displayPath}: ${code === "ENOENT" ? "no such file" : "cannot be read"}`);
  }
}
