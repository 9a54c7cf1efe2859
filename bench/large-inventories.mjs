// Time the inventory and facts of the largest configs (DeepSeek-V3, Kimi-K2: ~100k tensors once
// expanded), and the expansion of their tensor names for a checkpoint diff. Target: facts under 50 ms.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expandTensors } from "../dist/src/architectures/inventory.js";
import { deriveFacts, normalizeConfig } from "../dist/src/index.js";

const fixtures = join(fileURLToPath(new URL(".", import.meta.url)), "..", "fixtures", "configs");
for (const name of ["deepseek-ai--DeepSeek-V3", "moonshotai--Kimi-K2-Instruct", "Qwen--Qwen3-235B-A22B", "mistralai--Mixtral-8x7B-v0.1"]) {
  let config;
  try {
    config = JSON.parse(readFileSync(join(fixtures, `${name}.json`), "utf8"));
  } catch {
    continue;
  }
  const start = performance.now();
  const { inventory } = deriveFacts(normalizeConfig(config), name);
  const facts = performance.now() - start;
  const t = performance.now();
  let tensors = 0;
  for (const _ of expandTensors(inventory)) tensors++;
  const expand = performance.now() - t;
  console.log(`${name.padEnd(32)} templates ${String(inventory.tensors.length).padStart(4)}  tensors ${String(tensors).padStart(7)}  facts ${facts.toFixed(1).padStart(6)} ms  expand names ${expand.toFixed(1).padStart(6)} ms`);
}
