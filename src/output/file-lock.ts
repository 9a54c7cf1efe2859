import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";

/** How long a run waits for another run's lock before giving up with a clear error. */
export const LOCK_WAIT_MS = 30_000;
/** A lock older than this is left over from a killed run (an update takes well under a second). */
export const STALE_LOCK_MS = 120_000;

/**
 * Run `work` holding `${path}.lock`, created exclusively (O_EXCL), so two runs updating the same
 * file take turns instead of one overwriting the other. A lock whose process is gone, or that is
 * older than STALE_LOCK_MS, is taken over. Throws an Error after LOCK_WAIT_MS.
 */
export function withFileLock<T>(path: string, work: () => T, waitMs = LOCK_WAIT_MS): T {
  const lock = `${path}.lock`;
  const deadline = Date.now() + waitMs;
  let fd: number | null = null;
  for (let pause = 5; fd === null; pause = Math.min(pause * 2, 200)) {
    try {
      fd = openSync(lock, "wx", 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (isStale(lock)) {
        try {
          unlinkSync(lock);
        } catch {
          // Another run took it over first.
        }
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${lock} is held by another run (remove it if no modelcheck is running)`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pause);
    }
  }
  try {
    writeSync(fd, `${process.pid}\n`);
    return work();
  } finally {
    closeSync(fd);
    try {
      unlinkSync(lock);
    } catch {
      // Already gone.
    }
  }
}

function isStale(lock: string): boolean {
  try {
    if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) return true;
    const pid = Number(readFileSync(lock, "utf8").trim());
    if (!Number.isInteger(pid) || pid <= 0) return false; // Being written right now.
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
