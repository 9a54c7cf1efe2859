import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze/analyze.js";
import { analyzeDocuments } from "../../src/analyze/analyze-documents.js";
import { isolateWriter } from "../../src/cli/render-isolated.js";
import type { Rule } from "../../src/engine/rule.js";
import { REPORTERS } from "../../src/reporters/index.js";
import { wholeReport, type ReportFormat } from "../../src/reporters/reporter.js";
import { RULES } from "../../rules/index.js";
import { parseConfigBytes } from "../../src/sources/read-config-document.js";
import { draft07Validator } from "../helpers/schemas.js";
import { ROOT } from "../helpers/run-cli.js";
import { context } from "../reporters/fixture-report.js";

const fixture = (name: string) => JSON.parse(readFileSync(join(ROOT, "fixtures", "configs", `${name}.json`), "utf8")) as Record<string, unknown>;
const validate = draft07Validator("report.schema.json");

function folderOf(configs: Record<string, unknown>[]): string[] {
  return configs.map((config) => {
    const dir = mkdtempSync(join(tmpdir(), "mc-poison-"));
    writeFileSync(join(dir, "config.json"), JSON.stringify(config));
    return dir;
  });
}

describe("values that would poison the arithmetic", () => {
  const mistral = fixture("mistralai--Mistral-7B-v0.1");
  const mpt = fixture("mosaicml--mpt-7b");

  for (const dtype of ["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty"]) {
    it(`torch_dtype "${dtype}" beside a good config: every reporter still formats both`, async () => {
      const report = await analyze(folderOf([{ ...mistral, torch_dtype: dtype }, mistral]), { config: false });
      expect(report.results.map((r) => r.status)).toEqual(["ok", "ok"]);
      // An unknown dtype has no bit width: no bytes, no bits per weight (was Object.prototype's member).
      expect(report.results[0]!.facts!.memory!.asPublished).toMatchObject({ dtype, bits: null, bitsPerWeight: null, bytes: null });
      for (const format of Object.keys(REPORTERS)) {
        const text = wholeReport(await REPORTERS[format]!())(report, context);
        expect(text.length).toBeGreaterThan(0);
      }
      expect(validate(JSON.parse(wholeReport(await REPORTERS.json!())(report, context)))).toBe(true);
    });
  }

  it("MPT expansion_ratio -4 is an MC003 finding, never a negative MLP or total (was −1,940,647,936)", async () => {
    const report = await analyze(folderOf([{ ...mpt, expansion_ratio: -4 }]), { config: false });
    const result = report.results[0]!;
    expect(result.findings.map((f) => [f.ruleId, f.message])).toContainEqual(["MC003", '"expansion_ratio" must be positive, found -4']);
    expect(result.facts!.parameters!.total).toBeGreaterThan(0);
    expect(result.facts!.dims.dFf).toBeNull();
    expect(validate(JSON.parse(wholeReport(await REPORTERS.json!())(report, context)))).toBe(true);
  });

  it("GPTQ bits -4 or 1e9: no negative or absurd asPublished bytes", async () => {
    for (const bits of [-4, 1e9, 2.5]) {
      const config = { ...mistral, quantization_config: { quant_method: "gptq", bits, group_size: 128 } };
      const report = await analyze(folderOf([config]), { config: false });
      const json = JSON.parse(wholeReport(await REPORTERS.json!())(report, context));
      expect(validate(json)).toBe(true);
      // An unusable width is read as GPTQ's default, 4 bits.
      expect(json.results[0].facts.memory.asPublished.bits).toBe(4);
    }
  });
});

describe("a failure inside one target's analysis", () => {
  const exploding: Rule = {
    meta: { code: "MC999", name: "exploding-rule", description: "throws", defaultSeverity: "error", optionsSchema: { type: "object" }, messages: {} },
    check() {
      throw new TypeError("x.toFixed is not a function");
    },
  };

  it("a rule that throws becomes that target's internal error, naming the rule", () => {
    const documents = { name: "m", config: parseConfigBytes(Buffer.from(JSON.stringify(fixture("mistralai--Mistral-7B-v0.1"))), "config.json"), card: null, checkpoint: null };
    const result = analyzeDocuments(documents as never, { input: "m", kind: "file", revision: null }, { rules: [...RULES, exploding], ruleSettings: {}, cwd: "/" });
    expect(result.status).toBe("failed");
    expect(result.error).toEqual({ code: "internal", message: "m: rule MC999 (exploding-rule) failed: x.toFixed is not a function" });
  });

  it("a reporter that throws on one result fails that result alone; the others are formatted", async () => {
    const report = await analyze(folderOf([fixture("mistralai--Mistral-7B-v0.1"), fixture("mosaicml--mpt-7b")]), { config: false });
    const text = await REPORTERS.text!();
    // A format whose writer throws on the MPT result, as a reporter bug would.
    const fragile: ReportFormat = (c) => {
      const writer = text(c);
      return {
        ...writer,
        result(r) {
          if (r.facts?.modelType === "mpt") throw new TypeError("p.bitsPerWeight.toFixed is not a function");
          return writer.result(r);
        },
      };
    };
    const isolated = isolateWriter(fragile(context), "text");
    const out = [isolated.start(), ...report.results.map((r) => isolated.result(r)), isolated.end(report.summary)].join("");
    expect(isolated.replaced).toBe(1);
    expect(out).toContain("mistral · MistralForCausalLM");
    expect(out).toContain("the text reporter failed on this target: p.bitsPerWeight.toFixed is not a function");
    expect(out).toContain("2 targets · 1 failed");
  });
});
