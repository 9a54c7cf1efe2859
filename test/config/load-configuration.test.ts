import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../rules/index.js";
import { ConfigError } from "../../src/config/config-error.js";
import { createConfigResolver } from "../../src/config/config-resolver.js";
import { loadConfiguration } from "../../src/config/load-configuration.js";

const rules = RULES.map((r) => r.meta);

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "modelcheck-config-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** The ConfigError message of loading `name` in a tree holding only that file. */
async function errorOf(name: string, text: string, extra: Record<string, string> = {}): Promise<string> {
  const root = tree({ [name]: text, ...extra });
  try {
    await loadConfiguration(join(root, name), { rules, cwd: root });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error("expected a ConfigError");
}

async function settingsFor(root: string, file: string, config?: string | false) {
  const resolver = createConfigResolver({ rules, cwd: root, config });
  const scope = await resolver.forFolder(dirname(join(root, file)));
  return { settings: scope.ruleSettingsFor(join(root, file)), ignored: scope.isIgnored(join(root, file)), scope };
}

describe("config files", () => {
  it("reads YAML with rules by code or name, options, overrides and ignores", async () => {
    const root = tree({
      "modelcheck.config.yaml": [
        "rules:",
        "  MC003: warning",
        "  advertised-size-mismatch: { severity: error, options: { tolerance: 0.2 } }",
        "ignores: [vendor]",
        "overrides:",
        "  - files: ['community/**']",
        "    rules:",
        "      MC201: off",
        "",
      ].join("\n"),
    });
    const own = await settingsFor(root, "models/a/config.json");
    expect(own.settings).toEqual({ severities: { MC003: "warning", MC201: "error" }, options: { MC201: { tolerance: 0.2 } } });
    const community = await settingsFor(root, "community/b/config.json");
    expect(community.settings.severities).toEqual({ MC003: "warning", MC201: "off" });
    expect(community.settings.options).toEqual({ MC201: { tolerance: 0.2 } }); // an override that sets only a severity keeps the options
    expect((await settingsFor(root, "vendor/x/config.json")).ignored).toBe(true);
    expect(own.ignored).toBe(false);
  });

  it("reads the same settings from .modelcheckrc.json", async () => {
    const root = tree({ ".modelcheckrc.json": JSON.stringify({ rules: { MC003: "warning" }, overrides: [{ files: ["community/**"], rules: { "advertised-size-mismatch": "off" } }] }) });
    expect((await settingsFor(root, "community/b/config.json")).settings.severities).toEqual({ MC003: "warning", MC201: "off" });
  });

  it("merges extends first, then the file, later entries winning; globs stay relative to the file that wrote them", async () => {
    const root = tree({
      "shared/base.yaml": "rules:\n  MC201: { severity: error, options: { tolerance: 0.3 } }\n  MC103: off\nignores: ['old']\n",
      "shared/strict.yaml": "rules:\n  MC103: error\n",
      "repo/.modelcheckrc.yaml": "extends: [../shared/base.yaml, ../shared/strict.yaml]\nrules:\n  MC201: warning\n",
    });
    const { settings, scope } = await settingsFor(root, "repo/models/a/config.json");
    expect(settings.severities).toEqual({ MC201: "warning", MC103: "error" });
    expect(settings.options).toEqual({ MC201: { tolerance: 0.3 } });
    expect(scope.isIgnored(join(root, "shared/old/config.json"))).toBe(true);
    expect(scope.isIgnored(join(root, "repo/old/config.json"))).toBe(false);
  });

  it("finds the nearest config file above the target and stops at the repository root", async () => {
    const root = tree({
      "modelcheck.config.yaml": "rules:\n  MC201: off\n",
      "repo/.git/HEAD": "ref: refs/heads/main\n",
      "repo/models/a/config.json": "{}",
      "other/.modelcheckrc.yaml": "rules:\n  MC201: info\n",
      "other/.modelcheckrc.json": '{"rules": {"MC201": "error"}}',
      "other/deep/er/config.json": "{}",
    });
    expect((await settingsFor(root, "repo/models/a/config.json")).scope.configuration).toBeNull(); // .git stops the walk
    expect((await settingsFor(root, "other/deep/er/config.json")).settings.severities).toEqual({ MC201: "info" }); // .yaml before .json
    expect((await settingsFor(root, "x/config.json")).settings.severities).toEqual({ MC201: "off" });
    expect((await settingsFor(root, "x/config.json", false)).scope.configuration).toBeNull();
    expect((await settingsFor(root, "repo/models/a/config.json", join(root, "other/.modelcheckrc.json"))).settings.severities).toEqual({ MC201: "error" });
  });

  it("matches Hub repo ids against overrides as relative paths", async () => {
    const root = tree({ "modelcheck.config.yaml": "overrides:\n  - files: ['mistralai/**']\n    rules: { MC201: off }\n" });
    const scope = (await settingsFor(root, "x/config.json")).scope;
    expect(scope.ruleSettingsFor("mistralai/Mistral-7B-v0.1").severities).toEqual({ MC201: "off" });
    expect(scope.ruleSettingsFor("google/gemma-2-2b").severities).toEqual({});
  });

  it("applies the library's rules option over the config file, by code or name", async () => {
    const root = tree({ "modelcheck.config.yaml": "rules:\n  MC201: error\n" });
    const resolver = createConfigResolver({ rules, cwd: root, base: { severities: { "advertised-size-mismatch": "off" } } });
    expect((await resolver.forFolder(root)).ruleSettingsFor(join(root, "a/config.json")).severities).toEqual({ MC201: "off" });
    const bad = createConfigResolver({ rules, cwd: root, base: { options: { MC201: { tolerance: "wide" } } } });
    await expect(bad.forFolder(root)).rejects.toThrow(/tolerance.*must be number/);
  });

  describe("errors name the file, line and column", () => {
    it.each([
      ["YAML syntax", "modelcheck.config.yaml", "rules:\n  MC201: [warning\n", /^modelcheck\.config\.yaml:3:1: invalid YAML: /],
      ["JSON syntax", ".modelcheckrc.json", '{\n  "rules": { "MC201": "off", }\n}\n', /^\.modelcheckrc\.json:2:30: invalid JSON: /],
      ["unknown top-level key", "modelcheck.config.yaml", "rules: {}\nrule:\n  MC201: off\n", /^modelcheck\.config\.yaml:2:1: unknown property "rule" \(allowed: \$schema, extends, rules, ignores, overrides\)$/],
      ["bad severity", "modelcheck.config.yaml", "rules:\n  MC201: warn\n", /^modelcheck\.config\.yaml:2:10: rules\.MC201: must be one of "off", "info", "warning", "error", not "warn" \(did you mean "warning"\?\)$/],
      ["bad severity in JSON", ".modelcheckrc.json", '{\n  "rules": {\n    "MC201": "fatal"\n  }\n}\n', /^\.modelcheckrc\.json:3:5: rules\.MC201: must be one of/],
      ["rule entry of the wrong type", "modelcheck.config.yaml", "rules:\n  MC201: 2\n", /^modelcheck\.config\.yaml:2:10: rules\.MC201: must be a severity/],
      ["unknown rule", "modelcheck.config.yaml", "rules:\n  MC003: off\n  MC999: off\n", /^modelcheck\.config\.yaml:3:3: unknown rule "MC999"/],
      ["misspelt rule name", "modelcheck.config.yaml", "rules:\n  advertised-size-mismatsh: off\n", /did you mean advertised-size-mismatch\?/],
      ["invalid option value", "modelcheck.config.yaml", "rules:\n  MC201:\n    options:\n      tolerance: 5\n", /^modelcheck\.config\.yaml:4:18: MC201 advertised-size-mismatch option "tolerance" must be <= 1$/],
      ["unknown option", "modelcheck.config.yaml", "rules:\n  MC201:\n    options:\n      tolerence: 0.2\n", /^modelcheck\.config\.yaml:4:7: unknown option "tolerence" for MC201 advertised-size-mismatch \(options: tolerance\)$/],
      ["override without files", "modelcheck.config.yaml", "overrides:\n  - rules: { MC201: off }\n", /^modelcheck\.config\.yaml:2:5: overrides\[0\]: missing "files"$/],
      ["negated glob", "modelcheck.config.yaml", "ignores:\n  - '!keep'\n", /^modelcheck\.config\.yaml:2:5: negated globs/],
      ["missing extends", "modelcheck.config.yaml", "extends: ./nope.yaml\n", /^modelcheck\.config\.yaml:1:10: extends "\.\/nope\.yaml": config file not found$/],
      ["one rule set twice", "modelcheck.config.yaml", "rules:\n  MC201: off\n  advertised-size-mismatch: error\n", /^modelcheck\.config\.yaml:3:3: "advertised-size-mismatch" and "MC201" both configure MC201/],
    ])("%s", async (_label, name, text, expected) => {
      expect(await errorOf(name, text)).toMatch(expected);
    });

    it("circular extends", async () => {
      const message = await errorOf("modelcheck.config.yaml", "extends: a.yaml\n", { "a.yaml": "extends: modelcheck.config.yaml\n" });
      expect(message).toMatch(/^a\.yaml:1:10: circular extends: modelcheck\.config\.yaml → a\.yaml → modelcheck\.config\.yaml$/);
    });
  });
});

describe("config file names (issue 15 item 11: lilconfig's search list, without JavaScript)", () => {
  it.each(["modelcheck.config.yml", ".modelcheckrc.yml", "modelcheck.config.json", ".modelcheckrc"])("finds %s above a model", async (name) => {
    const text = name.endsWith(".json") ? '{"rules": {"MC201": "off"}}' : "rules:\n  MC201: off\n";
    const root = tree({ [name]: text, "models/a/config.json": "{}" });
    expect((await settingsFor(root, "models/a/config.json")).settings.severities).toEqual({ MC201: "off" });
  });

  it("reads .modelcheckrc written as JSON (YAML parses it)", async () => {
    const root = tree({ ".modelcheckrc": '{"rules": {"MC201": "info"}}', "a/config.json": "{}" });
    expect((await settingsFor(root, "a/config.json")).settings.severities).toEqual({ MC201: "info" });
  });

  it('reads the "modelcheck" key of package.json, and points errors into it', async () => {
    const root = tree({ "package.json": '{\n  "name": "x",\n  "modelcheck": { "rules": { "MC201": "warning" } }\n}\n', "a/config.json": "{}" });
    expect((await settingsFor(root, "a/config.json")).settings.severities).toEqual({ MC201: "warning" });
    const message = await errorOf("package.json", '{\n  "name": "x",\n  "modelcheck": {\n    "rules": { "MC201": "fatal" }\n  }\n}\n');
    // Line 4 is `    "rules": { "MC201": "fatal" }`: the key "MC201" starts at column 16, as JSON configs point at the key.
    expect(message).toMatch(/^package\.json:4:16: rules\.MC201: must be one of/);
  });

  it("a package.json without the key does not stop the search upward", async () => {
    const root = tree({ ".modelcheckrc.yml": "rules:\n  MC201: off\n", "pkg/package.json": '{"name": "pkg"}', "pkg/a/config.json": "{}" });
    const { settings, scope } = await settingsFor(root, "pkg/a/config.json");
    expect(settings.severities).toEqual({ MC201: "off" });
    expect(scope).toBeDefined();
  });

  it("the first name in the list wins within one folder", async () => {
    const root = tree({ "modelcheck.config.yaml": "rules:\n  MC201: error\n", ".modelcheckrc": "rules:\n  MC201: off\n", "package.json": '{"modelcheck": {"rules": {"MC201": "info"}}}', "a/config.json": "{}" });
    expect((await settingsFor(root, "a/config.json")).settings.severities).toEqual({ MC201: "error" });
  });
});
