// The fuzz harness of issue 20: N mutated inputs of each kind (configs, config + card, config +
// safetensors checkpoint) through analyze() and every reporter. Reports crashes (a throw, or an
// `internal` error in a result), slow inputs (over 1 s for analysis and all reporters), JSON
// reports that break schemas/report.schema.json, and the peak RSS. Seeded: a finding names its
// seed, and `--seed S --count 1` reproduces it.
//
//   npm run build && node bench/fuzz.mjs [--count N] [--seed S] [--kinds config,card,safetensors]
//
// CI runs a short version (test/reliability/fuzz.property.test.ts, through fast-check).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { analyze } from "../dist/src/analyze/analyze.js";
import { REPORTERS } from "../dist/src/reporters/index.js";
import { wholeReport } from "../dist/src/reporters/reporter.js";
import { RULES } from "../dist/rules/index.js";
import { mutatedCard, mutatedConfigText, mutatedSafetensors, seededRandom, TINY_LLAMA_CONFIG } from "../test/helpers/fuzz-inputs.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const count = Number(option("count", "1000"));
const firstSeed = Number(option("seed", "1"));
const kinds = option("kinds", "config,card,safetensors").split(",");
const SLOW_MS = 1000;

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(new URL("../schemas/report.schema.json", import.meta.url), "utf8")));
const reporters = Object.fromEntries(await Promise.all(Object.keys(REPORTERS).map(async (f) => [f, wholeReport(await REPORTERS[f]())])));
const dir = mkdtempSync(join(tmpdir(), "mc-fuzz-"));
const context = { rules: RULES.map((r) => r.meta), version: "fuzz", ruleDocs: {}, color: false, cwd: dir };

/** Write one input of `kind` from `seed` into a fresh folder; returns the folder. */
function writeInput(kind, seed) {
  const rand = seededRandom(seed);
  const target = mkdtempSync(join(dir, `${kind}-`));
  if (kind === "safetensors") {
    writeFileSync(join(target, "config.json"), rand() < 0.5 ? JSON.stringify(TINY_LLAMA_CONFIG) : mutatedConfigText(rand));
    writeFileSync(join(target, "model.safetensors"), mutatedSafetensors(rand));
  } else {
    writeFileSync(join(target, "config.json"), mutatedConfigText(rand));
    if (kind === "card") writeFileSync(join(target, "README.md"), mutatedCard(rand));
  }
  return target;
}

const tally = { inputs: 0, crashes: [], slow: [], schema: [], slowest: { ms: 0, what: "" } };
const started = performance.now();
for (let i = 0; i < count; i++) {
  for (const kind of kinds) {
    const seed = firstSeed + i;
    const what = `${kind} seed ${seed}`;
    const target = writeInput(kind, seed);
    tally.inputs++;
    const t0 = performance.now();
    try {
      const report = await analyze([target], { config: false });
      for (const r of report.results) if (r.error?.code === "internal") tally.crashes.push(`${what}: ${r.error.message}`);
      for (const [format, reporter] of Object.entries(reporters)) {
        const text = reporter(report, context);
        if (format === "json" && !validate(JSON.parse(text))) tally.schema.push(`${what}: ${ajv.errorsText(validate.errors).slice(0, 300)}`);
      }
    } catch (error) {
      tally.crashes.push(`${what}: ${error?.stack?.split("\n").slice(0, 3).join(" | ") ?? error}`);
    }
    const ms = performance.now() - t0;
    if (ms > tally.slowest.ms) tally.slowest = { ms, what };
    if (ms > SLOW_MS) tally.slow.push(`${what}: ${ms.toFixed(0)} ms`);
    rmSync(target, { recursive: true, force: true });
  }
  if ((i + 1) % 1000 === 0) {
    const rss = (process.resourceUsage().maxRSS / 1024).toFixed(0);
    console.error(`… ${tally.inputs} inputs, ${tally.crashes.length} crashes, ${tally.schema.length} schema violations, ${tally.slow.length} slow, slowest ${tally.slowest.ms.toFixed(0)} ms, peak RSS ${rss} MB`);
    for (const line of [...tally.crashes, ...tally.schema, ...tally.slow].slice(-3)) console.error(`    ${line.slice(0, 300)}`);
  }
}
rmSync(dir, { recursive: true, force: true });
const seconds = (performance.now() - started) / 1000;
console.log(`fuzz: ${tally.inputs} inputs (${kinds.join(", ")}; seeds ${firstSeed}..${firstSeed + count - 1}) in ${seconds.toFixed(1)} s`);
console.log(`  crashes ${tally.crashes.length} · schema violations ${tally.schema.length} · over ${SLOW_MS} ms ${tally.slow.length} · slowest ${tally.slowest.ms.toFixed(0)} ms (${tally.slowest.what}) · peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
for (const line of [...tally.crashes, ...tally.schema, ...tally.slow].slice(0, 40)) console.log(`  ${line}`);
process.exitCode = tally.crashes.length || tally.schema.length ? 1 : 0;
