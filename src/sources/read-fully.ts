import { readSync } from "node:fs";

/**
 * Fill `target` from `start` to its end with the file's bytes from `position` on, looping because a
 * single readSync may return less than asked. Returns the bytes filled: fewer when the file ends first.
 */
export function readFully(fd: number, target: Uint8Array, start: number, position: number): number {
  let filled = start;
  while (filled < target.length) {
    const n = readSync(fd, target, filled, target.length - filled, position + filled - start);
    if (n === 0) break;
    filled += n;
  }
  return filled;
}
