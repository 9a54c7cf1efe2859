import { closeSync } from "node:fs";
import { NOT_A_FILE, NOT_A_FILE_REASON, openRegularFile } from "./open-regular-file.js";
import { readFully } from "./read-fully.js";

/** What reading a small document (a card, a results file, an index) gave: its bytes, or why not. */
export type BoundedRead =
  | { kind: "bytes"; bytes: Buffer }
  | { kind: "missing" }
  | { kind: "too-large"; size: number }
  | { kind: "unreadable"; reason: string };

/**
 * Read a whole regular file of at most `maxBytes`, never more: a larger one is refused from its
 * size before any allocation, and a FIFO or device is refused without reading (openRegularFile).
 * Never throws; "missing" is a file (or a folder on its path) that does not exist.
 */
export function readBoundedFile(path: string, maxBytes: number): BoundedRead {
  let fd: number;
  let size: number;
  try {
    ({ fd, size } = openRegularFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing" };
    return { kind: "unreadable", reason: reasonOf(code) };
  }
  try {
    if (size > maxBytes) return { kind: "too-large", size };
    const bytes = Buffer.allocUnsafe(size);
    return { kind: "bytes", bytes: bytes.subarray(0, readFully(fd, bytes, 0, 0)) };
  } catch (error) {
    return { kind: "unreadable", reason: reasonOf((error as NodeJS.ErrnoException).code) };
  } finally {
    closeSync(fd);
  }
}

function reasonOf(code: string | undefined): string {
  if (code === NOT_A_FILE) return NOT_A_FILE_REASON;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a directory";
  return code ?? "unknown error";
}
