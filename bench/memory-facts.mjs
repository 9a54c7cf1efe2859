// The cost of the memory facts on the per-config hot path: over 10,000 generated configs, the time
// of deriveFacts (which includes them) against memoryFacts alone, in the same process, the fastest
// of 9 rounds (the least disturbed by other work on the machine). Prints both and the memory facts' share; it never fails. Needs `npm run build` first.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateConfigs } from "./generate-configs.mjs";

const COUNT = Number(process.env.BENCH_CONFIGS ?? 10000);
const dist = new URL("../dist/src/", import.meta.url);
const { normalizeConfig } = await import(new URL("architectures/normalize-config.js", dist).href);
const { deriveFacts } = await import(new URL("facts/derive-facts.js", dist).href);
const { memoryFacts } = await import(new URL("facts/memory-facts.js", dist).href);

const dir = mkdtempSync(join(tmpdir(), "modelcheck-bench-memory-"));
try {
  generateConfigs(dir, COUNT);
  const models = readdirSync(dir).map((d) => normalizeConfig(JSON.parse(readFileSync(join(dir, d, "config.json"), "utf8"))));
  const derived = models.map((m) => deriveFacts(m, null));
  const fastest = (f) => {
    let best = Infinity;
    for (let round = 0; round < 9; round++) {
      const start = performance.now();
      f();
      best = Math.min(best, performance.now() - start);
    }
    return best;
  };
  const all = fastest(() => {
    for (const m of models) deriveFacts(m, null);
  });
  const memory = fastest(() => {
    for (let i = 0; i < models.length; i++) if (derived[i].inventory && derived[i].facts.parameters) memoryFacts(models[i], derived[i].inventory, derived[i].facts.parameters, {});
  });
  const bytes = derived.reduce((sum, d) => sum + (d.facts.memory ? JSON.stringify(d.facts.memory).length + JSON.stringify(d.facts.compute).length : 0), 0);
  console.log(`configs:                   ${COUNT}`);
  console.log(`deriveFacts (all facts):   ${all.toFixed(0)} ms`);
  console.log(`memoryFacts alone:         ${memory.toFixed(0)} ms`);
  console.log(`memory share of deriveFacts: ${((memory / all) * 100).toFixed(0)}%`);
  console.log(`JSON of memory + compute:  ${(bytes / COUNT).toFixed(0)} bytes per config`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
