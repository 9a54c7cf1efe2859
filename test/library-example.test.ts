import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/run-cli.js";

// examples/library.mjs imports "modelcheck": in the checkout that is the package itself (its exports map, dist/ built by npm test).
describe("examples/library.mjs runs as written (issue 15 item 13)", () => {
  const run = spawnSync(process.execPath, [join(ROOT, "examples/library.mjs")], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });

  it("prints each example model's count and fails on the warning, as it says", () => {
    expect(run.stderr).toBe("");
    // Hub safetensors.total of mistralai/Mistral-7B-v0.1; my-llama-700M as the package test counts it.
    expect(run.stdout).toContain("examples/Mistral-7B-v0.1: 7,241,732,096 parameters, 0 findings");
    expect(run.stdout).toContain("examples/my-llama-700M: 1,446,078,464 parameters, 1 finding");
    expect(run.status).toBe(1);
  });

  it("uses deriveFacts' { facts, inventory } correctly", () => {
    // TinyLlama-1.1B's shape: embeddings + untied head 2 × 32000 × 2048 = 131,072,000; per layer q, o 2 × 2048² = 8,388,608,
    // k, v 2 × 2048 × 256 = 1,048,576, MLP 3 × 2048 × 5632 = 34,603,008, two norms 4,096 → 44,044,288 × 22 = 968,974,336;
    // final norm 2,048. Total 1,100,048,384 (the Hub's safetensors.total for TinyLlama/TinyLlama-1.1B-Chat-v1.0).
    expect(run.stdout).toMatch(/^tiny-llama: 1,100,048,384 parameters \(exact\), \d+ tensor templates$/m);
  });
});
