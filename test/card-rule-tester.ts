import { expect, it } from "vitest";
import { analyzeDocuments } from "../src/analyze/analyze-documents.js";
import type { Finding } from "../src/engine/finding.js";
import type { Rule } from "../src/engine/rule.js";
import type { RuleSettings } from "../src/engine/run-rules.js";
import { parseCardText } from "../src/sources/read-card-document.js";
import { parseConfigBytes } from "../src/sources/read-config-document.js";

export interface CardCase {
  name?: string;
  /** README.md text. */
  card: string;
  /** The config beside the card; absent for a lone README.md. */
  config?: Record<string, unknown> | null;
  /** The name the model is known by (a folder name, or org/name for a Hub repo). */
  targetName?: string;
  options?: Record<string, unknown>;
  /** Other rules to run too (suppression tests). */
  with?: Rule[];
}

export interface InvalidCardCase extends CardCase {
  /** Expected findings in order: rule id and card line (and optionally pointer, column, severity). */
  errors: { ruleId: string; line: number | null; column?: number; pointer?: string | null; severity?: Finding["severity"] }[];
}

/** Run the real pipeline on a card (and its config, if any) with the given rule; return the findings. */
export function runCardRule(rule: Rule, c: CardCase): Finding[] {
  const card = parseCardText(c.card, "README.md");
  const config = c.config ? parseConfigBytes(Buffer.from(JSON.stringify(c.config, null, 2)), "config.json") : null;
  const ruleSettings: RuleSettings = c.options ? { options: { [rule.meta.code]: c.options } } : {};
  return analyzeDocuments({ config, name: c.targetName ?? null, card }, { input: "model", kind: "directory", revision: null }, { rules: [rule, ...(c.with ?? [])], ruleSettings, cwd: process.cwd() }).findings;
}

/** Table test for card rules: valid cases report nothing, invalid ones exactly the listed findings in card order. */
export function testCardRule(rule: Rule, cases: { valid: CardCase[]; invalid: InvalidCardCase[] }): void {
  for (const [i, c] of cases.valid.entries()) {
    it(`valid: ${c.name ?? i}`, () => {
      expect(runCardRule(rule, c).map((f) => `${f.ruleId} ${f.location.line}: ${f.message}`)).toEqual([]);
    });
  }
  for (const [i, c] of cases.invalid.entries()) {
    it(`invalid: ${c.name ?? i}`, () => {
      const findings = runCardRule(rule, c);
      expect(findings.map((f) => ({ ruleId: f.ruleId, line: f.location.line }))).toEqual(c.errors.map((e) => ({ ruleId: e.ruleId, line: e.line })));
      c.errors.forEach((e, k) => {
        const f = findings[k]!;
        expect(f.location.file).toBe("README.md");
        if (e.column !== undefined) expect(f.location.column).toBe(e.column);
        if (e.pointer !== undefined) expect(f.location.pointer).toBe(e.pointer);
        if (e.severity) expect(f.severity).toBe(e.severity);
      });
    });
  }
}
