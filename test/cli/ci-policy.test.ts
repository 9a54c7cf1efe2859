import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/run-cli.js";

/**
 * The issue's "done when": a repository with two model folders, a config file that turns MC201 off
 * for one glob and MC003 into a warning, and a baseline — exact findings and exit codes under each
 * failing policy.
 *
 *   models/team/llama-700M        examples/my-llama-700M: 1.45B parameters named "700M" → MC201 warning
 *   models/community/gemma-7B     examples/gemma-2-2b (2.61B, named "7B" → MC201, off for models/community/**),
 *                                 head_dim 256 ≠ 2304/8 → MC103 info, and "_name_or_path": 7 → MC003, an error by
 *                                 default, a warning under the config file. (A wrong flag such as
 *                                 "tie_word_embeddings": "yes" would make the count an estimate, and MC201 stays
 *                                 quiet on estimates: the saved name is a field that shapes nothing.)
 */
const CONFIG = ["rules:", "  MC003: warning", "overrides:", "  - files: ['models/community/**']", "    rules:", "      advertised-size-mismatch: off", ""].join("\n");

function repository(): string {
  const repo = mkdtempSync(join(tmpdir(), "modelcheck-ci-"));
  mkdirSync(join(repo, ".git")); // a repository root: config discovery stops here
  cpSync(join(ROOT, "examples/my-llama-700M/config.json"), join(repo, "models/team/llama-700M/config.json"), { recursive: true });
  mkdirSync(join(repo, "models/community/gemma-7B"), { recursive: true });
  writeFileSync(join(repo, "models/community/gemma-7B/config.json"), gemmaConfig(0));
  writeFileSync(join(repo, "modelcheck.config.yaml"), CONFIG);
  return repo;
}

/** gemma-2-2b's config with a number where the saved name belongs; `padding` extra keys move every line down. */
function gemmaConfig(padding: number, fields: Record<string, unknown> = { _name_or_path: 7 }): string {
  const config = JSON.parse(readFileSync(join(ROOT, "examples/gemma-2-2b/config.json"), "utf8")) as Record<string, unknown>;
  const padded: Record<string, unknown> = {};
  for (let i = 0; i < padding; i++) padded[`_comment_${i}`] = "added above the other keys";
  return `${JSON.stringify({ ...padded, ...config, ...fields }, null, 2)}\n`;
}

function run(repo: string, ...args: string[]) {
  const r = runCli(["models", "-f", "json", ...args], { cwd: repo });
  const report = r.stdout ? (JSON.parse(r.stdout) as { results: { target: string; findings: { ruleId: string; severity: string }[] }[] }) : null;
  const findings = report?.results.flatMap((t) => t.findings.map((f) => `${t.target} ${f.ruleId} ${f.severity}`)) ?? [];
  return { code: r.code, findings, stderr: r.stderr };
}

const TEAM_MC201 = "models/team/llama-700M MC201 warning";
const COMMUNITY_MC003 = "models/community/gemma-7B MC003 warning";
const COMMUNITY_MC103 = "models/community/gemma-7B MC103 info";

describe("CI policy on a repository with a config file and a baseline", () => {
  it("the config file turns MC201 off under models/community and MC003 into a warning", () => {
    const repo = repository();
    expect(run(repo).findings.sort()).toEqual([COMMUNITY_MC003, COMMUNITY_MC103, TEAM_MC201].sort());
    // Without the config file: MC201 fires on both models and MC003 is an error.
    expect(run(repo, "--no-config").findings.sort()).toEqual(
      ["models/community/gemma-7B MC003 error", COMMUNITY_MC103, "models/community/gemma-7B MC201 warning", TEAM_MC201].sort(),
    );
    expect(run(repo, "--no-config").code).toBe(1);
  });

  it.each([
    // [policy flags, exit code] with 0 errors, 2 warnings (team MC201, community MC003) and 1 info (MC103)
    [[], 0],
    [["--fail-on", "error"], 0],
    [["--fail-on", "warning"], 1],
    [["--fail-on", "info"], 1],
    [["--max-warnings", "2"], 0],
    [["--max-warnings", "1"], 1],
    [["--fail-on", "info", "--exit-zero"], 0],
    [["--quiet", "--fail-on", "warning"], 0], // --quiet drops warnings from the output and the counts
  ] as [string[], number][])("without a baseline, %j exits %i", (flags, code) => {
    expect(run(repository(), ...flags).code).toBe(code);
  });

  it("--update-baseline records every finding; the baseline then accepts them under any policy", () => {
    const repo = repository();
    const update = run(repo, "--baseline", "modelcheck-baseline.json", "--update-baseline");
    expect(update.code).toBe(0);
    expect(update.findings).toEqual([]);
    expect(update.stderr).toContain("wrote 3 findings to modelcheck-baseline.json (3 new, 0 pruned)");
    const baseline = JSON.parse(readFileSync(join(repo, "modelcheck-baseline.json"), "utf8"));
    expect(baseline.findings.map((f: { ruleId: string; file: string }) => `${f.file} ${f.ruleId}`)).toEqual([
      "models/community/gemma-7B/config.json MC003",
      "models/community/gemma-7B/config.json MC103",
      "models/team/llama-700M/config.json MC201",
    ]);
    for (const policy of [["--fail-on", "info"], ["--max-warnings", "0"]]) {
      const r = run(repo, "--baseline", "modelcheck-baseline.json", ...policy);
      expect([r.code, r.findings]).toEqual([0, []]);
    }
  });

  it.each([
    // [rules kept in the baseline, policy, exit code, findings left]
    [["MC003", "MC201"], ["--fail-on", "warning"], 0, [COMMUNITY_MC103]],
    [["MC003", "MC201"], ["--fail-on", "info"], 1, [COMMUNITY_MC103]],
    [["MC003"], ["--fail-on", "warning"], 1, [COMMUNITY_MC103, TEAM_MC201]],
    [["MC003"], ["--max-warnings", "1"], 0, [COMMUNITY_MC103, TEAM_MC201]],
    [["MC003"], ["--max-warnings", "0"], 1, [COMMUNITY_MC103, TEAM_MC201]],
    [[], ["--max-warnings", "1"], 1, [COMMUNITY_MC003, COMMUNITY_MC103, TEAM_MC201]],
  ] as [string[], string[], number, string[]][])("a baseline holding %j under %j exits %i", (kept, policy, code, left) => {
    const repo = repository();
    run(repo, "--baseline", "b.json", "--update-baseline");
    const baseline = JSON.parse(readFileSync(join(repo, "b.json"), "utf8"));
    baseline.findings = baseline.findings.filter((f: { ruleId: string }) => kept.includes(f.ruleId));
    writeFileSync(join(repo, "b.json"), JSON.stringify(baseline));
    const r = run(repo, "--baseline", "b.json", ...policy);
    expect(r.code).toBe(code);
    expect(r.findings.sort()).toEqual([...left].sort());
  });

  it("matches recorded findings by place, not line, and prunes the fixed ones", () => {
    const repo = repository();
    run(repo, "--baseline", "b.json", "--update-baseline");
    // Ten new keys above: every finding moves down ten lines, and stays accepted.
    writeFileSync(join(repo, "models/community/gemma-7B/config.json"), gemmaConfig(10));
    expect(run(repo, "--baseline", "b.json", "--fail-on", "info")).toMatchObject({ code: 0, findings: [] });
    // Fixing MC003 leaves its entry stale: a note, and --update-baseline removes it.
    writeFileSync(join(repo, "models/community/gemma-7B/config.json"), gemmaConfig(10, {}));
    const stale = run(repo, "--baseline", "b.json", "--fail-on", "info");
    expect(stale.code).toBe(0);
    expect(stale.stderr).toContain("baseline: 1 recorded finding no longer occurs; run with --update-baseline to prune it");
    const pruned = run(repo, "--baseline", "b.json", "--update-baseline");
    expect(pruned.stderr).toContain("wrote 2 findings to b.json (0 new, 1 pruned)");
    expect(JSON.parse(readFileSync(join(repo, "b.json"), "utf8")).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(["MC103", "MC201"]);
    // A new problem is not in the baseline: it fails the run.
    writeFileSync(join(repo, "models/community/gemma-7B/config.json"), gemmaConfig(0, { _name_or_path: false }));
    expect(run(repo, "--baseline", "b.json", "--fail-on", "warning")).toMatchObject({ code: 1, findings: [COMMUNITY_MC003] });
  });

  it("bad baseline and config files are one-line usage errors with exit 2", () => {
    const repo = repository();
    expect(run(repo, "--baseline", "missing.json")).toMatchObject({ code: 2, findings: [] });
    expect(run(repo, "--baseline", "missing.json").stderr).toBe("modelcheck: missing.json: baseline file not found (create it with --update-baseline)\n");
    writeFileSync(join(repo, "b.json"), "[]");
    expect(run(repo, "--baseline", "b.json").stderr).toMatch(/^modelcheck: b\.json: not a modelcheck baseline/);
    expect(run(repo, "--update-baseline").stderr).toBe("modelcheck: --update-baseline needs --baseline FILE (where to write it)\n");
    writeFileSync(join(repo, "modelcheck.config.yaml"), "rules:\n  MC003: warn\n");
    const bad = run(repo);
    expect(bad.code).toBe(2);
    expect(bad.findings).toEqual([]);
    expect(bad.stderr).toBe('modelcheck: modelcheck.config.yaml:2:10: rules.MC003: must be one of "off", "info", "warning", "error", not "warn" (did you mean "warning"?)\n');
  });

  it("--print-config shows the settings a model gets", () => {
    const repo = repository();
    const show = (path: string) => JSON.parse(runCli(["--print-config", path], { cwd: repo }).stdout);
    const community = show("models/community/gemma-7B");
    expect(community).toMatchObject({ file: "models/community/gemma-7B/config.json", configFile: "modelcheck.config.yaml", ignored: false });
    expect(community.rules.MC201).toEqual({ name: "advertised-size-mismatch", severity: "off", options: {} });
    expect(community.rules.MC003.severity).toBe("warning");
    expect(show("models/team/llama-700M/config.json").rules.MC201.severity).toBe("warning");
    expect(show("models/team/llama-700M/config.json").rules.MC001.severity).toBe("error");
  });

  it("ignores skip models in the folder walk and named on the command line", () => {
    const repo = repository();
    writeFileSync(join(repo, "modelcheck.config.yaml"), `${CONFIG}ignores: [community]\n`);
    expect(run(repo).findings).toEqual([TEAM_MC201]);
    const named = runCli(["models/community/gemma-7B/config.json", "-f", "json"], { cwd: repo });
    expect([named.code, JSON.parse(named.stdout).results]).toEqual([0, []]);
    writeFileSync(join(repo, "modelcheck.config.yaml"), `${CONFIG}ignores: [models]\n`);
    expect(run(repo)).toMatchObject({ code: 0, findings: [] }); // everything ignored on purpose: not a failure
  });
});
