import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createBaseline, updateBaseline } from "../../src/baseline/baseline.js";
import { withFileLock } from "../../src/output/file-lock.js";
import { finding, okResult, reportOf } from "../reporters/fixture-report.js";

const where = { cwd: "/repo", baselineDir: "/repo" };
const failed = (target: string) => ({ ...okResult(target, []), status: "failed" as const, error: { code: "hub-unreachable", message: `${target}: the Hub did not answer` } });

describe("--update-baseline", () => {
  const full = reportOf([
    okResult("models/a", [finding({ file: "models/a/config.json" })]),
    okResult("models/b", [finding({ file: "models/b/config.json" }), finding({ file: "models/b/config.json", pointer: "/x" })]),
    okResult("models/c", [finding({ file: "models/c/config.json" })]),
  ]);
  const previous = createBaseline(full, where);

  it("keeps the entries of targets not analyzed in this run", () => {
    // Only models/a analyzed now, still with its finding: b's two and c's one are kept.
    const update = updateBaseline(reportOf([okResult("models/a", [finding({ file: "models/a/config.json" })])]), previous, where);
    expect(update.baseline.findings).toEqual(previous.findings);
    expect([update.added, update.pruned, update.kept]).toEqual([0, 0, 3]);
  });

  it("keeps the entries of targets that failed (a Hub outage), prunes only fixed findings of analyzed ones", () => {
    const run = reportOf([okResult("models/a", []), failed("models/b"), failed("models/c")]);
    const update = updateBaseline(run, previous, where);
    // a's one entry is pruned (analyzed, no longer found); b's 2 and c's 1 stay: 4 − 1 = 3.
    expect(update.baseline.findings.map((e) => e.file)).toEqual(["models/b/config.json", "models/b/config.json", "models/c/config.json"]);
    expect([update.added, update.pruned, update.kept]).toEqual([0, 1, 3]);
  });

  it("adds new findings beside the kept ones", () => {
    const run = reportOf([okResult("models/d", [finding({ file: "models/d/config.json" })])]);
    const update = updateBaseline(run, previous, where);
    expect(update.baseline.findings).toHaveLength(previous.findings.length + 1);
    expect(update.added).toBe(1);
  });
});

describe("the baseline lock", () => {
  it("serializes concurrent updates: two processes appending to one file under the lock lose nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mc-lock-"));
    const path = join(dir, "baseline.json");
    writeFileSync(path, "");
    const lockModule = new URL("../../dist/src/output/file-lock.js", import.meta.url).pathname;
    // Each child reads the file, waits, then writes it back with one more line: without the lock, the two interleave and one line is lost.
    const child = (label: string) => {
      const script = `
        import { readFileSync, writeFileSync } from "node:fs";
        const { withFileLock } = await import(${JSON.stringify(lockModule)});
        for (let i = 0; i < 5; i++) withFileLock(${JSON.stringify(path)}, () => {
          const text = readFileSync(${JSON.stringify(path)}, "utf8");
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
          writeFileSync(${JSON.stringify(path)}, text + "${label}" + i + "\\n");
        });`;
      const p = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: "inherit" });
      return new Promise<number | null>((resolve) => p.once("exit", resolve));
    };
    expect(await Promise.all([child("a"), child("b")])).toEqual([0, 0]);
    const { readFileSync } = await import("node:fs");
    const lines = readFileSync(path, "utf8").trim().split("\n").sort();
    expect(lines).toEqual(["a0", "a1", "a2", "a3", "a4", "b0", "b1", "b2", "b3", "b4"]);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it("takes over a lock left by a process that no longer exists", () => {
    const path = join(mkdtempSync(join(tmpdir(), "mc-lock-")), "baseline.json");
    // A pid far above Linux's pid_max (4,194,304): no such process.
    writeFileSync(`${path}.lock`, "99999999\n");
    expect(withFileLock(path, () => "done", 1000)).toBe("done");
  });

  it("gives up with a clear error while a live process holds the lock", () => {
    const path = join(mkdtempSync(join(tmpdir(), "mc-lock-")), "baseline.json");
    writeFileSync(`${path}.lock`, `${process.pid}\n`);
    expect(() => withFileLock(path, () => "never", 50)).toThrow(/held by another run/);
  });
});
