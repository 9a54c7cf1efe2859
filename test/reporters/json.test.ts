import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/index.js";
import { jsonReporter } from "../../src/reporters/json.js";
import { draft07Validator } from "../helpers/schemas.js";
import { ROOT } from "../helpers/run-cli.js";
import { RULES } from "../../rules/index.js";
import { tinyLlama, writeGguf } from "../helpers/write-gguf.js";

const context = { rules: RULES.map((r) => r.meta), version: "0.0.0", ruleDocs: {}, color: false, cwd: ROOT };

describe("json reporter", () => {
  it("validates against schemas/report.schema.json for every fixture, example and a failed target", async () => {
    const report = await analyze(["fixtures/configs/*.json", "examples", "missing.json"], { cwd: ROOT });
    const validate = draft07Validator("report.schema.json");
    const parsed = JSON.parse(jsonReporter(report, context));
    expect(validate(parsed), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(parsed.results.at(-1)).toMatchObject({ status: "failed", error: { code: "not-found" } });
  });

  it("keeps the field names of DESIGN.md's contract", async () => {
    const report = await analyze(["fixtures/configs/mistralai--Mistral-7B-v0.1.json"], { cwd: ROOT });
    const r = JSON.parse(jsonReporter(report, context)).results[0];
    expect(Object.keys(r)).toEqual(["target", "kind", "revision", "status", "error", "facts", "findings"]);
    expect(r.facts.attention).toEqual({ type: "GQA", nHeads: 32, nKvHeads: 8, headDim: 128, groupSize: 4, slidingWindow: 4096 });
    expect(r.facts.dims).toEqual({ dModel: 4096, nLayers: 32, dFf: 14336, vocabSize: 32000, contextLength: 32768, encoderLayers: null, decoderLayers: null, assumed: [] });
    // Mistral-7B-v0.1: 7,241,732,096 (Hub safetensors.total); the breakdown sums to it.
    const breakdown = r.facts.parameters.breakdown as Record<string, number>;
    expect(Object.values(breakdown).reduce((a, b) => a + b, 0)).toBe(7_241_732_096);
    // 32 layers × (2·4096·4096 + 2·1024·4096) attention, 32 × 3·4096·14336 MLP, 32000·4096 per embedding and head.
    expect(breakdown).toEqual({ embedding: 131_072_000, attention: 1_342_177_280, mlp: 5_637_144_576, norm: 266_240, lmHead: 131_072_000 });
  });

  it("describes a GGUF file as parameters.checkpoint with source gguf, and refuses a source it does not know", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mc-json-gguf-"));
    writeGguf(join(dir, "tiny.gguf"), tinyLlama());
    const report = JSON.parse(jsonReporter(await analyze([join(dir, "tiny.gguf")], { cwd: dir }), context));
    const validate = draft07Validator("report.schema.json");
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // tinyLlama (test/helpers/write-gguf.ts): 86,848 elements, 320 of them in its five F32 norms.
    expect(report.results[0].facts.parameters.checkpoint).toMatchObject({ total: 86_848, logical: 86_848, byDtype: { Q8_0: 86_528, F32: 320 }, source: "gguf", compared: false });
    report.results[0].facts.parameters.checkpoint.source = "onnx";
    expect(validate(report)).toBe(false);
  });
});
