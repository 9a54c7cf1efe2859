import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SourceError } from "../../src/errors.js";
import { analyze } from "../../src/index.js";
import { classifyWeightFiles, readCheckpointFile, readLocalCheckpoint } from "../../src/sources/read-local-checkpoint.js";
import { LLAMA2_7B, MISTRAL_7B, QWEN3_06B } from "../helpers/checkpoints.js";
import { readFixtureConfig } from "../helpers/count.js";
import { headerJson, headerPrefix, writeRaw, writeSafetensors, writeSharded } from "../helpers/safetensors.js";

let root: string;
const at = (...parts: string[]) => join(root, ...parts);
function folder(name: string, config?: Record<string, unknown>): string {
  const dir = at(name);
  mkdirSync(dir, { recursive: true });
  if (config) writeFileSync(join(dir, "config.json"), JSON.stringify(config, null, 2));
  return dir;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "modelcheck-ckpt-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("classifyWeightFiles", () => {
  it("sorts a folder's names into safetensors, indexes and weights it cannot read", () => {
    expect(classifyWeightFiles(["config.json", "model-00002-of-00002.safetensors", "model-00001-of-00002.safetensors", "model.safetensors.index.json", "pytorch_model.bin", "pytorch_model.bin.index.json", "README.md"])).toEqual({
      safetensors: ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"],
      indexes: ["model.safetensors.index.json"],
      unread: ["pytorch_model.bin", "pytorch_model.bin.index.json"],
    });
  });
});

describe("readLocalCheckpoint", () => {
  it("reads a single model.safetensors from its header alone (a 14 GB sparse file)", () => {
    const dir = folder("single");
    writeSafetensors(join(dir, "model.safetensors"), MISTRAL_7B);
    // 7,241,732,096 BF16 values: 14,483,464,192 bytes of data the reader never touches.
    expect(statSync(join(dir, "model.safetensors")).size).toBeGreaterThan(14_483_464_192);
    const cp = readLocalCheckpoint(dir, "single")!;
    expect(cp.problems).toEqual([]);
    expect(cp.files).toEqual(["model.safetensors"]);
    expect(cp.tensors).toHaveLength(291);
    expect(cp.document.path).toBe("single/model.safetensors");
  });

  it("reads a sharded checkpoint through model.safetensors.index.json", () => {
    const dir = folder("sharded");
    writeSharded(dir, [MISTRAL_7B.slice(0, 150), MISTRAL_7B.slice(150)]);
    const cp = readLocalCheckpoint(dir, "sharded")!;
    expect(cp.problems).toEqual([]);
    expect(cp.files).toEqual(["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"]);
    expect(cp.tensors).toHaveLength(291);
    expect(cp.tensors[150]!.file).toBe("model-00002-of-00002.safetensors");
    expect(cp.document.path).toBe("sharded/model.safetensors.index.json");
    // Findings can point into the index.
    expect(cp.document.locate("/weight_map/lm_head.weight")?.line).toBeGreaterThan(1);
  });

  it("prefers model.safetensors over other safetensors names, and reads other names when it is absent", () => {
    const both = folder("both");
    writeSafetensors(join(both, "model.safetensors"), QWEN3_06B);
    writeSafetensors(join(both, "consolidated.safetensors"), [{ name: "tok_embeddings.weight", dtype: "BF16", shape: [8, 8] }]);
    expect(readLocalCheckpoint(both, "both")!.files).toEqual(["model.safetensors"]);
    const other = folder("other");
    writeSafetensors(join(other, "consolidated.safetensors"), [{ name: "tok_embeddings.weight", dtype: "BF16", shape: [8, 8] }]);
    expect(readLocalCheckpoint(other, "other")!.files).toEqual(["consolidated.safetensors"]);
    expect(readLocalCheckpoint(folder("empty"), "empty")).toBeNull();
  });

  it("reports a shard the index names but the folder lacks, and never follows a path out of the folder", () => {
    const missing = folder("missing-shard");
    writeSharded(missing, [MISTRAL_7B.slice(0, 10), MISTRAL_7B.slice(10)]);
    rmSync(join(missing, "model-00002-of-00002.safetensors"));
    expect(readLocalCheckpoint(missing, "m")!.problems).toEqual([{ file: "model-00002-of-00002.safetensors", message: "no such file", fatal: true }]);

    const escape = folder("escape");
    writeFileSync(join(escape, "model.safetensors.index.json"), JSON.stringify({ weight_map: { "a.weight": "../single/model.safetensors" } }));
    const cp = readLocalCheckpoint(escape, "escape")!;
    expect(cp.tensors).toEqual([]);
    expect(cp.problems?.[0]).toMatchObject({ file: "model.safetensors.index.json", fatal: true });
    expect(cp.problems?.[0]?.message).toMatch(/a shard must be a .safetensors file in the same folder/);
  });

  it("notes tensors the index and the shard headers disagree on, without failing the checkpoint", () => {
    const dir = folder("disagree");
    writeSharded(dir, [MISTRAL_7B.slice(0, 10), MISTRAL_7B.slice(10)]);
    writeFileSync(join(dir, "model.safetensors.index.json"), JSON.stringify({ weight_map: { ...Object.fromEntries(MISTRAL_7B.map((t, k) => [t.name, k < 10 ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors"])), "ghost.weight": "model-00001-of-00002.safetensors" } }));
    const cp = readLocalCheckpoint(dir, "d")!;
    expect(cp.tensors).toHaveLength(291);
    expect(cp.problems).toEqual([{ file: "model-00001-of-00002.safetensors", message: "the index lists 1 tensor in model-00001-of-00002.safetensors that its header does not hold (ghost.weight)", fatal: false }]);
  });

  it("turns hostile and truncated files into problems, never a crash", () => {
    const cases: [string, Buffer, number, RegExp][] = [
      ["huge-length", (() => { const b = Buffer.alloc(8); b.writeBigUInt64LE(2n ** 63n); return b; })(), 0, /exceeds the 100 MiB limit/],
      ["tiny", Buffer.from([1, 0, 0]), 0, /too short for the 8-byte header length/],
      ["garbage-json", headerPrefix("{\"a\": {\"dtype\": "), 0, /not valid JSON/],
      ["truncated-data", headerPrefix(headerJson(MISTRAL_7B).json), 1024, /past the 1024 bytes of data in the file: truncated/],
    ];
    for (const [name, bytes, hole, message] of cases) {
      const dir = folder(`hostile-${name}`);
      writeRaw(join(dir, "model.safetensors"), bytes, hole);
      const cp = readLocalCheckpoint(dir, name)!;
      expect(cp.tensors).toEqual([]);
      expect(cp.problems).toHaveLength(1);
      expect(cp.problems![0]!.fatal).toBe(true);
      expect(cp.problems![0]!.message).toMatch(message);
    }
  });
});

describe("readCheckpointFile", () => {
  it("fails a lone file that does not exist as a source error", () => {
    expect(() => readCheckpointFile(at("nope.safetensors"), "nope.safetensors")).toThrow(SourceError);
  });
});

describe("local targets end to end (analyze)", () => {
  it("a model folder reconciles its checkpoint: Qwen3-0.6B stores a tied lm_head (751,632,384 Hub total)", async () => {
    const dir = folder("Qwen3-0.6B", readFixtureConfig("Qwen--Qwen3-0.6B"));
    writeSafetensors(join(dir, "model.safetensors"), QWEN3_06B);
    const report = await analyze([dir], { cwd: root });
    const r = report.results[0]!;
    expect(r.status).toBe("ok");
    expect(r.facts?.parameters?.checkpoint).toMatchObject({ total: 751_632_384, logical: 751_632_384, compared: true, differences: [{ tensor: "lm_head.weight", kind: "tied-stored", count: 155_582_464 }] });
    expect(r.findings.filter((f) => f.ruleId.startsWith("MC5")).map((f) => f.ruleId)).toEqual(["MC502"]);
  });

  it("a sharded folder: Mistral-7B-v0.1, 7,241,732,096 = config total, no MC5xx finding", async () => {
    const dir = folder("Mistral-7B-v0.1", readFixtureConfig("mistralai--Mistral-7B-v0.1"));
    writeSharded(dir, [MISTRAL_7B.slice(0, 100), MISTRAL_7B.slice(100, 200), MISTRAL_7B.slice(200)]);
    const r = (await analyze([dir], { cwd: root })).results[0]!;
    expect(r.facts?.parameters?.checkpoint).toMatchObject({ total: 7_241_732_096, files: 3, compared: true, differences: [] });
    expect(r.findings.filter((f) => f.ruleId.startsWith("MC5"))).toEqual([]);
  });

  it("a .bin-only folder: config facts and the MC507 note", async () => {
    const dir = folder("bin-only", readFixtureConfig("meta-llama--Llama-2-7b-hf"));
    writeFileSync(join(dir, "pytorch_model.bin"), "not read");
    const r = (await analyze([dir], { cwd: root })).results[0]!;
    expect(r.facts?.parameters?.total).toBe(6_738_415_616);
    expect(r.facts?.parameters?.checkpoint).toBeNull();
    expect(r.findings.filter((f) => f.ruleId === "MC507")).toHaveLength(1);
  });

  it("a hostile header in one folder is an MC500 finding; the other folders' results are complete", async () => {
    const parent = folder("batch");
    const good = folder("batch/a-good", readFixtureConfig("meta-llama--Llama-2-7b-hf"));
    writeSafetensors(join(good, "model.safetensors"), LLAMA2_7B);
    const bad = folder("batch/b-bad", readFixtureConfig("mistralai--Mistral-7B-v0.1"));
    writeRaw(join(bad, "model.safetensors"), headerPrefix(headerJson(MISTRAL_7B).json), 10);
    const [a, b] = (await analyze([parent], { cwd: root })).results;
    expect(a!.facts?.parameters?.checkpoint).toMatchObject({ total: 6_738_417_664 });
    expect(b!.status).toBe("ok");
    expect(b!.facts?.parameters?.total).toBe(7_241_732_096);
    expect(b!.facts?.parameters?.checkpoint).toBeNull();
    expect(b!.findings.filter((f) => f.ruleId === "MC500").map((f) => f.severity)).toEqual(["error"]);
  });

  it("a lone safetensors file and an index file are targets: stored counts by dtype from the headers alone", async () => {
    const dir = folder("lone");
    writeSafetensors(join(dir, "weights.safetensors"), LLAMA2_7B);
    writeSharded(folder("lone/sharded"), [LLAMA2_7B.slice(0, 50), LLAMA2_7B.slice(50)]);
    const report = await analyze(["lone/weights.safetensors", "lone/sharded/model.safetensors.index.json"], { cwd: root });
    for (const r of report.results) {
      expect(r.status).toBe("ok");
      expect(r.facts?.parameters).toBeNull();
      // Llama-2-7b-hf: 6,738,417,664 stored (Hub safetensors.total), F16 plus the F32 inv_freq.
      expect(r.facts?.checkpoint).toMatchObject({ total: 6_738_417_664, byDtype: { F16: 6_738_415_616, F32: 2_048 }, compared: false });
    }
    expect(report.results[1]!.facts?.checkpoint?.files).toBe(2);
  });

  it("a folder of safetensors without config.json is one checkpoint-only model", async () => {
    const dir = folder("no-config");
    writeSafetensors(join(dir, "model.safetensors"), QWEN3_06B);
    const r = (await analyze([dir], { cwd: root })).results[0]!;
    expect(r.facts?.checkpoint?.total).toBe(751_632_384);
  });
});

describe("PEFT adapters", () => {
  /** peft's LoRA layers: lora_A [r, in], lora_B [out, r] per targeted module (peft/tuners/lora/layer.py). */
  function loraTensors(layers: number, r: number, modules: string[], hidden: number) {
    const out = [];
    for (let i = 0; i < layers; i++) {
      for (const m of modules) {
        const p = `base_model.model.model.layers.${i}.self_attn.${m}`;
        out.push({ name: `${p}.lora_A.weight`, dtype: "F32", shape: [r, hidden] }, { name: `${p}.lora_B.weight`, dtype: "F32", shape: [hidden, r] });
      }
    }
    return out;
  }

  it("counts r × (in + out) per target module from the base model's config, and cross-checks the adapter's header", async () => {
    folder("base-llama2", readFixtureConfig("meta-llama--Llama-2-7b-hf"));
    const dir = folder("lora");
    writeFileSync(join(dir, "adapter_config.json"), JSON.stringify({ peft_type: "LORA", base_model_name_or_path: "base-llama2", r: 16, lora_alpha: 32, target_modules: ["q_proj", "v_proj"], task_type: "CAUSAL_LM" }));
    writeSafetensors(join(dir, "adapter_model.safetensors"), loraTensors(32, 16, ["q_proj", "v_proj"], 4096));
    const r = (await analyze([dir], { cwd: root })).results[0]!;
    // 32 layers × 2 modules × 16 × (4096 + 4096).
    expect(r.facts?.adapter).toMatchObject({ peftType: "LORA", baseModel: "base-llama2", rank: 16, alpha: 32, parameters: 8_388_608, source: "base-config", modules: 64, fromBaseConfig: 8_388_608, fromCheckpoint: 8_388_608, notes: [] });
    expect(r.facts?.checkpoint?.total).toBe(8_388_608);
  });

  it("a folder with a model and an adapter keeps their weights apart", async () => {
    const dir = folder("model-and-adapter", readFixtureConfig("Qwen--Qwen3-0.6B"));
    writeSafetensors(join(dir, "model.safetensors"), QWEN3_06B.filter((t) => t.name !== "lm_head.weight"));
    writeFileSync(join(dir, "adapter_config.json"), JSON.stringify({ peft_type: "LORA", base_model_name_or_path: ".", r: 4, lora_alpha: 8, target_modules: ["q_proj"] }));
    writeSafetensors(join(dir, "adapter_model.safetensors"), loraTensors(28, 4, ["q_proj"], 1024).map((t) => (t.name.includes("lora_B") ? { ...t, shape: [2048, 4] } : t)));
    const r = (await analyze([dir], { cwd: root })).results[0]!;
    // Qwen3-0.6B: 596,049,920 parameters (config), stored exactly; q_proj is [2048, 1024], so 28 × 4 × (1024 + 2048).
    expect(r.facts?.parameters?.checkpoint).toMatchObject({ total: 596_049_920, differences: [] });
    expect(r.facts?.adapter).toMatchObject({ parameters: 28 * 4 * 3072, fromBaseConfig: 28 * 4 * 3072, fromCheckpoint: 28 * 4 * 3072, source: "base-config" });
  });

  it("falls back to the adapter's checkpoint when the base config is not available, and links the base model", async () => {
    const dir = folder("lora-offline");
    writeFileSync(join(dir, "adapter_config.json"), JSON.stringify({ peft_type: "LORA", base_model_name_or_path: "some-org/not-cached-model", r: 8, lora_alpha: 16, target_modules: ["q_proj"] }));
    writeSafetensors(join(dir, "adapter_model.safetensors"), loraTensors(2, 8, ["q_proj"], 64));
    const r = (await analyze([join(dir, "adapter_config.json")], { cwd: root, })).results[0]!;
    expect(r.facts?.adapter).toMatchObject({ parameters: 2 * 8 * 128, source: "checkpoint", baseModelUrl: "https://huggingface.co/some-org/not-cached-model" });
    expect(r.facts?.adapter?.notes[0]).toMatch(/was not found locally/);
  });
});
