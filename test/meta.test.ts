import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { modelTypeRows, modelTypesMarkdown } from "../src/architectures/model-type-list.js";
import { normalizeConfig } from "../src/architectures/normalize-config.js";
import { MODEL_TYPE_SPECS } from "../src/architectures/registry.js";
import { RULES } from "../rules/index.js";
import { sarifReporter } from "../src/reporters/sarif.js";
import { readRuleDocs } from "../src/cli/rule-docs.js";
import { ROOT } from "./helpers/run-cli.js";

/** Keeps the rule set honest: codes, names, docs, tests, options schemas and SARIF listing. */
const metas = RULES.map((r) => r.meta);
const testSources = readdirSync(join(ROOT, "test", "rules")).map((f) => readFileSync(join(ROOT, "test", "rules", f), "utf8")).join("\n");

describe("rule set", () => {
  it("has unique codes and names in the documented formats", () => {
    expect(new Set(metas.map((m) => m.code)).size).toBe(metas.length);
    expect(new Set(metas.map((m) => m.name)).size).toBe(metas.length);
    for (const m of metas) {
      expect(m.code).toMatch(/^MC[0-5]\d\d$/);
      expect(m.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(["error", "warning", "info"]).toContain(m.defaultSeverity);
      expect(Object.keys(m.messages).length).toBeGreaterThan(0);
    }
  });

  it.each(metas.map((m) => [m.code, m.name] as const))("%s %s has its doc with the fixed sections", (code, name) => {
    const path = join(ROOT, "rules", `${name}.md`);
    expect(existsSync(path)).toBe(true);
    const doc = readFileSync(path, "utf8");
    expect(doc.startsWith(`# ${code} ${name}`)).toBe(true);
    for (const section of ["## What it checks", "## Why it matters", "## Failing example", "## Passing example", "## How to fix"]) expect(doc).toContain(section);
  });

  it.each(metas.map((m) => [m.code, m.name] as const))("%s %s has a table test", (_code, name) => {
    const exportName = RULES.find((r) => r.meta.name === name)!;
    const file = readdirSync(join(ROOT, "rules")).find((f) => f === `${name}.ts`);
    expect(file).toBeDefined();
    expect(testSources).toContain(`../../rules/${name}.js`);
    expect(exportName).toBeDefined();
  });

  it("every options schema compiles", () => {
    const ajv = new Ajv({ strict: true });
    for (const m of metas) expect(() => ajv.compile(m.optionsSchema)).not.toThrow();
  });

  it("every rule appears in SARIF tool.driver.rules", () => {
    const sarif = JSON.parse(sarifReporter({ tool: { name: "modelcheck", version: "0" }, results: [], summary: { targets: 0, failed: 0, errors: 0, warnings: 0, infos: 0 } }, { rules: metas, version: "0", ruleDocs: readRuleDocs(metas), color: false, cwd: ROOT }));
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(metas.map((m) => m.code));
  });

  it("docs/rules.md's table lists every rule", () => {
    const table = readFileSync(join(ROOT, "docs", "rules.md"), "utf8");
    for (const m of metas) expect(table).toContain(`| ${m.code} | \`${m.name}\``);
  });

  it("docs/model-types.md is the list `modelcheck types -f markdown` prints, and names every registered type", () => {
    const doc = readFileSync(join(ROOT, "docs", "model-types.md"), "utf8");
    expect(doc, "regenerate with: npm run build && node scripts/generate-model-types.mjs").toBe(modelTypesMarkdown(modelTypeRows()));
    for (const spec of MODEL_TYPE_SPECS) expect(doc).toContain(`| ${spec.modelType} |`);
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(readme).toContain(`${MODEL_TYPE_SPECS.length} model types`);
  });

  it("every registered model type has a fixture with its expected count, and properties to keep", () => {
    const covered = new Set<string>();
    for (const file of readdirSync(join(ROOT, "fixtures", "expected")).filter((f) => f.endsWith(".json"))) {
      const expected = JSON.parse(readFileSync(join(ROOT, "fixtures", "expected", file), "utf8")) as { properties?: Record<string, unknown> };
      if (Object.keys(expected.properties ?? {}).length === 0) continue;
      const model = normalizeConfig(JSON.parse(readFileSync(join(ROOT, "fixtures", "configs", file), "utf8")));
      if (model.layoutType) covered.add(model.layoutType);
      // A config whose class routes it to another type's layout (RWForCausalLM → falcon) still covers its own model_type's dialect.
      if (model.modelType) covered.add(model.modelType);
    }
    expect(MODEL_TYPE_SPECS.map((s) => s.modelType).filter((t) => !covered.has(t))).toEqual([]);
  });
});
