import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeDocuments } from "../../src/analyze/analyze-documents.js";
import { summarize, type Report } from "../../src/analyze/report.js";
import { REPORTERS } from "../../src/reporters/index.js";
import { wholeReport, type Reporter } from "../../src/reporters/reporter.js";
import { RULES } from "../../rules/index.js";
import { parseCardText } from "../../src/sources/read-card-document.js";
import { parseConfigBytes } from "../../src/sources/read-config-document.js";
import { mutatedCard, mutatedConfigText, seededRandom } from "../helpers/fuzz-inputs.mjs";
import { draft07Validator } from "../helpers/schemas.js";

const validate = draft07Validator("report.schema.json");
const context = { rules: RULES.map((r) => r.meta), version: "0.0.0", ruleDocs: {}, color: false, cwd: "/" };
const settings = { rules: RULES, ruleSettings: {}, cwd: "/" };

/**
 * The CI version of bench/fuzz.mjs: mutated configs (with and without a card) through the pure
 * pipeline and every reporter. Each fast-check case is a seed for the generators, so a failure
 * prints the seed that reproduces it (`node bench/fuzz.mjs --seed S --count 1`).
 */
function reportFor(seed: number): Report {
  const rand = seededRandom(seed);
  const config = parseConfigBytes(Buffer.from(mutatedConfigText(rand)), "config.json");
  const card = rand() < 0.5 ? parseCardText(mutatedCard(rand), "README.md") : null;
  const result = analyzeDocuments({ name: "fuzzed", config, card, checkpoint: null }, { input: `seed ${seed}`, kind: "file", revision: null }, settings);
  return { tool: { name: "modelcheck", version: "0.0.0" }, results: [result], summary: summarize([result]) };
}

describe("fuzzed inputs (property)", () => {
  it("every report matches the schema, no result is an internal error, every reporter formats it", async () => {
    const reporters: [string, Reporter][] = await Promise.all(Object.keys(REPORTERS).map(async (f) => [f, wholeReport(await REPORTERS[f]!())] as [string, Reporter]));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const report = reportFor(seed);
        expect(report.results[0]!.error?.code, report.results[0]!.error?.message).not.toBe("internal");
        for (const [format, reporter] of reporters) {
          const text = reporter(report, context);
          if (format === "json") expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
        }
      }),
      { numRuns: 1200, seed: 20 },
    );
  }, 120_000);
});
