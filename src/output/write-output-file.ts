import { writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { ensureFolder } from "./ensure-folder.js";

/** Plain words for the errors a report path meets, instead of bare codes. */
const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "not permitted",
  ENOTDIR: "a part of the path is a file, not a folder",
  EEXIST: "a part of the path exists but is not a folder",
  EISDIR: "it is a folder",
  EROFS: "read-only file system",
  ENOSPC: "no space left on the device",
  ENOENT: "its folder cannot be created",
};

/** Write a report or config file, creating its folders (ensure-folder.ts). Throws an Error whose message says why in words. */
export function writeOutputFile(path: string, text: string): void {
  try {
    ensureFolder(dirname(path));
    writeFileSync(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code && REASONS[code] ? REASONS[code] : (code ?? (error as Error).message));
  }
}
