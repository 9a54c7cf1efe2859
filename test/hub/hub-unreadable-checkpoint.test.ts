import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../src/index.js";
import { ggufRepo } from "../helpers/hub-gguf-repo.js";
import { startHubSimulator } from "../helpers/hub-simulator.mjs";
import { tinyLlamaConfig } from "../helpers/write-gguf.js";

/**
 * A safetensors header the Hub serves but nobody can read (not JSON; a length of 2^40): the
 * library's SafetensorParseError becomes a fatal checkpoint problem (MC500) on the repo path, as a
 * local folder reports it, instead of failing the whole repo.
 */
const home = mkdtempSync(join(tmpdir(), "mc-hub-broken-header-"));

describe("a Hub checkpoint whose header cannot be read", () => {
  /** An 8-byte length, then the header bytes, as a safetensors file starts. */
  const safetensors = (header: string, claimed = Buffer.byteLength(header)) => {
    const length = Buffer.alloc(8);
    length.writeBigUInt64LE(BigInt(claimed));
    return Buffer.concat([length, Buffer.from(header)]);
  };
  const broken = ggufRepo("test-org/Broken-Header", { files: { "config.json": tinyLlamaConfig(), "model.safetensors": safetensors("{not json at all}   ") } });
  const hostile = ggufRepo("test-org/Hostile-Header", { files: { "config.json": tinyLlamaConfig(), "model.safetensors": safetensors("{}", 2 ** 40) } });
  // Valid JSON the library accepts, but a local file would not pass: a null dtype, 100 dimensions.
  const entry = (t: object) => JSON.stringify({ "model.norm.weight": { data_offsets: [0, 16], ...t } });
  const nullDtype = ggufRepo("test-org/Null-Dtype", { files: { "config.json": tinyLlamaConfig(), "model.safetensors": Buffer.concat([safetensors(entry({ dtype: null, shape: [4] })), Buffer.alloc(16)]) } });
  const rank100 = ggufRepo("test-org/Rank-100", { files: { "config.json": tinyLlamaConfig(), "model.safetensors": Buffer.concat([safetensors(entry({ dtype: "F32", shape: new Array(100).fill(1) })), Buffer.alloc(16)]) } });
  let local: Awaited<ReturnType<typeof startHubSimulator>>;
  beforeAll(async () => {
    local = await startHubSimulator({ repos: [broken, hostile, nullDtype, rank100], tokens: {} });
  });
  afterAll(async () => local.close());

  it("is an MC500 finding, as in a local folder, and the config is still analyzed", async () => {
    const report = await analyze(["test-org/Broken-Header", "test-org/Hostile-Header"], { config: false, hub: { endpoint: local.hubUrl, accessToken: null, env: { MODELCHECK_CACHE: join(home, "modelcheck"), HF_HOME: join(home, "hf") }, hooks: { retry: { attempts: 1 } } } });
    for (const result of report.results) {
      expect(result.status, JSON.stringify(result.error)).toBe("ok");
      // tinyLlamaConfig's count (test/helpers/write-gguf.ts): 86,848 parameters.
      expect(result.facts!.parameters!.total).toBe(86_848);
      const mc500 = result.findings.filter((f) => f.ruleId === "MC500");
      expect(mc500).toHaveLength(1);
      expect(mc500[0]!.location.file).toBe("model.safetensors");
      // As for a local folder: nothing is reconciled against a checkpoint whose header was not read.
      expect(result.facts!.parameters!.checkpoint).toBeNull();
    }
    expect(report.results[0]!.findings.find((f) => f.ruleId === "MC500")!.message).toMatch(/^model\.safetensors: .*not valid JSON/);
    expect(report.results[1]!.findings.find((f) => f.ruleId === "MC500")!.message).toMatch(/^model\.safetensors: .*(too big|exceeds|larger)/i);
  });

  it("passes remote headers through the local checks: a null dtype or 100 dimensions is MC500", async () => {
    const report = await analyze(["test-org/Null-Dtype", "test-org/Rank-100"], { config: false, hub: { endpoint: local.hubUrl, accessToken: null, env: { MODELCHECK_CACHE: join(home, "modelcheck"), HF_HOME: join(home, "hf") }, hooks: { retry: { attempts: 1 } } } });
    const messages = report.results.map((r) => r.findings.find((f) => f.ruleId === "MC500")?.message);
    expect(messages).toEqual(['model.safetensors: tensor "model.norm.weight" has an invalid dtype null', 'model.safetensors: tensor "model.norm.weight" has an invalid shape (expected an array of at most 16 dimensions)']);
    for (const result of report.results) expect(result.facts!.parameters!.checkpoint).toBeNull();
  });
});
