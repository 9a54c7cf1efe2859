import { describe, expect, it } from "vitest";
import { parseBatch, parseContext, parseGpuMemory } from "../../src/cli/memory-options.js";
import { runCli } from "../helpers/run-cli.js";

describe("--context, --batch, --gpu-memory", () => {
  it.each([
    ["8192", 8192],
    ["32k", 32_768],
    ["128K", 131_072],
    ["1M", 1_048_576],
  ])("--context %s is %d tokens", (text, tokens) => expect(parseContext(text)).toBe(tokens));

  it.each([["0"], ["-5"], ["1.5"], ["lots"], ["2G"]])("--context %s is refused", (text) => expect(() => parseContext(text)).toThrow(/tokens/));

  it("--batch takes a positive whole number", () => {
    expect(parseBatch("16")).toBe(16);
    for (const bad of ["0", "1.5", "x", "-1"]) expect(() => parseBatch(bad)).toThrow(/sequences/);
  });

  it.each([
    ["24GB", 24e9],
    ["24", 24e9],
    ["24GiB", 24 * 2 ** 30],
    ["80 GiB", 80 * 2 ** 30],
    ["512MiB", 512 * 2 ** 20],
    ["1.5TB", 1.5e12],
  ])("--gpu-memory %s is %d bytes", (text, bytes) => expect(parseGpuMemory(text)).toEqual({ bytes, label: text }));

  it.each([["24XB"], ["0GB"], ["GB"], ["-3GB"]])("--gpu-memory %s is refused", (text) => expect(() => parseGpuMemory(text)).toThrow(/size/));

  it("reach the report through analyze()", () => {
    const { code, stdout } = runCli(["examples/Mistral-7B-v0.1", "-f", "json", "--context", "8k", "--batch", "4", "--gpu-memory", "24GiB"]);
    expect(code).toBe(0);
    const memory = JSON.parse(stdout).results[0].facts.memory;
    // Mistral-7B: 131,072 B/token, every layer capped at its 4,096-token window: 4 × 4,096 × 131,072.
    expect(memory.kvCache.atRequested).toEqual({ tokens: 8192, batch: 4, bytes: 4 * 4096 * 131_072, latentBytes: null });
    expect(memory.hardwareFit).toMatchObject({ context: 8192, batch: 4, gpuMemory: "24GiB" });
    expect(memory.hardwareFit.acceleratorsGB).toHaveLength(7);
  });

  it("prints the memory table in the text report", () => {
    const { stdout } = runCli(["examples/Mistral-7B-v0.1", "--gpu-memory", "24GB"]);
    expect(stdout).toMatch(/precision +weights +16 GB +24 GB +40 GB +48 GB +80 GB +141 GB +24GB/);
    // 7,241,732,096 parameters × 2 bytes: 14.48 GB, 13.49 GiB.
    expect(stdout).toMatch(/BF16\/FP16 +14\.48 GB +13\.49 GiB/);
    expect(stdout).toContain("131,072 B (128 KiB) per token (16-bit, transformers' full K/V on 32 layers) · 4× smaller than MHA");
    expect(stdout).toContain("cache at 32,768 tokens: 536.87 MB (512.00 MiB)");
  });

  it("a bad value is a one-line usage error, exit 2", () => {
    const { code, stderr, stdout } = runCli(["examples/Mistral-7B-v0.1", "--gpu-memory", "lots"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("expected a size such as 24GB");
    expect(stderr).not.toContain("    at ");
  });
});
