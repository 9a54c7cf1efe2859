import { closeSync, constants, fstatSync, openSync } from "node:fs";

/** The code of the error thrown for a path that is not a regular file (a FIFO, socket or device). */
export const NOT_A_FILE = "ENOTREG";
/** What that code means, for messages. */
export const NOT_A_FILE_REASON = "not a regular file: a pipe, socket or device";

// Non-blocking, so opening a FIFO returns at once instead of waiting for a writer that never comes;
// regular files read the same either way. (Windows has no O_NONBLOCK, and no FIFOs in folders.)
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Open a file for reading and return its descriptor and size; throws the open's error (ENOENT,
 * EACCES, EISDIR…), or one with code NOT_A_FILE for anything but a regular file, already closed.
 * Reading a FIFO named config.json or README.md would otherwise hang the whole run.
 */
export function openRegularFile(path: string): { fd: number; size: number } {
  const fd = openSync(path, FLAGS);
  let stats;
  try {
    stats = fstatSync(fd);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  if (stats.isFile()) return { fd, size: stats.size };
  closeSync(fd);
  throw Object.assign(new Error(`${path}: ${NOT_A_FILE_REASON}`), { code: stats.isDirectory() ? "EISDIR" : NOT_A_FILE });
}
