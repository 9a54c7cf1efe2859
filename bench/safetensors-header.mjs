// Time parseSafetensorsHeader on a header of N tensors (default 10^6, ~85 MB): the issue 20 bound
// is "about a second". Run after `npm run build`: node bench/safetensors-header.mjs [N]
import { parseSafetensorsHeader } from "../dist/src/sources/parse-safetensors-header.js";

const n = Number(process.argv[2] ?? 1_000_000);
const parts = [];
for (let i = 0; i < n; i++) parts.push(`"model.layers.${i}.mlp.weight":{"dtype":"F32","shape":[4],"data_offsets":[${16 * i},${16 * (i + 1)}]}`);
const bytes = Buffer.from(`{${parts.join(",")}}`);
const json = performance.now();
JSON.parse(bytes.toString("utf8"));
const jsonMs = performance.now() - json;
const start = performance.now();
const parsed = parseSafetensorsHeader(bytes, "model.safetensors", 8 + bytes.length + 16 * n);
const ms = performance.now() - start;
console.log(`${n} tensors, ${(bytes.length / 1e6).toFixed(1)} MB header: ${ms.toFixed(0)} ms (JSON.parse alone ${jsonMs.toFixed(0)} ms, ratio ${(ms / jsonMs).toFixed(2)}), ${parsed.tensors.length} tensors, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
