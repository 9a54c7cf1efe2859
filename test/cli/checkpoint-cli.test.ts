import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gpt2Tensors, gptqLlama2Tensors, LLAMA2_7B, QWEN3_06B } from "../helpers/checkpoints.js";
import { readFixtureConfig } from "../helpers/count.js";
import { runCli } from "../helpers/run-cli.js";
import { headerJson, headerPrefix, storedCount, writeRaw, writeSafetensors } from "../helpers/safetensors.js";
import { draft07Validator } from "../helpers/schemas.js";

let root: string;

function model(name: string, config: Record<string, unknown>, write: (dir: string) => void): void {
  const dir = join(root, "models", name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "config.json"), JSON.stringify(config, null, 2));
  write(dir);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "modelcheck-cli-ckpt-"));
  model("gpt2", readFixtureConfig("openai-community--gpt2"), (d) => writeSafetensors(join(d, "model.safetensors"), gpt2Tensors()));
  model("Llama-2-7b-GPTQ", { ...readFixtureConfig("meta-llama--Llama-2-7b-hf"), quantization_config: { bits: 4, group_size: 128, quant_method: "gptq", desc_act: false } }, (d) =>
    writeSafetensors(join(d, "model.safetensors"), gptqLlama2Tensors()),
  );
  model("Llama-2-7b-hf", readFixtureConfig("meta-llama--Llama-2-7b-hf"), (d) => writeSafetensors(join(d, "model.safetensors"), LLAMA2_7B));
  model("Qwen3-0.6B", readFixtureConfig("Qwen--Qwen3-0.6B"), (d) => writeSafetensors(join(d, "model.safetensors"), QWEN3_06B));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("modelcheck <model folders> with safetensors checkpoints", () => {
  it("reports stored, logical and config counts in JSON that validates against the report schema", () => {
    const { code, stdout, stderr } = runCli(["models", "-f", "json"], { cwd: root });
    expect(stderr).toBe("");
    // Warnings (MC502) and infos only: exit 0.
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    const validate = draft07Validator("report.schema.json");
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const byName = Object.fromEntries(report.results.map((r: { target: string }) => [r.target.split("/").pop(), r]));
    const cp = (name: string) => byName[name].facts.parameters.checkpoint;
    // Hub safetensors.total of each model, and the config's count beside it.
    expect([cp("gpt2").total, byName["gpt2"].facts.parameters.total]).toEqual([137_022_720, 124_439_808]);
    expect([cp("Llama-2-7b-hf").total, byName["Llama-2-7b-hf"].facts.parameters.total]).toEqual([6_738_417_664, 6_738_415_616]);
    expect([cp("Qwen3-0.6B").total, byName["Qwen3-0.6B"].facts.parameters.total]).toEqual([751_632_384, 596_049_920]);
    expect(cp("Llama-2-7b-GPTQ")).toMatchObject({ total: storedCount(gptqLlama2Tensors()), logical: 6_738_415_616 });
    const ids = (name: string) => byName[name].findings.map((f: { ruleId: string }) => f.ruleId).filter((id: string) => id.startsWith("MC5"));
    expect(ids("gpt2")).toEqual(["MC505"]);
    expect(ids("Llama-2-7b-hf")).toEqual(["MC505"]);
    expect(ids("Qwen3-0.6B")).toEqual(["MC502"]);
    expect(ids("Llama-2-7b-GPTQ")).toEqual(["MC506"]);
  });

  it("shows the checkpoint line in the text report", () => {
    const { stdout } = runCli(["models/Qwen3-0.6B", "models/Llama-2-7b-GPTQ"], { cwd: root });
    expect(stdout).toContain("  checkpoint  751,632,384 stored (BF16) = config 596,049,920 + lm_head.weight [151936, 1024] stored despite tie_word_embeddings\n");
    expect(stdout).toContain("  logical     6,738,415,616 (packing undone, quantization bookkeeping dropped)\n");
  });

  it("a truncated checkpoint is an MC500 error (exit 1), never a crash or a stack trace", () => {
    const dir = join(root, "truncated");
    mkdirSync(dir);
    writeFileSync(join(dir, "config.json"), JSON.stringify(readFixtureConfig("Qwen--Qwen3-0.6B")));
    writeRaw(join(dir, "model.safetensors"), headerPrefix(headerJson(QWEN3_06B).json), 4096);
    const { code, stdout, stderr } = runCli([dir, "-f", "json"], { cwd: root });
    expect(stderr).toBe("");
    expect(code).toBe(1);
    const result = JSON.parse(stdout).results[0];
    expect(result.status).toBe("ok");
    expect(result.facts.parameters.total).toBe(596_049_920);
    expect(result.findings.find((f: { ruleId: string }) => f.ruleId === "MC500").message).toMatch(/^model\.safetensors: tensor ".*" ends at data byte \d+, past the 4096 bytes of data in the file: truncated$/);
  });
});
