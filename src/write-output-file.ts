import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** Plain words for the errors a report path meets, instead of bare codes. */
const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "not permitted",
  ENOTDIR: "a part of the path is a file, not a folder",
  EEXIST: "a part of the path is a file, not a folder",
  EISDIR: "it is a folder",
  EROFS: "read-only file system",
  ENOSPC: "no space left on the device",
  ENOENT: "its folder cannot be created",
};

/**
 * Write a report or config file, creating its folders one level at a time. Node's recursive
 * mkdirSync spins forever where mkdir answers ENOENT for a folder whose parent exists (/proc);
 * walking down from the nearest existing ancestor fails once instead. Throws an Error whose message
 * says why in words.
 */
export function writeOutputFile(path: string, text: string): void {
  try {
    const missing: string[] = [];
    for (let dir = dirname(path); !existsSync(dir) && dirname(dir) !== dir; dir = dirname(dir)) missing.unshift(dir);
    for (const dir of missing) mkdirSync(dir);
    writeFileSync(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code && REASONS[code] ? REASONS[code] : (code ?? (error as Error).message));
  }
}
