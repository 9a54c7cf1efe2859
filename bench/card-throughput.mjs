// Lints 1,000 model folders twice with `modelcheck <folder> -f json`: once with config.json alone,
// once with a Llama-3-style README.md beside each config (front matter, spec table, prose). Prints
// both times, the cost per card and the ratio; never fails.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateConfigs } from "./generate-configs.mjs";
import { medianMs } from "./measure.mjs";

const COUNT = Number(process.env.BENCH_CARDS ?? 1000);
const here = fileURLToPath(new URL(".", import.meta.url));
const card = readFileSync(join(here, "..", "fixtures", "cards", "llama-3-8b-spec-table", "README.md"), "utf8");
const root = mkdtempSync(join(tmpdir(), "modelcheck-cards-"));
try {
  const bare = join(root, "bare");
  const carded = join(root, "carded");
  generateConfigs(bare, COUNT);
  generateConfigs(carded, COUNT);
  for (let i = 0; i < COUNT; i++) writeFileSync(join(carded, `m${String(i).padStart(5, "0")}`, "README.md"), card);
  const cli = join(here, "..", "dist", "bin", "modelcheck.mjs");
  const without = medianMs(process.execPath, [cli, bare, "-f", "json"]);
  const withCards = medianMs(process.execPath, [cli, carded, "-f", "json"]);
  console.log(`model folders:            ${COUNT}`);
  console.log(`config.json only:         ${without.toFixed(0)} ms`);
  console.log(`config.json + README.md:  ${withCards.toFixed(0)} ms`);
  console.log(`per card:                 ${((withCards - without) / COUNT).toFixed(3)} ms`);
  console.log(`ratio:                    ${(withCards / without).toFixed(2)}×`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
