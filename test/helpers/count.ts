import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deriveFacts } from "../../src/facts/derive-facts.js";
import { normalizeConfig } from "../../src/architectures/normalize-config.js";

export const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");

export function readFixtureConfig(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, "configs", `${name}.json`), "utf8")) as Record<string, unknown>;
}

/** Normalize a config and derive its facts, as the pipeline does. */
export function analyzeConfig(config: Record<string, unknown>, name: string | null = null) {
  const model = normalizeConfig(config);
  const derived = deriveFacts(model, name);
  return { model, ...derived, parameters: derived.facts.parameters };
}

/** The exact module-parameter total of a config. */
export function totalOf(config: Record<string, unknown>): number {
  const p = analyzeConfig(config).parameters;
  if (!p) throw new Error("no parameter count");
  return p.total;
}
