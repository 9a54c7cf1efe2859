// Lint 10,000 generated configs with `modelcheck <folder> -f json` against a script that only
// reads and JSON.parses the same files. Prints both times and the ratio (target: under 1.5×).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateConfigs } from "./generate-configs.mjs";
import { medianMs } from "./measure.mjs";

const COUNT = Number(process.env.BENCH_CONFIGS ?? 10000);
const here = fileURLToPath(new URL(".", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "modelcheck-bench-"));
try {
  generateConfigs(dir, COUNT);
  const baseline = medianMs(process.execPath, [join(here, "read-parse-baseline.mjs"), dir]);
  const lint = medianMs(process.execPath, [join(here, "..", "dist", "bin", "modelcheck.mjs"), dir, "-f", "json"]);
  console.log(`configs:                  ${COUNT}`);
  console.log(`read + JSON.parse:        ${baseline.toFixed(0)} ms`);
  console.log(`modelcheck <dir> -f json: ${lint.toFixed(0)} ms`);
  console.log(`ratio:                    ${(lint / baseline).toFixed(2)}×`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
