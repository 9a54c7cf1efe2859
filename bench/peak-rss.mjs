// Peak resident memory of `modelcheck <folder>` over generated model folders, for each report kind
// issue 17 names: -f json, -f sarif and text to a file, and --summary csv. A streamed run should stay
// near flat as the folder count grows (target: ≤ 150 MB at 100,000). Counts from BENCH_COUNTS
// (default "10000,100000"). Prints one line per count and report, and the growth ratio.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateConfigs } from "./generate-configs.mjs";

const COUNTS = (process.env.BENCH_COUNTS ?? "10000,100000").split(",").map(Number);
const here = fileURLToPath(new URL(".", import.meta.url));
const cli = join(here, "..", "dist", "bin", "modelcheck.mjs");
// A preload that prints the process's peak RSS (kilobytes) to standard error as it exits.
const probe = `process.on("exit", () => require("node:fs").writeSync(2, "\\nmaxrss " + process.resourceUsage().maxRSS + "\\n"))`;

const RUNS = {
  "-f json -o": (out) => ["-f", "json", "-o", join(out, "r.json")],
  "-f sarif -o": (out) => ["-f", "sarif", "-o", join(out, "r.sarif")],
  "text -o": (out) => ["-o", join(out, "r.txt")],
  "--summary csv": () => ["--summary", "csv"],
};

const probeFile = join(mkdtempSync(join(tmpdir(), "modelcheck-probe-")), "probe.cjs");
writeFileSync(probeFile, probe);
const peaks = {};
for (const count of COUNTS) {
  const dir = mkdtempSync(join(tmpdir(), "modelcheck-rss-"));
  try {
    generateConfigs(dir, count);
    for (const [name, args] of Object.entries(RUNS)) {
      const run = spawnSync(process.execPath, ["--require", probeFile, cli, dir, ...args(dir)], { encoding: "utf8", maxBuffer: 1 << 30 });
      const kb = Number(/maxrss (\d+)/.exec(run.stderr)?.[1] ?? NaN);
      (peaks[name] ??= []).push(kb);
      console.log(`${String(count).padStart(7)} folders  ${name.padEnd(14)} peak RSS ${(kb / 1024).toFixed(0).padStart(5)} MB  (exit ${run.status})`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (COUNTS.length > 1) {
  for (const [name, kb] of Object.entries(peaks)) console.log(`${name.padEnd(14)} ${COUNTS.at(-1)} vs ${COUNTS[0]} folders: ${(kb.at(-1) / kb[0]).toFixed(2)}× the peak RSS`);
}
