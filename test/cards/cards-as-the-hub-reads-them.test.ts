import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

/** The findings of a card given on standard input as README.md. */
function findingsOf(card: string): { ruleId: string; message: string; location: { line: number | null } }[] {
  const r = runCli(["-", "--stdin-filename", "README.md", "-f", "json"], { input: card });
  return JSON.parse(r.stdout).results[0].findings;
}

const BODY = "# A model\n\nA small model for tests, described in a few words so the body is not empty.\n";

describe("cards as the Hub reads them (issue 15 item 6)", () => {
  it("finds front matter after blank lines, as huggingface_hub's REGEX_YAML_BLOCK does, at the right lines", () => {
    const findings = findingsOf(`\n\n---\nlicense: apache2\n---\n${BODY}`);
    const licence = findings.find((f) => f.ruleId === "MC303")!;
    expect(licence.message).toContain("did you mean apache-2.0?");
    // Two blank lines, the fence on line 3, license on line 4.
    expect(licence.location.line).toBe(4);
  });

  it("counts HTML headings as sections", () => {
    const html = `---\nlicense: mit\n---\n${BODY}\n<h2>Intended use</h2>\n\nText.\n\n<h2 align="center">Limitations</h2>\n\nText.\n\n<h3><b>Training data</b></h3>\n\nText.\n`;
    expect(findingsOf(html).filter((f) => f.ruleId === "MC311")).toEqual([]);
    const without = `---\nlicense: mit\n---\n${BODY}`;
    expect(findingsOf(without).filter((f) => f.ruleId === "MC311")).toHaveLength(3);
  });

  it.each([
    ["language: english", "MC306", 'use "en"'],
    ["pipeline_tag: text-generations", "MC304", "did you mean text-generation?"],
    ["library_name: transfomers", "MC305", "did you mean transformers?"],
  ])("%s: %s suggests the Hub's value", (line, rule, hint) => {
    const finding = findingsOf(`---\nlicense: mit\n${line}\n---\n${BODY}`).find((f) => f.ruleId === rule)!;
    expect(finding.message).toContain(hint);
  });
});
