import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { RuleMeta } from "../engine/rule.js";

/** rules/ in the package: beside dist/ when compiled, beside src/ in a checkout. */
const RULES_DIR = [new URL("../../rules/", import.meta.url), new URL("../rules/", import.meta.url)];

/** The markdown doc of a rule (`rules/<name>.md`), or null when it is missing. */
export function readRuleDoc(name: string): string | null {
  for (const dir of RULES_DIR) {
    try {
      return readFileSync(fileURLToPath(new URL(`${name}.md`, dir)), "utf8");
    } catch {
      // try the next location
    }
  }
  return null;
}

export function readRuleDocs(rules: readonly RuleMeta[]): Record<string, string> {
  const docs: Record<string, string> = {};
  for (const rule of rules) docs[rule.name] = readRuleDoc(rule.name) ?? rule.description;
  return docs;
}
