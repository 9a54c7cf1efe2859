import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze/analyze.js";
import { checkpointOf } from "../../src/checkpoint/checkpoint-document-facts.js";
import { ROOT } from "../helpers/run-cli.js";
import { writeSafetensors } from "../helpers/safetensors.js";

const fixture = (name: string) => JSON.parse(readFileSync(join(ROOT, "fixtures", "configs", `${name}.json`), "utf8")) as Record<string, unknown>;

/** A folder holding `config` and a one-tensor model.safetensors (the 40-byte checkpoint of the issue). */
function folderWith(config: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "mc-oversized-"));
  writeFileSync(join(dir, "config.json"), JSON.stringify(config));
  writeSafetensors(join(dir, "model.safetensors"), [{ name: "model.norm.weight", dtype: "F32", shape: [4] }]);
  return dir;
}

describe("a config whose inventory dwarfs its checkpoint", () => {
  // Each was 14–120 s and 1.4–4 GB, or `Map maximum size exceeded`, before reconciliation was bounded.
  const cases: [string, Record<string, unknown>][] = [
    ["Mixtral with 65,536 experts", { ...fixture("mistralai--Mixtral-8x7B-v0.1"), num_local_experts: 65_536 }],
    ["Mixtral with 100,000 layers", { ...fixture("mistralai--Mixtral-8x7B-v0.1"), num_hidden_layers: 100_000 }],
    ["qwen3_moe with 65,536 layers", { ...fixture("Qwen--Qwen3-30B-A3B"), num_hidden_layers: 65_536 }],
    ["deepseek_v2 with 65,536 layers", { ...fixture("deepseek-ai--DeepSeek-V2-Lite"), num_hidden_layers: 65_536 }],
    ["olmoe with 65,536 layers", { ...fixture("allenai--OLMoE-1B-7B-0924"), num_hidden_layers: 65_536 }],
  ];
  for (const [name, config] of cases) {
    it(`${name}: compared by totals, one MC503 finding`, async () => {
      const report = await analyze([folderWith(config)], { config: false });
      const result = report.results[0]!;
      expect(result.status).toBe("ok");
      const cp = checkpointOf(result.facts)!;
      // One stored tensor of 4 elements; the config implies billions of parameters: all "missing".
      expect(cp.tensors).toBe(1);
      expect(cp.differences).toHaveLength(1);
      expect(cp.differences[0]).toMatchObject({ tensor: "(the config's inventory)", kind: "missing", count: 4 - result.facts!.parameters!.total });
      expect(result.findings.filter((f) => f.ruleId === "MC503")).toHaveLength(1);
    });
  }

  it("a checkpoint that matches its config is still compared name by name", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mc-oversized-"));
    // A 2-layer llama with a matching checkpoint: 2 × 9 layer tensors + embedding + norm + head = 21 tensors.
    const config = { architectures: ["LlamaForCausalLM"], model_type: "llama", hidden_size: 8, intermediate_size: 16, num_hidden_layers: 2, num_attention_heads: 2, num_key_value_heads: 2, vocab_size: 10, tie_word_embeddings: false };
    writeFileSync(join(dir, "config.json"), JSON.stringify(config));
    const layer = (i: number) => [
      ...["q_proj", "k_proj", "v_proj", "o_proj"].map((p) => ({ name: `model.layers.${i}.self_attn.${p}.weight`, dtype: "F32", shape: [8, 8] })),
      { name: `model.layers.${i}.mlp.gate_proj.weight`, dtype: "F32", shape: [16, 8] },
      { name: `model.layers.${i}.mlp.up_proj.weight`, dtype: "F32", shape: [16, 8] },
      { name: `model.layers.${i}.mlp.down_proj.weight`, dtype: "F32", shape: [8, 16] },
      { name: `model.layers.${i}.input_layernorm.weight`, dtype: "F32", shape: [8] },
      { name: `model.layers.${i}.post_attention_layernorm.weight`, dtype: "F32", shape: [8] },
    ];
    writeSafetensors(join(dir, "model.safetensors"), [{ name: "model.embed_tokens.weight", dtype: "F32", shape: [10, 8] }, ...layer(0), ...layer(1), { name: "model.norm.weight", dtype: "F32", shape: [8] }, { name: "lm_head.weight", dtype: "F32", shape: [10, 8] }]);
    const report = await analyze([dir], { config: false });
    const cp = checkpointOf(report.results[0]!.facts)!;
    expect([cp.tensors, cp.compared, cp.differences]).toEqual([21, true, []]);
  });
});
