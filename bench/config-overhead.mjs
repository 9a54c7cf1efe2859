// What a config file costs on the hot path: lints 10,000 generated configs with no config file,
// with one that sets severities, and with one that adds overrides and ignores (matched per model),
// and prints each time against the run without a config file (target: ratios near 1.00×).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateConfigs } from "./generate-configs.mjs";
import { medianMs } from "./measure.mjs";

const COUNT = Number(process.env.BENCH_CONFIGS ?? 10000);
const cli = join(fileURLToPath(new URL(".", import.meta.url)), "..", "dist", "bin", "modelcheck.mjs");
const dir = mkdtempSync(join(tmpdir(), "modelcheck-bench-config-"));
try {
  const models = join(dir, "models");
  generateConfigs(models, COUNT);
  const severities = join(dir, "severities.yaml");
  writeFileSync(severities, "rules:\n  MC003: warning\n  advertised-size-mismatch: { severity: error, options: { tolerance: 0.2 } }\n");
  const overrides = join(dir, "overrides.yaml");
  // Globs that match many models but change no work: every rule still runs on every model.
  writeFileSync(overrides, "rules:\n  MC003: warning\nignores: ['models/none-*', '**/drafts']\noverrides:\n  - files: ['models/m1*/**', 'models/m2*']\n    rules: { MC201: info }\n  - files: ['**/m9999/config.json']\n    rules: { MC003: warning }\n");
  const base = medianMs(process.execPath, [cli, models, "-f", "json", "--no-config"]);
  const withSeverities = medianMs(process.execPath, [cli, models, "-f", "json", "--config", severities]);
  const withOverrides = medianMs(process.execPath, [cli, models, "-f", "json", "--config", overrides]);
  console.log(`configs:                      ${COUNT}`);
  console.log(`no config file:               ${base.toFixed(0)} ms`);
  console.log(`severities and options:       ${withSeverities.toFixed(0)} ms  (${(withSeverities / base).toFixed(2)}×)`);
  console.log(`overrides and ignores:        ${withOverrides.toFixed(0)} ms  (${(withOverrides / base).toFixed(2)}×)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
