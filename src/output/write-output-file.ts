import { closeSync, constants, fsyncSync, openSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { ensureFolder } from "./ensure-folder.js";
import { discardTemporary, temporaryBeside, writeAll, writeFileAtomic } from "./write-atomic.js";

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
    throw inWords(error);
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

/**
 * A report file written piece by piece as results arrive (folders created first). Like
 * writeOutputFile it is atomic: the pieces go to a temporary file beside it, renamed over the path
 * at close, so a killed run leaves the previous report, never a torn one. Errors in words, as above.
 */
export function openOutputFile(path: string): { write(text: string): void; close(): void; abort(): void } {
  let fd: number;
  const special = isSpecialFile(path);
  const temporary = special ? path : temporaryBeside(path);
  try {
    ensureFolder(dirname(path));
    fd = special ? openSync(path, "w") : openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  } catch (error) {
    throw inWords(error);
  }
  return {
    write(text) {
      try {
        writeAll(fd, text);
      } catch (error) {
        discard();
        throw inWords(error);
      }
    },
    close() {
      try {
        if (!special) fsyncSync(fd);
        closeSync(fd);
        if (!special) renameSync(temporary, path);
      } catch (error) {
        discard();
        throw inWords(error);
      }
    },
    /** The run failed: drop the temporary file, leaving the previous report in place. */
    abort: () => discard(),
  };
  function discard(): void {
    if (!special) return discardTemporary(fd, temporary);
    try {
      closeSync(fd);
    } catch {
      // Already closed.
    }
  }
}

function inWords(error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  return new Error(code && REASONS[code] ? REASONS[code] : (code ?? (error as Error).message));
}
