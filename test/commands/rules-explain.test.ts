import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../rules/index.js";
import { ROOT, runCli } from "../helpers/run-cli.js";

const cwd = mkdtempSync(join(tmpdir(), "modelcheck-commands-"));

describe("command names and paths", () => {
  it("a command name means the command even where a folder has that name; ./name analyzes the folder", () => {
    // The repository root holds a rules/ folder (the rule sources).
    const command = runCli(["rules", "-f", "json"], { cwd: ROOT });
    expect(command.code).toBe(0);
    expect(JSON.parse(command.stdout)).toHaveLength(RULES.length);
    const folder = runCli(["./rules", "-f", "json"], { cwd: ROOT });
    expect(JSON.parse(folder.stdout).results[0].target).toBe("./rules");
  });
});

describe("modelcheck rules", () => {
  it("lists every rule with code, name, default severity and description", () => {
    const r = runCli(["rules"], { cwd });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^code\s+name\s+default\s+description$/);
    expect(lines).toHaveLength(RULES.length + 1);
    for (const [i, { meta }] of RULES.entries()) {
      expect(lines[i + 1]!.split(/\s{2,}|\s(?=\S)/).slice(0, 1)).toEqual([meta.code]);
      expect(lines[i + 1]).toContain(` ${meta.name} `);
      expect(lines[i + 1]).toContain(` ${meta.defaultSeverity} `);
      expect(lines[i + 1]!.endsWith(meta.description)).toBe(true);
    }
  });

  it("-f json adds the options schemas", () => {
    const rows = JSON.parse(runCli(["rules", "-f", "json"], { cwd }).stdout) as { code: string; optionsSchema: object }[];
    expect(rows.map((r) => r.code)).toEqual(RULES.map((r) => r.meta.code));
    expect(rows.find((r) => r.code === "MC201")!.optionsSchema).toMatchObject({ properties: { tolerance: { type: "number" } } });
  });
});

describe("modelcheck explain", () => {
  it("prints the rule's doc by code or name, with its default severity and options", () => {
    const doc = readFileSync(join(ROOT, "rules/advertised-size-mismatch.md"), "utf8");
    for (const key of ["MC201", "mc201", "advertised-size-mismatch"]) {
      const r = runCli(["explain", key], { cwd });
      expect(r.code).toBe(0);
      expect(r.stdout.startsWith(doc.trimEnd())).toBe(true);
      expect(r.stdout).toContain("Default severity: warning. Options: tolerance");
    }
  });

  it("an unknown rule is a one-line error with a suggestion, exit 2", () => {
    const r = runCli(["explain", "MC2O1"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe('modelcheck: unknown rule "MC2O1" (did you mean MC201?); modelcheck rules lists them\n');
    expect(runCli(["explain"], { cwd }).code).toBe(2);
  });
});
