import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../src/output/write-atomic.js";
import { writeOutputFile } from "../../src/output/write-output-file.js";

const folder = () => mkdtempSync(join(tmpdir(), "mc-atomic-"));

describe("atomic writes", () => {
  it("replaces the file by rename: a reader holding the old file keeps reading it whole", () => {
    const dir = folder();
    const path = join(dir, "report.sarif");
    writeFileSync(path, "old report");
    const before = statSync(path).ino;
    writeOutputFile(path, "new report");
    // A write in place keeps the inode (and truncates what readers see); a rename gives a new one.
    expect(statSync(path).ino).not.toBe(before);
    expect(readFileSync(path, "utf8")).toBe("new report");
    // No temporary file is left behind.
    expect(readdirSync(dir)).toEqual(["report.sarif"]);
  });

  it("writes cache entries with mode 0600", () => {
    const path = join(folder(), "entry.json");
    writeFileAtomic(path, "{}", { mode: 0o600 });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("a failed write leaves the previous file and no temporary file", () => {
    const dir = folder();
    const path = join(dir, "baseline.json");
    writeFileSync(path, "previous");
    // Bytes that cannot be written: writeSync throws on a non-buffer, after the temporary file exists.
    expect(() => writeFileAtomic(path, { length: 4 } as unknown as Uint8Array)).toThrow();
    expect(readFileSync(path, "utf8")).toBe("previous");
    expect(readdirSync(dir)).toEqual(["baseline.json"]);
  });

  it("kill -9 during a 64 MiB write leaves the old file or the new one, never a torn one", async () => {
    const dir = folder();
    const path = join(dir, "report.txt");
    const old = "previous report\n";
    const size = 64 * 1024 * 1024;
    const module = new URL("../../src/output/write-output-file.ts", import.meta.url).pathname;
    for (let trial = 0; trial < 3; trial++) {
      writeFileSync(path, old);
      // The child writes through the same code (compiled: npm test builds first).
      const dist = module.replace("/src/", "/dist/src/").replace(/\.ts$/, ".js");
      const script = `import(${JSON.stringify(dist)}).then(({ writeOutputFile }) => { process.stdout.write("go\\n"); writeOutputFile(${JSON.stringify(path)}, "x".repeat(${size})); })`;
      const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
      await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));
      const text = readFileSync(path, "utf8");
      expect(text === old || text.length === size).toBe(true);
    }
  });
});
