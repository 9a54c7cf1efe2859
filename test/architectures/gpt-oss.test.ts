import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyze } from "../../src/index.js";
import { analyzeConfig, readFixtureConfig } from "../helpers/count.js";
import { writeSafetensors } from "../helpers/safetensors.js";

/**
 * gpt-oss (modeling_gpt_oss.py). Per layer, with h = 2880, d_ff = 2880, 64 heads × 64 and 8 KV heads:
 * q and o 4096 × 2880 (+ biases 4096 and 2880), k and v 512 × 2880 (+ 512 each), sinks 64;
 * router E × 2880 + E; experts E × (2880 × 5760 + 5760 + 2880 × 2880 + 2880) = E × 24,891,840;
 * two norms 2 × 2880. Embeddings and the untied head 201,088 × 2880 each; final norm 2880.
 */
const ATTENTION = 4096 * 2880 + 4096 + 2 * (512 * 2880 + 512) + 2880 * 4096 + 2880 + 64;
const EXPERT = 2880 * 5760 + 5760 + 2880 * 2880 + 2880;
const EMBEDDING = 201_088 * 2880;
const layer = (experts: number) => ATTENTION + experts * 2880 + experts + experts * EXPERT + 2 * 2880;
const total = (layers: number, experts: number) => layers * layer(experts) + 2 * EMBEDDING + 2880;

describe("gpt_oss", () => {
  it.each([
    // OpenAI's gpt-oss model card (Table 1): 20.91B and 116.83B total parameters.
    ["openai--gpt-oss-20b", 24, 32, 20_914_757_184],
    ["openai--gpt-oss-120b", 36, 128, 116_829_156_672],
  ])("%s counts %i layers × %i experts exactly", (fixture, layers, experts, expected) => {
    expect(total(layers, experts)).toBe(expected);
    const { parameters } = analyzeConfig(readFixtureConfig(fixture));
    expect(parameters!.total).toBe(expected);
    expect(parameters!.estimated).toBe(false);
  });

  it("active parameters use 4 of the experts; without the input embeddings they are OpenAI's 3.61B and 5.13B active", () => {
    for (const [fixture, layers, experts, published] of [["openai--gpt-oss-20b", 24, 32, 3.61e9], ["openai--gpt-oss-120b", 36, 128, 5.13e9]] as const) {
      const { parameters } = analyzeConfig(readFixtureConfig(fixture));
      const active = layers * (layer(experts) - (experts - 4) * EXPERT) + 2 * EMBEDDING + 2880;
      expect(parameters!.active).toBe(active);
      // OpenAI counts the unembedding but not the embedding as active.
      expect(Math.round((parameters!.active - EMBEDDING) / 1e7) * 1e7).toBe(published);
    }
  });

  it("stores each layer's experts fused: one tensor [E, …] per projection and bias, as the checkpoint names them", () => {
    const { inventory } = analyzeConfig(readFixtureConfig("openai--gpt-oss-20b"));
    const layer0 = [...expandTensors(inventory!)].filter((t) => t.name.startsWith("model.layers.0.mlp."));
    expect(layer0.map((t) => [t.name, t.shape])).toEqual([
      ["model.layers.0.mlp.router.weight", [32, 2880]],
      ["model.layers.0.mlp.router.bias", [32]],
      ["model.layers.0.mlp.experts.gate_up_proj", [32, 2880, 5760]],
      ["model.layers.0.mlp.experts.gate_up_proj_bias", [32, 5760]],
      ["model.layers.0.mlp.experts.down_proj", [32, 2880, 2880]],
      ["model.layers.0.mlp.experts.down_proj_bias", [32, 2880]],
    ]);
    expect([...expandTensors(inventory!)].some((t) => t.name === "model.layers.23.self_attn.sinks")).toBe(true);
  });

  it("reads the older experts_per_token key, and GptOssConfig's sliding layers when layer_types is absent", () => {
    const { layer_types: _types, num_experts_per_tok: _k, ...older } = readFixtureConfig("openai--gpt-oss-20b") as Record<string, unknown>;
    const { parameters, facts } = analyzeConfig({ ...older, experts_per_token: 2 });
    expect(parameters!.active).toBe(24 * (layer(32) - 30 * EXPERT) + 2 * EMBEDDING + 2880);
    // Layers 0, 2, …, 22 slide over 128 tokens: 12 of 24.
    expect(facts.memory!.kvCache!.layers).toEqual({ full: 12, sliding: 12, ssm: 0 });
    expect(facts.memory!.kvCache!.slidingWindow).toBe(128);
  });
});

describe("gpt_oss: an MXFP4 checkpoint as OpenAI publishes it", () => {
  it("reconciles exactly: the U8 *_blocks hold two values each, the *_scales are bookkeeping, nothing is unexplained", async () => {
    // openai/gpt-oss-20b stores experts as MXFP4: gate_up_proj_blocks U8 [E, 2·d_ff, 90, 16] and _scales U8 [E, 2·d_ff, 90]
    // (2880 inputs = 90 blocks of 32 values, 16 bytes each), down_proj likewise over h; everything else in BF16. One layer here.
    const config = { ...readFixtureConfig("openai--gpt-oss-20b"), num_hidden_layers: 1, layer_types: ["sliding_attention"] };
    const E = 32, h = 2880, f = 2880, V = 201_088;
    const p = "model.layers.0";
    const bf16 = (name: string, shape: number[]) => ({ name, dtype: "BF16", shape });
    const tensors = [
      bf16("model.embed_tokens.weight", [V, h]), bf16("lm_head.weight", [V, h]), bf16("model.norm.weight", [h]),
      ...([["q_proj", 4096, h], ["k_proj", 512, h], ["v_proj", 512, h], ["o_proj", h, 4096]] as const).flatMap(([name, out, inp]) => [bf16(`${p}.self_attn.${name}.weight`, [out, inp]), bf16(`${p}.self_attn.${name}.bias`, [out])]),
      bf16(`${p}.self_attn.sinks`, [64]), bf16(`${p}.input_layernorm.weight`, [h]), bf16(`${p}.post_attention_layernorm.weight`, [h]),
      bf16(`${p}.mlp.router.weight`, [E, h]), bf16(`${p}.mlp.router.bias`, [E]),
      { name: `${p}.mlp.experts.gate_up_proj_blocks`, dtype: "U8", shape: [E, 2 * f, 90, 16] }, { name: `${p}.mlp.experts.gate_up_proj_scales`, dtype: "U8", shape: [E, 2 * f, 90] }, bf16(`${p}.mlp.experts.gate_up_proj_bias`, [E, 2 * f]),
      { name: `${p}.mlp.experts.down_proj_blocks`, dtype: "U8", shape: [E, h, 90, 16] }, { name: `${p}.mlp.experts.down_proj_scales`, dtype: "U8", shape: [E, h, 90] }, bf16(`${p}.mlp.experts.down_proj_bias`, [E, h]),
    ];
    const dir = mkdtempSync(join(tmpdir(), "modelcheck-gpt-oss-"));
    writeFileSync(join(dir, "config.json"), JSON.stringify(config));
    writeSafetensors(join(dir, "model.safetensors"), tensors);
    const report = await analyze([dir]);
    const facts = report.results[0]!.facts!;
    const expected = layer(32) + 2 * EMBEDDING + 2880;
    expect(facts.parameters!.total).toBe(expected);
    expect(facts.parameters!.checkpoint!.logical).toBe(expected);
    expect(report.results[0]!.findings.map((f) => f.ruleId).filter((id) => id.startsWith("MC5"))).toEqual(["MC506"]);
  });
});
