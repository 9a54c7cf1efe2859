import { describe, expect, it } from "vitest";
import type { Rule } from "../../src/engine/rule.js";
import { runRules } from "../../src/engine/run-rules.js";
import { parseConfigBytes } from "../../src/sources/read-config-document.js";

/** A rule that reports one pointer (test rules, not mocks: the engine runs them as any rule). */
function pointing(code: string, pointer: string): Rule {
  return {
    meta: { code, name: `points-${code}`, description: "test", defaultSeverity: "warning", optionsSchema: { type: "object" }, messages: { m: "here" } },
    check: (_model, _facts, _documents, ctx) => ctx.report({ messageId: "m", pointer }),
  };
}

describe("findings sorted by line, then column (issue 15 item 6)", () => {
  it("two findings on one line come in column order, whatever order the rules ran in", () => {
    // Line 2 holds both keys: "b" at column 3, "a" at column 11.
    const text = '{\n  "b": 1, "a": 2,\n  "c": 3\n}';
    const config = parseConfigBytes(Buffer.from(text), "config.json");
    const rules = [pointing("MC990", "/c"), pointing("MC991", "/a"), pointing("MC992", "/b")];
    const findings = runRules(rules, { model: null, facts: null, inventory: null, documents: { config, name: null } as never });
    expect(findings.map((f) => [f.location.line, f.location.column, f.ruleId])).toEqual([
      [2, 3, "MC992"],
      [2, 11, "MC991"],
      [3, 3, "MC990"],
    ]);
  });
});
