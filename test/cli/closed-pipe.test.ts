import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI } from "../helpers/run-cli.js";

/** Run the CLI with its standard output closed by the reader before anything is written (`| head -0`); resolve with its exit code and stderr. */
function runAndCloseEarly(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.destroy();
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("a reader that stops early (modelcheck … | head)", () => {
  // 40 models whose heads do not divide the hidden size (MC101, an error): the run exits 1.
  const dir = mkdtempSync(join(tmpdir(), "modelcheck-pipe-"));
  for (let i = 0; i < 40; i++) {
    mkdirSync(join(dir, `m${i}`));
    writeFileSync(join(dir, `m${i}`, "config.json"), JSON.stringify({ model_type: "llama", architectures: ["LlamaForCausalLM"], hidden_size: 4096, num_attention_heads: 30, num_hidden_layers: 2, vocab_size: 100 }));
  }

  it("prints no stack trace, and the exit code still says what the run found", async () => {
    const { code, stderr } = await runAndCloseEarly([dir]);
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
    expect(code).toBe(1);
  });

  it("--help into a closed pipe exits 0 quietly", async () => {
    const { code, stderr } = await runAndCloseEarly(["--help"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});
