// Baseline: find every config.json under a folder, read it and JSON.parse it. Nothing else.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = process.argv[2];
let parsed = 0;
for (const entry of readdirSync(root, { withFileTypes: true })) {
  if (!entry.isDirectory()) continue;
  JSON.parse(readFileSync(join(root, entry.name, "config.json"), "utf8"));
  parsed++;
}
process.stdout.write(`${parsed}\n`);
