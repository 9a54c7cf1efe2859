import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeEstimate } from "../../src/cli/commands/estimate.js";
import { buildEstimateConfig, llamaFfn } from "../../src/estimate/build-estimate-config.js";
import { readFixtureConfig, totalOf } from "../helpers/count.js";
import { runCli } from "../helpers/run-cli.js";

describe("modelcheck estimate", () => {
  it("round-trips Mistral-7B's dimensions to its exact total, 7,241,732,096 (Hub safetensors.total)", () => {
    const { result } = analyzeEstimate({ family: "mistral", dModel: 4096, layers: 32, vocab: 32000, dFf: 14336, heads: 32, kvHeads: 8 });
    expect(result.facts!.parameters!.total).toBe(7_241_732_096);
    expect(result.facts!.parameters!.total).toBe(totalOf(readFixtureConfig("mistralai--Mistral-7B-v0.1")));
  });

  it("round-trips Mixtral-8x7B through --experts: 46,702,792,704 (Hub safetensors.total of the Instruct sibling)", () => {
    const { result, modelType } = analyzeEstimate({ family: "mistral", dModel: 4096, layers: 32, vocab: 32000, dFf: 14336, heads: 32, kvHeads: 8, experts: 8, expertsPerToken: 2 });
    expect(modelType).toBe("mixtral");
    expect(result.facts!.parameters!.total).toBe(46_702_792_704);
  });

  it("round-trips Mamba-130m's dimensions: d_ff defaults to the mixer's expand × d = 1536 (test/architectures/mamba.test.ts: 129,135,360)", () => {
    const { result, assumptions } = analyzeEstimate({ family: "mamba", dModel: 768, layers: 24, vocab: 50280, tied: true });
    expect(result.facts!.parameters!.total).toBe(129_135_360);
    expect(assumptions.join("\n")).toContain("d_ff 1536 (2·d_model, the inner width of Mamba's default expand = 2)");
  });

  it("round-trips gpt-oss-20b through --experts: 20,914,757,184 (test/architectures/gpt-oss.test.ts, OpenAI's 20.91B)", () => {
    const { result, assumptions } = analyzeEstimate({ family: "gpt_oss", dModel: 2880, layers: 24, heads: 64, kvHeads: 8, experts: 32, expertsPerToken: 4, vocab: 201088, set: { head_dim: 64 } });
    expect(result.facts!.parameters!.total).toBe(20_914_757_184);
    expect(assumptions.some((a) => a.startsWith("d_ff 2880 (d_model"))).toBe(true);
  });

  it("states every default it assumed (Llama-style)", () => {
    const { assumptions, config } = buildEstimateConfig({ family: "llama", dModel: 2048, layers: 24, vocab: 32000 });
    // Llama's multiple_of rule: 256 × ceil(8/3 × 2048 / 256) = 5632.
    expect(config.intermediate_size).toBe(5632);
    expect(llamaFfn(4096)).toBe(11008); // Llama-2-7B's d_ff
    expect(config.num_attention_heads).toBe(16);
    expect(assumptions.join("\n")).toMatch(/d_ff 5632[\s\S]*16 attention heads[\s\S]*16 KV heads|16 attention heads[\s\S]*d_ff 5632/);
    expect(assumptions.some((a) => a.includes("untied"))).toBe(true);
  });

  it("prints the exact count, the 12·L·d² figure, the INT8/INT4 weights and the 24 GB fit (CLI)", () => {
    const r = runCli(["estimate", "--d-model", "2048", "--layers", "24", "--vocab", "32000"]);
    expect(r.code).toBe(0);
    // 24 × (4·2048² + 3·2048·5632 + 2·2048) + 2·32000·2048 + 2048, from modeling_llama.py.
    const exact = 24 * (4 * 2048 * 2048 + 3 * 2048 * 5632 + 2 * 2048) + 2 * 32000 * 2048 + 2048;
    expect(exact).toBe(1_364_297_728);
    expect(r.stdout).toContain("1,364,297,728");
    expect(r.stdout).toContain("12·L·d²     1.21B");
    // The memory table (src/reporters/memory-text.ts): 1,364,297,728 bytes at INT8, half at INT4.
    expect(r.stdout).toMatch(/INT8 +1\.36 GB/);
    expect(r.stdout).toMatch(/INT4 +0\.68 GB/);
  });

  it("--set adds any config key, --emit-config writes the config, -f json returns it", () => {
    const out = join(mkdtempSync(join(tmpdir(), "modelcheck-estimate-")), "config.json");
    const r = runCli(["estimate", "--d-model", "1024", "--layers", "4", "--set", "attention_bias=true", "--emit-config", out, "-f", "json"]);
    expect(r.code).toBe(0);
    const emitted = JSON.parse(readFileSync(out, "utf8"));
    expect(emitted.attention_bias).toBe(true);
    const json = JSON.parse(r.stdout);
    expect(json.estimate.config).toEqual(emitted);
    // The biases of q, k, v and o (4 × 1024 per layer) appear in the count.
    const without = analyzeEstimate({ family: "llama", dModel: 1024, layers: 4 }).result.facts!.parameters!.total;
    expect(json.report.results[0].facts.parameters.total - without).toBe(4 * 4 * 1024);
  });

  it("names each family's class and keys as its config class reads them", () => {
    // GPT2Config has no intermediate_size: the MLP width is n_inner (configuration_gpt2.py).
    const gpt2 = buildEstimateConfig({ family: "gpt2", dModel: 1024, layers: 4, dFf: 2048 });
    expect(gpt2.config.architectures).toEqual(["GPT2LMHeadModel"]);
    expect(gpt2.config.n_inner).toBe(2048);
    expect(gpt2.config).not.toHaveProperty("intermediate_size");
    expect(analyzeEstimate({ family: "gpt2", dModel: 1024, layers: 4, dFf: 2048 }).result.facts!.dims.dFf).toBe(2048);
    // Encoder-only families get their masked-LM class, as BERT checkpoints are published.
    expect(buildEstimateConfig({ family: "bert", dModel: 768, layers: 2 }).config.architectures).toEqual(["BertForMaskedLM"]);
    expect(buildEstimateConfig({ family: "distilbert", dModel: 768, layers: 2 }).config.architectures).toEqual(["DistilBertForMaskedLM"]);
  });

  it.each([
    // The MLP width under the name each config class reads (configuration_opt.py ffn_dim, configuration_gptj.py n_inner,
    // configuration_gpt_bigcode.py n_inner, configuration_falcon.py ffn_hidden_size, configuration_distilbert.py hidden_dim).
    ["opt", "ffn_dim"],
    ["gptj", "n_inner"],
    ["gpt_bigcode", "n_inner"],
    ["falcon", "ffn_hidden_size"],
    ["distilbert", "hidden_dim"],
  ])("--family %s writes --d-ff as %s, and counts with it", (family, key) => {
    const { config } = buildEstimateConfig({ family, dModel: 1024, layers: 2, dFf: 2048 });
    expect(config[key]).toBe(2048);
    expect(config).not.toHaveProperty("intermediate_size");
    expect(analyzeEstimate({ family, dModel: 1024, layers: 2, dFf: 2048 }).result.facts!.dims.dFf).toBe(2048);
  });

  it.each([
    ["llava", /vision-language model; estimate its language model with --family llama/],
    ["t5", /encoder-decoder model/],
    ["whisper", /encoder-decoder model/],
  ])("refuses --family %s, whose config it cannot build from flat dims", (family, message) => {
    expect(() => buildEstimateConfig({ family, dModel: 1024, layers: 4 })).toThrow(message);
  });

  it("refuses a --d-ff that the family's config class would ignore (BloomMLP and transformers' MptMLP are 4 × hidden)", () => {
    expect(() => buildEstimateConfig({ family: "mpt", dModel: 1024, layers: 4, dFf: 2048 })).toThrow(/mpt's MLP is 4 × d_model/);
    expect(() => buildEstimateConfig({ family: "bloom", dModel: 1024, layers: 4, dFf: 1000 })).toThrow(/bloom's MLP is 4 × d_model \(4096\)/);
    expect(buildEstimateConfig({ family: "bloom", dModel: 1024, layers: 4, dFf: 4096 }).config.intermediate_size).toBe(4096);
  });

  it("rejects bad input with one line and exit 2", () => {
    expect(runCli(["estimate", "--layers", "4"]).code).toBe(2);
    const r = runCli(["estimate", "--d-model", "1000", "--layers", "4", "--family", "nosuch"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});
