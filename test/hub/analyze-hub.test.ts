import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../src/index.js";
import { HUB, loadRecording, mountRecording } from "../helpers/hub-recording.js";
import { ROOT } from "../helpers/run-cli.js";

const TOKEN = "hf_analyzeTestTokenXXXXXXXXXXXXXXXX";

function env(): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), "mc-analyze-hub-"));
  return { MODELCHECK_CACHE: join(home, "modelcheck"), HF_HOME: join(home, "hf") };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("analyze() with Hub targets", () => {
  it("keeps the input order across local and Hub targets", async () => {
    mountRecording("Qwen/Qwen3-0.6B", loadRecording("Qwen/Qwen3-0.6B"));
    mountRecording("facebook/opt-125m", loadRecording("facebook/opt-125m"));
    const report = await analyze(["Qwen/Qwen3-0.6B", "examples/Mistral-7B-v0.1", "facebook/opt-125m"], { cwd: ROOT, config: false, hub: { endpoint: HUB, accessToken: null, env: env(), concurrency: 1 } });
    expect(report.results.map((r) => [r.target, r.kind, r.status])).toEqual([
      ["Qwen/Qwen3-0.6B", "hub", "ok"],
      ["examples/Mistral-7B-v0.1", "directory", "ok"],
      ["facebook/opt-125m", "hub", "ok"],
    ]);
    // Qwen3-0.6B's config gives 596,049,920 parameters (the Hub's 751,632,384 stored minus the untied head, 151936 × 1024).
    expect(report.results[0]!.facts?.parameters?.total).toBe(596_049_920);
  });

  it("cuts the token out of a message a server echoes it in", async () => {
    nock(HUB).get(/^\/api\/models\/org\/m\/revision\/main\?/).reply(403, "forbidden", { "x-error-message": `token ${TOKEN} is not allowed here` });
    const report = await analyze(["org/m"], { config: false, hub: { endpoint: HUB, accessToken: TOKEN, env: env() } });
    const error = report.results[0]!.error!;
    expect(error.code).toBe("unauthorized");
    expect(error.message).toBe("org/m: model info: access denied (403: token hf_*** is not allowed here)");
  });
});
