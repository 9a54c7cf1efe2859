import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { generateValidatorSource, OUTPUT_PATH, SCHEMA_PATH } from "../../scripts/generate-config-validator.mjs";
import { validate } from "../../src/config/validate-config-schema.generated.js";
import { CLI, ROOT } from "../helpers/run-cli.js";
import { draft07Validator } from "../helpers/schemas.js";

describe("schemas/config.schema.json", () => {
  it("compiles in ajv's strict mode", () => {
    expect(() => draft07Validator("config.schema.json")).not.toThrow();
  });

  it("matches its precompiled validator (run node scripts/generate-config-validator.mjs after editing the schema)", () => {
    expect(readFileSync(OUTPUT_PATH, "utf8")).toBe(generateValidatorSource(readFileSync(SCHEMA_PATH, "utf8")));
  });

  it("accepts the config file docs/config-files.md documents, and the precompiled validator agrees with ajv", () => {
    const section = readFileSync(join(ROOT, "docs", "config-files.md"), "utf8");
    const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBeDefined();
    const config = parse(block!);
    expect(Object.keys(config)).toEqual(expect.arrayContaining(["extends", "rules", "ignores", "overrides"]));
    const ajv = draft07Validator("config.schema.json");
    expect(ajv(config), JSON.stringify(ajv.errors)).toBe(true);
    expect(validate(config)).toBe(true);
    for (const bad of [{ rules: { MC201: "warn" } }, { overrides: [{ rules: {} }] }, { ignore: [] }, { rules: { MC201: { level: "off" } } }, { extends: 1 }]) {
      expect(ajv(bad)).toBe(false);
      expect(validate(bad)).toBe(false);
    }
  });
});

describe("lazy loading", () => {
  /** Module URLs the CLI resolves for these arguments, run in `cwd`. */
  function imports(args: string[], cwd: string): string[] {
    const trace = join(mkdtempSync(join(tmpdir(), "modelcheck-trace-")), "imports.txt");
    writeFileSync(trace, "");
    const r = spawnSync(process.execPath, ["--import", join(ROOT, "test/helpers/trace-imports.mjs"), CLI, ...args], { cwd, env: { ...process.env, TRACE_IMPORTS_FILE: trace }, encoding: "utf8" });
    expect(r.status, r.stderr).toBeLessThan(2);
    return readFileSync(trace, "utf8").split("\n").filter(Boolean);
  }
  const loads = (urls: string[], fragment: string) => urls.some((u) => u.includes(fragment));
  // The CLI ships bundled (scripts/bundle-cli.mjs): the validator lives in whichever chunk holds its code.
  const binDir = join(ROOT, "dist", "bin");
  const validator = readdirSync(binDir).find((f) => readFileSync(join(binDir, f), "utf8").includes("validate-config-schema.generated"))!;

  it("without a config file, neither ajv, yaml nor the config validator is loaded", () => {
    const urls = imports([join(ROOT, "examples/Mistral-7B-v0.1/config.json"), "-f", "json"], mkdtempSync(join(tmpdir(), "modelcheck-noconfig-")));
    expect(urls.length).toBeGreaterThan(10); // the trace works
    expect(loads(urls, "/node_modules/ajv/")).toBe(false);
    expect(loads(urls, "/node_modules/yaml/")).toBe(false);
    expect(validator).toBeDefined();
    expect(loads(urls, validator)).toBe(false);
  });

  it("a YAML config file loads yaml and the precompiled validator, and ajv only when it sets rule options", () => {
    const dir = mkdtempSync(join(tmpdir(), "modelcheck-withconfig-"));
    writeFileSync(join(dir, "modelcheck.config.yaml"), "rules:\n  MC103: off\n");
    const target = join(ROOT, "examples/Mistral-7B-v0.1/config.json");
    const plain = imports([target, "--config", "modelcheck.config.yaml"], dir);
    expect(loads(plain, "/node_modules/yaml/")).toBe(true);
    expect(loads(plain, validator)).toBe(true);
    expect(loads(plain, "/node_modules/ajv/")).toBe(false);
    writeFileSync(join(dir, "modelcheck.config.yaml"), "rules:\n  MC201: { options: { tolerance: 0.2 } }\n");
    expect(loads(imports([target, "--config", "modelcheck.config.yaml"], dir), "/node_modules/ajv/")).toBe(true);
  });
});
