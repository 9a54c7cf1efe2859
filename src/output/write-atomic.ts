import { closeSync, constants, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export interface AtomicWriteOptions {
  /** File mode of the new file (default 0o644 before the umask); 0o600 for cache entries. */
  mode?: number;
  /** fsync the data before the rename (default true): a crash then leaves the old file or the new one. */
  sync?: boolean;
}

/**
 * Write `text` to `path` so that readers, and a run killed mid-write, only ever see the previous
 * file or the complete new one: the bytes go to a temporary file in the same folder (same file
 * system, so the rename is atomic), are flushed, then renamed over `path`. The folder must exist.
 */
export function writeFileAtomic(path: string, text: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const temporary = temporaryBeside(path);
  const fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, options.mode ?? 0o644);
  try {
    writeAll(fd, text);
    if (options.sync !== false) fsyncSync(fd);
    closeSync(fd);
    renameSync(temporary, path);
  } catch (error) {
    discardTemporary(fd, temporary);
    throw error;
  }
}

/** A fresh temporary name in the folder of `path` (same file system, so renaming it over `path` is atomic). */
export function temporaryBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
}

/** All of `text`, however many writes it takes. */
export function writeAll(fd: number, text: string | Uint8Array): void {
  const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** Close (if still open) and remove a temporary file after a failed write. */
export function discardTemporary(fd: number, temporary: string): void {
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
  try {
    unlinkSync(temporary);
  } catch {
    // Nothing to clean up.
  }
}
