import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../rules/index.js";
import { ROOT } from "./helpers/run-cli.js";

/**
 * The package as users get it: `npm pack` (scripts skipped: `npm test` has just built dist/, and a
 * rebuild here would race the other test files), installed into an empty folder from the tarball,
 * then run as `npx modelcheck`, imported as a library, and type-checked against its .d.ts files.
 * Dependencies come from npm's cache when it has them (--prefer-offline), else from the registry.
 */
function sh(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm package", () => {
  const work = mkdtempSync(join(tmpdir(), "modelcheck-pack-"));
  const packed = sh("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], ROOT);

  it("holds the compiled code, its types, the rule docs and the public schemas, and nothing else", () => {
    expect(packed.code, packed.stderr).toBe(0);
    const files = (JSON.parse(packed.stdout)[0].files as { path: string }[]).map((f) => f.path);
    for (const needed of ["package.json", "README.md", "dist/bin/modelcheck.mjs", "dist/src/index.js", "dist/src/index.d.ts", "schemas/config.schema.json", "schemas/report.schema.json"]) expect(files).toContain(needed);
    for (const { meta } of RULES) expect(files).toContain(`rules/${meta.name}.md`);
    const unexpected = files.filter((f) => !/^(package\.json|README\.md|dist\/(src|rules)\/.*\.(js|d\.ts)|dist\/bin\/[\w.-]+\.mjs|rules\/[a-z0-9-]+\.md|schemas\/(config|report|normalized-model)\.schema\.json)$/.test(f));
    expect(unexpected).toEqual([]);
  });

  it("installs from the tarball into an empty folder and runs: CLI, rule docs, library, types", () => {
    const tarball = join(work, JSON.parse(packed.stdout)[0].filename as string);
    const app = join(work, "app");
    cpSync(join(ROOT, "examples/my-llama-700M"), join(app, "models/my-llama-700M"), { recursive: true });
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "pack-smoke", version: "1.0.0", private: true, type: "module" }));
    const install = sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--no-package-lock", tarball], app);
    expect(install.code, install.stderr).toBe(0);

    const help = sh("npx", ["--no-install", "modelcheck", "--help"], app);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain("Usage: modelcheck");
    const explain = sh("npx", ["--no-install", "modelcheck", "explain", "MC201"], app);
    expect(explain.stdout.startsWith(readFileSync(join(ROOT, "rules/advertised-size-mismatch.md"), "utf8").trimEnd())).toBe(true);
    // my-llama-700M has 1,446,078,464 parameters against its "700M" label (README example): one MC201 warning.
    const lint = sh("npx", ["--no-install", "modelcheck", "models", "-f", "json", "--fail-on", "warning"], app);
    expect(lint.code).toBe(1);
    expect(JSON.parse(lint.stdout).results[0].facts.parameters.total).toBe(1_446_078_464);

    copyFileSync(join(ROOT, "examples/library.mjs"), join(app, "library.mjs"));
    const library = sh(process.execPath, ["library.mjs", "models"], app);
    expect(library.stdout).toContain("models/my-llama-700M: 1,446,078,464 parameters, 1 finding");
    expect(library.code).toBe(1); // the example fails on warnings

    expect(existsSync(join(app, "node_modules/modelcheck/dist/src/index.d.ts"))).toBe(true);
    writeFileSync(
      join(app, "check.ts"),
      [
        'import { analyze, exitCodeFor, type AnalyzeOptions, type Report } from "modelcheck";',
        'const options: AnalyzeOptions = { config: false, rules: { severities: { MC201: "off" } } };',
        'const report: Report = await analyze(["models"], options);',
        "const total: number | undefined = report.results[0]?.facts?.parameters?.total;",
        "const code: 0 | 1 | 2 = exitCodeFor(report, { maxWarnings: -1, exitZero: false });",
        "export { total, code };",
        "",
      ].join("\n"),
    );
    const compilerOptions = { noEmit: true, strict: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", skipLibCheck: true, types: [] };
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["check.ts"] }));
    const tsc = sh(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "."], app);
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.code).toBe(0);
  });
});
