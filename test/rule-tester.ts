import { expect, it } from "vitest";
import type { Finding } from "../src/engine/finding.js";
import type { Rule } from "../src/engine/rule.js";
import { analyzeDocuments } from "../src/analyze/analyze-documents.js";
import type { RuleSettings } from "../src/engine/run-rules.js";
import { parseConfigBytes } from "../src/sources/read-config-document.js";
import type { TargetDocuments } from "../src/sources/target-documents.js";

/** A config as an object (serialized with 2-space indent) or raw text/bytes. */
export type ConfigInput = Record<string, unknown> | unknown[] | string | Uint8Array;

export interface RuleCase {
  name?: string;
  /** null for targets without a config (a lone checkpoint, an adapter). */
  config: ConfigInput | null;
  /** The folder or file name the config is read from (for size labels). */
  targetName?: string;
  /** Other documents of the target: a checkpoint, an adapter, unread weight files. */
  documents?: Omit<Partial<TargetDocuments>, "config" | "name">;
  options?: Record<string, unknown>;
}

export interface InvalidCase extends RuleCase {
  errors: { ruleId: string; pointer: string | null; severity?: Finding["severity"]; line?: number }[];
}

function toBytes(config: ConfigInput): Uint8Array {
  if (config instanceof Uint8Array) return config;
  return Buffer.from(typeof config === "string" ? config : JSON.stringify(config, null, 2));
}

/** Run the real pipeline (parse, normalize, facts, rules) on one config and return one rule's findings. */
export function runRule(rule: Rule, c: RuleCase): Finding[] {
  const config = c.config === null ? null : parseConfigBytes(toBytes(c.config), "config.json");
  const ruleSettings: RuleSettings = c.options ? { options: { [rule.meta.code]: c.options } } : {};
  return analyzeDocuments({ config, name: c.targetName ?? null, ...c.documents }, { input: "config.json", kind: "file", revision: null }, { rules: [rule], ruleSettings, cwd: process.cwd() }).findings;
}

/** ESLint-style table test: valid cases report nothing, invalid ones exactly the listed ids and pointers. */
export function testRule(rule: Rule, cases: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  for (const [i, c] of cases.valid.entries()) {
    it(`valid: ${c.name ?? i}`, () => {
      expect(runRule(rule, c)).toEqual([]);
    });
  }
  for (const [i, c] of cases.invalid.entries()) {
    it(`invalid: ${c.name ?? i}`, () => {
      const findings = runRule(rule, c);
      expect(findings.map((f) => ({ ruleId: f.ruleId, pointer: f.location.pointer }))).toEqual(c.errors.map((e) => ({ ruleId: e.ruleId, pointer: e.pointer })));
      c.errors.forEach((e, k) => {
        if (e.severity) expect(findings[k]!.severity).toBe(e.severity);
        if (e.line !== undefined) expect(findings[k]!.location.line).toBe(e.line);
      });
    });
  }
}
