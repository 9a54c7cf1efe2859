import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { CLI, ROOT } from "./helpers/run-cli.js";

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as { inputs: Record<string, { default?: string }>; outputs: Record<string, unknown>; runs: { using: string; steps: Step[] } };
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string; bin: Record<string, string>; scripts: Record<string, string> };

describe("GitHub Action (action.yml)", () => {
  const steps = action.runs.steps;
  const runStep = steps.find((s) => s.id === "run")!;

  it("is a composite action: set up Node, run modelcheck, upload SARIF even on failure, then fail the job", () => {
    expect(action.runs.using).toBe("composite");
    expect(steps[0]!.uses).toMatch(/^actions\/setup-node@v\d+$/);
    const upload = steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"))!;
    expect(upload.if).toContain("always()");
    expect(upload.with!.sarif_file).toBe("${{ steps.run.outputs.sarif-file }}");
    expect(steps.at(-1)!.if).toBe("steps.run.outputs.exit-code != '0'");
    expect(runStep.run).toContain("-f github -f sarif -f markdown -o - -o \"$MODELCHECK_SARIF\" -o \"$summary\"");
  });

  it("never splices expressions into scripts, and uses only inputs it declares", () => {
    for (const step of steps) if (step.run) expect(step.run).not.toContain("${{");
    const used = [...readFileSync(join(ROOT, "action.yml"), "utf8").matchAll(/inputs\.([\w-]+)/g)].map((m) => m[1]!);
    for (const name of used) expect(Object.keys(action.inputs)).toContain(name);
  });

  /** Run the action's modelcheck step as the runner would, with `npx` standing in for the npm download. */
  function runStepScript(env: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), "modelcheck-action-"));
    cpSync(join(ROOT, "examples/my-llama-700M"), join(dir, "models/my-llama-700M"), { recursive: true });
    mkdirSync(join(dir, "bin"));
    const npx = join(dir, "bin/npx");
    writeFileSync(npx, `#!/bin/sh\n[ "$1" = "--yes" ] && shift\necho "$1" > "$NPX_LOG"\nshift\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(npx, 0o755);
    const files = { output: join(dir, "github-output"), summary: join(dir, "step-summary.md"), log: join(dir, "npx.log") };
    writeFileSync(files.output, "");
    const defaults = { MODELCHECK_TARGETS: action.inputs.targets!.default!, MODELCHECK_ARGS: "", MODELCHECK_VERSION: "", MODELCHECK_SARIF: action.inputs["sarif-file"]!.default! };
    const r = spawnSync("bash", ["-c", runStep.run!], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, ...defaults, ...env, PATH: `${join(dir, "bin")}:${process.env.PATH}`, NO_COLOR: "1", MODELCHECK_ACTION_PATH: ROOT, GITHUB_OUTPUT: files.output, GITHUB_STEP_SUMMARY: files.summary, NPX_LOG: files.log },
    });
    const outputs = Object.fromEntries(readFileSync(files.output, "utf8").trim().split("\n").filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]));
    return { ...r, dir, outputs, summary: () => readFileSync(files.summary, "utf8"), npx: () => readFileSync(files.log, "utf8").trim() };
  }

  it("its run step annotates, writes SARIF and the job summary, and reports the exit code without failing", () => {
    const r = runStepScript({ MODELCHECK_TARGETS: "models", MODELCHECK_ARGS: "--fail-on warning" });
    expect(r.status).toBe(0);
    expect(r.npx()).toBe(`modelcheck@${pkg.version}`); // the action runs its own version by default
    expect(r.stdout).toContain("::warning file=models/my-llama-700M/config.json,title=MC201 advertised-size-mismatch::");
    expect(r.outputs["exit-code"]).toBe("1");
    expect(r.outputs["sarif-file"]).toBe(join(r.dir, "modelcheck.sarif"));
    expect(JSON.parse(readFileSync(r.outputs["sarif-file"]!, "utf8")).runs[0].results).toHaveLength(1);
    expect(r.summary()).toContain("## modelcheck");
  });

  it("passes a pinned version, and leaves out the SARIF output when modelcheck could not run", () => {
    const ok = runStepScript({ MODELCHECK_TARGETS: "models", MODELCHECK_VERSION: "9.9.9" });
    expect([ok.npx(), ok.outputs["exit-code"]]).toEqual(["modelcheck@9.9.9", "0"]);
    const usage = runStepScript({ MODELCHECK_TARGETS: "models", MODELCHECK_ARGS: "--fail-on sometimes" });
    expect(usage.status).toBe(0);
    expect(usage.outputs["exit-code"]).toBe("2");
    expect(usage.outputs["sarif-file"]).toBeUndefined();
  });
});

describe("pre-commit hook (.pre-commit-hooks.yaml)", () => {
  const hooks = parse(readFileSync(join(ROOT, ".pre-commit-hooks.yaml"), "utf8")) as { id: string; entry: string; language: string; files: string; pass_filenames?: boolean }[];

  it("runs the package's own bin on the config.json files a commit touches", () => {
    expect(hooks.map((h) => h.id)).toEqual(["modelcheck", "modelcheck-all"]);
    const hook = hooks[0]!;
    expect(hook).toMatchObject({ id: "modelcheck", language: "node" });
    expect(Object.keys(pkg.bin)).toContain(hook.entry);
    // pre-commit installs a node hook with `npm install` and `npm pack` from the git checkout, where dist/ is not committed.
    expect(pkg.scripts.prepare).toBe("npm run build");
    const files = new RegExp(hook.files);
    for (const path of ["config.json", "models/llama/config.json"]) expect(files.test(path)).toBe(true);
    for (const path of ["tokenizer_config.json", "generation_config.json", "config.json.bak"]) expect(files.test(path)).toBe(false);
  });

  it("modelcheck-all checks the whole repository, configs and cards together, when either changes", () => {
    const hook = hooks[1]!;
    expect(hook).toMatchObject({ entry: "modelcheck .", language: "node", pass_filenames: false });
    expect(Object.keys(pkg.bin)).toContain(hook.entry.split(" ")[0]);
    const files = new RegExp(hook.files);
    for (const path of ["models/a/README.md", "config.json"]) expect(files.test(path)).toBe(true);
    expect(files.test("docs/notes.md")).toBe(false);
  });
});
