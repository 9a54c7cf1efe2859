import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../src/index.js";
import { sarifReporter } from "../../src/reporters/sarif.js";
import { RULES } from "../../rules/index.js";
import { ggufRepo } from "../helpers/hub-gguf-repo.js";
import { startHubSimulator } from "../helpers/hub-simulator.mjs";
import { tinyLlamaConfig } from "../helpers/write-gguf.js";

/**
 * `.eval_results/*.yaml` of a Hub repo (hub-docs eval-results.md), against the local Hub: listed in
 * the model info's siblings, downloaded like config.json at the pinned commit, checked by MC313 with
 * findings on the repo path, and kept in the document cache with the other small files.
 */
const GOOD = "- dataset:\n    id: cais/hle\n    task_id: default\n  value: 20.9\n";
const BAD = "- dataset:\n    id: Idavidrein/gpqa\n  value: '63.3'\n";
const repo = ggufRepo("test-org/With-Evals", {
  files: { "config.json": tinyLlamaConfig(), ".eval_results/hle.yaml": GOOD, ".eval_results/gpqa.yaml": BAD, ".eval_results/README.txt": "not results" },
});

let sim: Awaited<ReturnType<typeof startHubSimulator>>;
const home = mkdtempSync(join(tmpdir(), "mc-hub-evals-"));
beforeAll(async () => {
  sim = await startHubSimulator({ repos: [repo], tokens: {} });
});
afterAll(async () => sim.close());

const audit = (input: string) => analyze([input], { config: false, hub: { endpoint: sim.hubUrl, accessToken: null, env: { MODELCHECK_CACHE: join(home, "modelcheck"), HF_HOME: join(home, "hf") }, hooks: { retry: { attempts: 1 } } } });

describe("Hub .eval_results", () => {
  it("reads the repo's results files and reports MC313 on their repo paths, with Hub links in SARIF", async () => {
    const report = await audit("test-org/With-Evals");
    const result = report.results[0]!;
    expect(result.status).toBe("ok");
    const mc313 = result.findings.filter((f) => f.ruleId === "MC313");
    expect(mc313.map((f) => `${f.location.file}:${f.location.line} ${f.message}`)).toEqual([
      ".eval_results/gpqa.yaml:1 result 1.dataset has no task_id: the Hub's format requires it",
      ".eval_results/gpqa.yaml:3 result 1.value must be a number, found \"63.3\"",
    ]);
    // Only the YAML files were asked for; the text file beside them was not.
    const asked = sim.exchanges.map((e: { path: string }) => e.path);
    expect(asked.some((p: string) => p.includes(".eval_results/hle.yaml"))).toBe(true);
    expect(asked.some((p: string) => p.includes("README.txt"))).toBe(false);
    const sarif = JSON.parse(sarifReporter(report, { rules: RULES.map((r) => r.meta), version: "test", ruleDocs: {}, color: false, cwd: home }));
    const uris = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === "MC313").map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris[0]).toBe(`https://huggingface.co/test-org/With-Evals/blob/${repo.sha}/.eval_results/gpqa.yaml`);
  });

  it("an entry written by an older version (format 1, no results files) is a miss, not a silently incomplete hit", async () => {
    const folder = join(home, "modelcheck", "hub", "models--test-org--With-Evals");
    const path = join(folder, `${repo.sha}.json`);
    const fresh = readFileSync(path, "utf8");
    const entry = JSON.parse(fresh);
    for (const name of Object.keys(entry.files)) if (name.startsWith(".eval_results/")) delete entry.files[name];
    writeFileSync(path, JSON.stringify({ ...entry, format: 1 }));
    sim.reset();
    const report = await audit(`test-org/With-Evals@${repo.sha}`);
    expect(sim.exchanges.length).toBeGreaterThan(0);
    expect(report.results[0]!.findings.filter((f) => f.ruleId === "MC313")).toHaveLength(2);
  });

  it("a re-run at the full commit sha finds the results in the document cache, without a request", async () => {
    sim.reset();
    const report = await audit(`test-org/With-Evals@${repo.sha}`);
    expect(sim.exchanges).toHaveLength(0);
    expect(report.results[0]!.findings.filter((f) => f.ruleId === "MC313")).toHaveLength(2);
  });
});
