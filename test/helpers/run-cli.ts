import { spawnSync } from "node:child_process";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..");
export const CLI = join(ROOT, "dist", "bin", "modelcheck.mjs");

/** Run the compiled CLI (npm test builds it first) and capture everything. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    encoding: "utf8",
    // Standard input for `-` targets; empty (not inherited) otherwise.
    input: options.input ?? "",
    maxBuffer: 64 * 1024 * 1024,
    // A hung CLI is killed (status null) rather than blocking the test worker.
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
