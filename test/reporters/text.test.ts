import { describe, expect, it } from "vitest";
import { RULES } from "../../rules/index.js";
import { analyze } from "../../src/index.js";
import { textReporter } from "../../src/reporters/text.js";
import { ROOT } from "../helpers/run-cli.js";

const context = (color: boolean) => ({ rules: RULES.map((r) => r.meta), version: "0", ruleDocs: {}, color, cwd: ROOT });

describe("text reporter", () => {
  it("shows the header, facts, breakdown bars largest first, findings and the summary", async () => {
    const report = await analyze(["examples/my-llama-700M", "missing.json"], { cwd: ROOT });
    const text = textReporter(report, context(false));
    const lines = text.split("\n");
    expect(lines[0]).toBe("examples/my-llama-700M  llama · LlamaForCausalLM · decoder");
    // 22 × (2·2048·2048 + 2·256·2048 + 3·2048·8192) + 2·32000·2048 + 45·2048: derived from modeling_llama.py.
    expect(text).toContain("parameters  1,446,078,464 (1.45B)  exact");
    const bars = lines.filter((l) => /^ {4}\w+ +[█▌ ]+ +[\d.]+[KMB]? +[\d.]+%$/.test(l)).map((l) => l.trim().split(/\s+/)[0]);
    expect(bars).toEqual(["mlp", "attention", "embedding", "lmHead", "norm"]);
    expect(text).toMatch(/examples\/my-llama-700M\/config\.json {2}warning {2}MC201 {2}"700M"/);
    // The line names the target once; the message (which starts with it, for JSON and logs) does not repeat it.
    expect(text).toContain("✖ missing.json  failed: no such file or directory\n");
    expect(lines.at(-2)).toBe("2 targets · 1 failed · 0 errors · 1 warning · 0 infos");
    expect(text).not.toContain("\u001b[");
  });

  it("colours only when asked", async () => {
    const report = await analyze(["examples/my-llama-700M"], { cwd: ROOT });
    expect(textReporter(report, context(true))).toContain("\u001b[33mwarning\u001b[39m");
  });

  it("shows MoE active counts and tied weights", async () => {
    const report = await analyze(["examples/Qwen3-30B-A3B", "examples/gemma-2-2b"], { cwd: ROOT });
    const text = textReporter(report, context(false));
    // Qwen3-30B-A3B: 30,532,122,624 total (Hub safetensors.total), 3.35B active (48 layers × 8 of 128 experts).
    expect(text).toContain("active      3,353,032,704 (3.35B) per token, 11.0% of total");
    expect(text).toContain("tied        lm_head.weight shares model.embed_tokens.weight (counted once)");
    // Qwen3-30B-A3B's config: 128 experts, 8 per token, moe_intermediate_size 768, every one of 48 layers sparse.
    expect(text).toContain("MoE         128 experts, 8 per token, expert d_ff 768, 48 MoE layers, 0 dense");
    // Its intermediate_size 6144 is used by no layer: no d_ff in the dims, and no 12·L·d² for a mixture.
    expect(text).toMatch(/dims {8}d_model 2048 · layers 48 · vocab 151936/);
    const qwenBlock = text.slice(0, text.indexOf("examples/gemma-2-2b  "));
    expect(qwenBlock).not.toContain("12·L·d²");
  });

  it("shows an encoder what an encoder user asks: no KV cache, no Chinchilla line, the memory to embed a batch", async () => {
    const report = await analyze(["fixtures/configs/google-bert--bert-base-uncased.json"], { cwd: ROOT });
    const text = textReporter(report, context(false));
    expect(text.split("\n")[0]).toBe("fixtures/configs/google-bert--bert-base-uncased.json  bert · BertForMaskedLM · encoder");
    expect(text).not.toMatch(/^ {2}KV cache/m);
    expect(text).not.toContain("Chinchilla");
    expect(text).not.toContain("12·L·d²");
    expect(text).toContain("✓ the weights fit in 90% of the GPU (the model keeps no KV cache) · –: they do not");
    expect(text).toMatch(/embed {7}batch 1 × 512 tokens: ≈ [\d.]+ MB .*each output vector 768 wide/);
  });
});
