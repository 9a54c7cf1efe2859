// Cold start of `modelcheck --version` and of a one-file lint, against `node -e 0`.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { medianMs } from "./measure.mjs";

const root = join(fileURLToPath(new URL(".", import.meta.url)), "..");
const cli = join(root, "dist", "bin", "modelcheck.mjs");
const config = join(root, "fixtures", "configs", "mistralai--Mistral-7B-v0.1.json");
const node = medianMs(process.execPath, ["-e", "0"], 21);
const version = medianMs(process.execPath, [cli, "--version"], 21);
const lint = medianMs(process.execPath, [cli, config], 21);
console.log(`node -e 0:                 ${node.toFixed(1)} ms`);
console.log(`modelcheck --version:      ${version.toFixed(1)} ms  (${(version / node).toFixed(2)}×)`);
console.log(`modelcheck <one config>:   ${lint.toFixed(1)} ms  (${(lint / node).toFixed(2)}×)`);
