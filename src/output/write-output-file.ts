import { statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { ensureFolder } from "./ensure-folder.js";
import { writeFileAtomic } from "./write-atomic.js";

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

/**
 * Write a report, baseline or config file atomically (write-atomic.ts: a killed run leaves the old
 * file or the new one, never a torn one), creating its folders (ensure-folder.ts). Throws an Error whose message says why in words. */
export function writeOutputFile(path: string, text: string): void {
  try {
    ensureFolder(dirname(path));
    // A device or pipe (-o /dev/stdout) cannot be renamed over: it is written in place.
    if (isSpecialFile(path)) writeFileSync(path, text);
    else writeFileAtomic(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code && REASONS[code] ? REASONS[code] : (code ?? (error as Error).message));
  }
}

function isSpecialFile(path: string): boolean {
  try {
    const stat = statSync(path);
    return !stat.isFile() && !stat.isDirectory();
  } catch {
    return false;
  }
}
