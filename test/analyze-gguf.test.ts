import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../rules/index.js";
import { analyze } from "../src/index.js";
import { jsonReporter } from "../src/reporters/json.js";
import { draft07Validator } from "./helpers/schemas.js";
import { runCli } from "./helpers/run-cli.js";
import { tinyLlama, tinyLlamaConfig, writeGguf, type GgufTestTensor } from "./helpers/write-gguf.js";

const root = mkdtempSync(join(tmpdir(), "modelcheck-gguf-targets-"));

function folder(name: string, files: Record<string, Parameters<typeof writeGguf>[1] | Record<string, unknown>>): string {
  const path = join(root, name);
  mkdirSync(path, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    if (file.endsWith(".gguf")) writeGguf(join(path, file), content as Parameters<typeof writeGguf>[1]);
    else writeFileSync(join(path, file), JSON.stringify(content, null, 2));
  }
  return path;
}

describe("a GGUF file alone", () => {
  it("is a kind: gguf target whose parameters are the file's tensor elements, by role", async () => {
    const dir = folder("alone", { "Llama-3-8B-Instruct.Q8_0.gguf": { ...tinyLlama({ tied: true }), withData: true } });
    const report = await analyze([join(dir, "Llama-3-8B-Instruct.Q8_0.gguf")], { cwd: root });
    const [result] = report.results;
    expect(result).toMatchObject({ kind: "gguf", status: "ok" });
    const f = result!.facts!;
    // token_embd 64·100; per layer q, o 64·64, k, v 64·32; gate, up, down 64·128; norms 2 × 64, plus output_norm.
    expect(f.parameters!.breakdown).toEqual({ embedding: 6400, attention: 2 * 12_288, mlp: 2 * 24_576, norm: 2 * 128 + 64 });
    expect(f.parameters!.total).toBe(80_448);
    expect(f.parameters!.estimated).toBe(false);
    expect(f.parameters!.tied).toEqual([{ name: "output.weight", tiedTo: "token_embd.weight" }]);
    expect(f.gguf).toMatchObject({ architecture: "llama", name: "Tiny Llama", fileType: "Q8_0", tensorCount: 20, parameterCount: 80_448, contextLength: 256, kvHeads: 2, complete: true, reconciliation: null });
    // Q8_0 is 34 bytes per 32 weights, the 5 norms F32.
    expect(f.gguf!.tensorBytes).toBe(((80_448 - 320) / 32) * 34 + 320 * 4);
    expect(f.gguf!.elementsByType).toEqual({ Q8_0: 80_128, F32: 320 });
    // The size label in the file name is checked against the file's count (MC201): this "8B" holds 80,448.
    expect(f.parameters!.advertised.map((a) => a.value)).toEqual([8e9]);
    expect(result!.findings.find((x) => x.ruleId === "MC201")).toMatchObject({ severity: "warning", location: { file: "alone/Llama-3-8B-Instruct.Q8_0.gguf" } });
  });

  it("gets the memory facts from its metadata, with the file's own size as published", async () => {
    const dir = folder("memory", { "m.gguf": tinyLlama() });
    const f = (await analyze([join(dir, "m.gguf")], { cwd: root })).results[0]!.facts!;
    // 2 layers × 2 KV heads × head_dim 64 / 4 = 16 × keys and values × 2 bytes.
    expect(f.memory!.kvCache!.bytesPerToken).toBe(2 * 2 * 16 * 2 * 2);
    expect(f.memory!.asPublished).toMatchObject({ method: "gguf", label: "GGUF Q8_0", bytes: f.gguf!.tensorBytes, estimated: false, source: "gguf" });
    expect(f.memory!.hardwareFit.maxContext.published).toBeDefined();
    expect(f.gguf!.complete).toBe(false);
  });

  it("points findings at the file, without a line", async () => {
    const dir = folder("findings", { "m.gguf": tinyLlama() });
    const [result] = (await analyze([join(dir, "m.gguf")], { cwd: root })).results;
    // 100 tokens: not a multiple of 64.
    const mc203 = result!.findings.find((x) => x.ruleId === "MC203")!;
    expect(mc203.location).toMatchObject({ file: "findings/m.gguf", line: null, column: null });
  });

  it("MLA (deepseek2): the latent cache from kv_lora_rank and the rope width", async () => {
    const meta = {
      "general.architecture": "deepseek2",
      "deepseek2.block_count": 2,
      "deepseek2.context_length": 4096,
      "deepseek2.embedding_length": 256,
      "deepseek2.feed_forward_length": 512,
      "deepseek2.attention.head_count": 4,
      "deepseek2.attention.head_count_kv": 4,
      "deepseek2.attention.key_length": 48,
      "deepseek2.attention.value_length": 32,
      "deepseek2.attention.kv_lora_rank": 64,
      "deepseek2.rope.dimension_count": 16,
      "deepseek2.vocab_size": 512,
    };
    const tensors: GgufTestTensor[] = [{ name: "token_embd.weight", dims: [256, 512], type: 0 }];
    for (let i = 0; i < 2; i++) {
      tensors.push(
        { name: `blk.${i}.attn_q.weight`, dims: [256, 4 * 48], type: 0 },
        { name: `blk.${i}.attn_kv_a_mqa.weight`, dims: [256, 64 + 16], type: 0 },
        { name: `blk.${i}.attn_kv_a_norm.weight`, dims: [64], type: 0 },
        { name: `blk.${i}.attn_kv_b.weight`, dims: [64, 4 * (32 + 32)], type: 0 },
        { name: `blk.${i}.attn_output.weight`, dims: [4 * 32, 256], type: 0 },
      );
    }
    const dir = folder("mla", { "ds.gguf": { metadata: meta, tensors } });
    const f = (await analyze([join(dir, "ds.gguf")], { cwd: root })).results[0]!.facts!;
    expect(f.attention.type).toBe("MLA");
    // Latent: 2 layers × (kv_lora_rank 64 + rope 16) × 2 B; full K/V: 2 × 4 heads × (nope 32 + rope 16 + v 32) × 2 B.
    expect(f.memory!.kvCache!.latentBytesPerToken).toBe(2 * (64 + 16) * 2);
    expect(f.memory!.kvCache!.bytesPerToken).toBe(2 * 4 * (32 + 16 + 32) * 2);
  });

  it("Mamba: no attention, a fixed state from the ssm keys", async () => {
    const meta = { "general.architecture": "mamba", "mamba.block_count": 2, "mamba.embedding_length": 64, "mamba.ssm.inner_size": 128, "mamba.ssm.state_size": 16, "mamba.ssm.conv_kernel": 4, "mamba.ssm.time_step_rank": 4, "mamba.vocab_size": 256, "mamba.context_length": 1048576 };
    const tensors: GgufTestTensor[] = [{ name: "token_embd.weight", dims: [64, 256], type: 0 }];
    for (let i = 0; i < 2; i++) tensors.push({ name: `blk.${i}.ssm_in.weight`, dims: [64, 256], type: 0 }, { name: `blk.${i}.ssm_a`, dims: [16, 128], type: 0 }, { name: `blk.${i}.attn_norm.weight`, dims: [64], type: 0 });
    const dir = folder("mamba", { "mamba.gguf": { metadata: meta, tensors } });
    const f = (await analyze([join(dir, "mamba.gguf")], { cwd: root })).results[0]!.facts!;
    expect(f.attention.type).toBe("NONE");
    expect(f.parameters!.breakdown.ssm).toBe(2 * (64 * 256 + 16 * 128));
    // MambaCache per layer: conv [128, 4] + ssm [128, 16], 2 bytes each.
    expect(f.memory!.kvCache).toMatchObject({ bytesPerToken: 0, layers: { full: 0, sliding: 0, ssm: 2 }, stateBytes: 2 * 128 * (4 + 16) * 2 });
  });
});

describe("a GGUF beside its config.json", () => {
  it("is reconciled: totals, roles, and the buffers llama.cpp stores", async () => {
    const dir = folder("pair", { "config.json": tinyLlamaConfig(), "model.gguf": tinyLlama({ ropeFreqs: true }) });
    const report = await analyze([dir], { cwd: root });
    // The folder's config result, then the GGUF's.
    expect(report.results.map((r) => r.kind)).toEqual(["directory", "gguf"]);
    const g = report.results[1]!.facts!;
    expect(g.parameters!.total).toBe(86_848);
    expect(g.gguf!.reconciliation).toEqual({
      configTotal: 86_848,
      ggufTotal: 86_856,
      difference: 8,
      byRole: { embedding: { config: 6400, gguf: 6400 }, attention: { config: 24_576, gguf: 24_576 }, mlp: { config: 49_152, gguf: 49_152 }, norm: { config: 320, gguf: 320 }, lmHead: { config: 6400, gguf: 6400 }, other: { config: 0, gguf: 8 } },
      explained: [{ tensor: "rope_freqs.weight", count: 8, reason: expect.stringContaining("buffer") }],
      unexplained: 0,
    });
    expect(report.results[0]!.findings.map((f) => f.ruleId)).not.toContain("MC507");
  });

  it("reports the config's own findings once, under the folder's result, not again under the GGUF's", async () => {
    // tinyLlamaConfig's vocabulary of 100 is not a multiple of 64: MC203 (info) on config.json.
    const dir = folder("pair-findings", { "config.json": tinyLlamaConfig(), "model.gguf": tinyLlama({ ropeFreqs: true }) });
    const report = await analyze([dir], { cwd: root });
    const onConfig = (r: (typeof report.results)[number]) => r.findings.filter((f) => f.location.file.endsWith("config.json")).map((f) => f.ruleId);
    expect(onConfig(report.results[0]!)).toContain("MC203");
    expect(onConfig(report.results[1]!)).toEqual([]);
    // The GGUF's own findings (the buffer it stores, MC505) stay with it.
    expect(report.results[1]!.findings.map((f) => f.ruleId)).toContain("MC505");
    const all = report.results.flatMap((r) => r.findings);
    expect(report.summary.infos).toBe(all.filter((f) => f.severity === "info").length);
  });

  it("names what does not add up: a head the file ties, a feed-forward of another width", async () => {
    const dir = folder("mismatch", { "config.json": { ...tinyLlamaConfig(), intermediate_size: 256 }, "model.gguf": tinyLlama({ tied: true }) });
    const g = (await analyze([join(dir, "model.gguf")], { cwd: root })).results[0]!.facts!.gguf!.reconciliation!;
    expect(g.explained).toEqual([{ tensor: "output.weight", count: -6400, reason: expect.stringContaining("token_embd") }]);
    // d_ff 256 in the config against 128 in the file: 2 layers × 3 × 64 × 128 more in the config.
    expect(g.byRole.mlp).toEqual({ config: 2 * 3 * 64 * 256, gguf: 2 * 3 * 64 * 128 });
    expect(g.unexplained).toBe(-(2 * 3 * 64 * 128));
  });
});

describe("a GGUF file as parameters.checkpoint (source gguf)", () => {
  // tinyLlama (test/helpers/write-gguf.ts): 86,848 elements in 21 tensors — token_embd and output 64 × 100 each,
  // per layer 36,992 (q, o 64 × 64; k, v 64 × 32; gate, up, down 64 × 128; two norms of 64), output_norm 64.
  const TOTAL = 2 * 6_400 + 2 * 36_992 + 64;

  it("alone: total and logical are the sum of the tensor elements, by ggml type; nothing compared, no MC50x finding", async () => {
    const dir = folder("cp-alone", { "m.gguf": tinyLlama() });
    const result = (await analyze([join(dir, "m.gguf")], { cwd: root })).results[0]!;
    const gguf = result.facts!.gguf!;
    const sum = gguf.parameterCount;
    expect(sum).toBe(TOTAL);
    expect(result.facts!.parameters!.checkpoint).toEqual({
      total: sum,
      logical: sum,
      byDtype: gguf.elementsByType,
      source: "gguf",
      files: 1,
      tensors: 21,
      compared: false,
      differences: [],
      notes: ["no config.json: the parameter count is the sum of the file's own tensors"],
    });
    // The five norms are F32 (5 × 64), everything else Q8_0.
    expect(gguf.elementsByType).toEqual({ Q8_0: TOTAL - 320, F32: 320 });
    expect(result.findings.filter((f) => f.ruleId.startsWith("MC5"))).toEqual([]);
  });

  it("beside a matching config: compared by role, the stored buffer named (MC505), nothing else", async () => {
    const dir = folder("cp-pair", { "config.json": tinyLlamaConfig(), "model.gguf": tinyLlama({ ropeFreqs: true }) });
    const result = (await analyze([join(dir, "model.gguf")], { cwd: root })).results[0]!;
    const cp = result.facts!.parameters!.checkpoint!;
    // + rope_freqs.weight [8]: rotary factors llama.cpp stores, a buffer in transformers.
    expect(cp).toMatchObject({ total: TOTAL + 8, logical: TOTAL + 8, source: "gguf", compared: true, tensors: 22 });
    expect(cp.differences).toEqual([{ tensor: "rope_freqs.weight", count: 8, reason: expect.stringContaining("buffer"), kind: "buffer", tensors: 1 }]);
    expect(result.facts!.parameters!.total + cp.differences.reduce((a, d) => a + d.count, 0)).toBe(cp.total);
    expect(result.findings.filter((f) => f.ruleId.startsWith("MC5")).map((f) => [f.ruleId, f.location.file])).toEqual([["MC505", "cp-pair/model.gguf"]]);
  });

  it("beside a config it does not match: a head the file ties and a narrower feed-forward are missing (MC503)", async () => {
    const dir = folder("cp-mismatch", { "config.json": { ...tinyLlamaConfig(), intermediate_size: 256 }, "model.gguf": tinyLlama({ tied: true }) });
    const result = (await analyze([join(dir, "model.gguf")], { cwd: root })).results[0]!;
    const cp = result.facts!.parameters!.checkpoint!;
    const mlp = 2 * 3 * 64 * 128;
    expect(cp.differences.map((d) => [d.tensor, d.count, d.kind])).toEqual([
      ["(mlp tensors)", -mlp, "missing"],
      ["output.weight", -6_400, "missing"],
    ]);
    expect(result.facts!.parameters!.total + cp.differences.reduce((a, d) => a + d.count, 0)).toBe(cp.total);
    expect(result.findings.filter((f) => f.ruleId.startsWith("MC5")).map((f) => [f.ruleId, f.severity])).toEqual([["MC503", "error"]]);
  });

  it("a stub config.json stating neither width nor depth does not replace the file's metadata", async () => {
    const dir = folder("cp-stub", { "config.json": { model_type: "llama" }, "model.gguf": tinyLlama() });
    const result = (await analyze([join(dir, "model.gguf")], { cwd: root })).results[0]!;
    // Without the guard, LlamaConfig's defaults (Llama-2-7B: 6,738,415,616) would be "the model".
    expect(result.facts!.parameters!.total).toBe(TOTAL);
    expect(result.facts!.gguf!.reconciliation).toBeNull();
  });
});

describe("GGUF targets on the command line", () => {
  it("a glob of shards is one model; a hostile file fails alone, the others still reported; JSON valid", () => {
    const spec = tinyLlama();
    const dir = folder("cli", {
      "a-00001-of-00002.gguf": { metadata: spec.metadata, tensors: spec.tensors.slice(0, 5) },
      "a-00002-of-00002.gguf": { metadata: {}, tensors: spec.tensors.slice(5) },
    });
    writeFileSync(join(dir, "broken.gguf"), Buffer.from("GGUF\x03\x00\x00\x00\xff\xff\xff\xff\xff\xff\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", "latin1"));
    const { code, stdout, stderr } = runCli([`${dir}/*.gguf`, "-f", "json"]);
    expect(code).toBe(2);
    expect(stderr).toBe("");
    const report = JSON.parse(stdout);
    expect(report.results.map((r: { target: string; status: string }) => [r.target.split("/").at(-1), r.status])).toEqual([
      ["a-00001-of-00002.gguf", "ok"],
      ["broken.gguf", "failed"],
    ]);
    expect(report.results[0].facts.gguf.files).toHaveLength(2);
    expect(report.results[0].facts.gguf.tensorCount).toBe(spec.tensors.length);
    expect(report.results[1].error).toMatchObject({ code: "malformed-gguf", message: expect.stringContaining("more than a 24-byte file can hold") });
    const validate = draft07Validator("report.schema.json");
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it("prints the GGUF facts in the text report", () => {
    const dir = folder("text", { "config.json": tinyLlamaConfig(), "model.gguf": tinyLlama({ ropeFreqs: true }) });
    const { stdout } = runCli([join(dir, "model.gguf")]);
    expect(stdout).toContain("gguf        Q8_0 file, llama · 22 tensors · 86,856 parameters");
    expect(stdout).toContain("config.json: 86,848 parameters; the file stores 86,856 (+8)");
    expect(stdout).toContain("+8 rope_freqs.weight: rotary frequency factors");
    expect(stdout).toContain("incomplete: the file has");
  });

  it("the json report of a GGUF validates against the schema", async () => {
    const dir = folder("schema", { "config.json": tinyLlamaConfig(), "model.gguf": tinyLlama({ ropeFreqs: true }) });
    const report = await analyze([dir, join(dir, "model.gguf")], { cwd: root });
    const context = { rules: RULES.map((r) => r.meta), version: "0", ruleDocs: {}, color: false, cwd: root };
    const validate = draft07Validator("report.schema.json");
    expect(validate(JSON.parse(jsonReporter(report, context))), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });
});
