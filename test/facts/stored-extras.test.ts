import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { reconcileCheckpoint } from "../../src/checkpoint/reconcile-checkpoint.js";
import { storedExtrasFromConfig } from "../../src/checkpoint/stored-extras.js";
import { analyzeConfig, readFixtureConfig } from "../helpers/count.js";
import { memoryCheckpoint, type TensorSpec } from "../helpers/safetensors.js";

/** DeepSeek-V3's config.json as published, with the quantization_config the fixture leaves out. */
const deepseekV3 = { ...readFixtureConfig("deepseek-ai--DeepSeek-V3"), quantization_config: { activation_scheme: "dynamic", fmt: "e4m3", quant_method: "fp8", weight_block_size: [128, 128] } };

function extras(config: Record<string, unknown>) {
  const { model, inventory, parameters } = analyzeConfig(config);
  return { list: storedExtrasFromConfig(model, inventory!), total: parameters!.total };
}

describe("storedExtrasFromConfig", () => {
  it("DeepSeek-V3: config + MTP layer 61 + FP8 block scales + router biases = 684,531,386,000 (Hub safetensors.total)", () => {
    const { list, total } = extras(deepseekV3);
    const byKind = Object.fromEntries(list.map((e) => [e.kind, e]));
    // inv_freq is a candidate the FP8 release does not store.
    const stored = list.filter((e) => e.kind !== "buffer" || e.tensor.endsWith("e_score_correction_bias"));
    expect(total + stored.reduce((a, e) => a + e.count, 0)).toBe(684_531_386_000);
    // The Hub's F32 share, 41,555,600, is the block scales plus the F32 router biases (256 × (58 + 1)).
    expect(byKind["quantization-bookkeeping"]!.count + 256 * 59).toBe(41_555_600);
    expect(byKind["mtp"]).toMatchObject({ tensor: "model.layers.61.*" });
  });

  it.each([
    // Hub safetensors.total minus the config's count, named.
    ["meta-llama--Llama-2-7b-hf", "model.layers.{0..31}.self_attn.rotary_emb.inv_freq", 6_738_417_664 - 6_738_415_616],
    ["openai-community--gpt2", "h.{0..11}.attn.bias", 137_022_720 - 124_439_808],
    ["Qwen--Qwen3-0.6B", "lm_head.weight", 751_632_384 - 596_049_920],
    ["FacebookAI--roberta-base", "embeddings.position_ids", 124_697_947 - 124_697_433],
  ])("%s: the candidate %s accounts for the Hub's extra %d", (fixture, tensor, gap) => {
    const { list } = extras(readFixtureConfig(fixture));
    expect(list.find((e) => e.tensor === tensor)?.count).toBe(gap);
  });
});

describe("reconcileCheckpoint at DeepSeek-V3 scale", () => {
  /**
   * DeepSeek-V3's checkpoint rebuilt from its config: FP8 (F8_E4M3) for every attention and MLP
   * linear weight with an F32 weight_scale_inv per 128×128 block; BF16 embeddings, head, norms,
   * router and eh_proj; the F32 router bias; and MTP layer 61. Its per-dtype sums are the Hub's.
   */
  function deepseekV3Tensors(inventory: NonNullable<ReturnType<typeof analyzeConfig>["inventory"]>): TensorSpec[] {
    const out: TensorSpec[] = [];
    const add = (name: string, shape: number[], role: string) => {
      if (shape.length === 2 && (role === "attention" || role === "mlp")) {
        out.push({ name, dtype: "F8_E4M3", shape }, { name: `${name}_scale_inv`, dtype: "F32", shape: [Math.ceil(shape[0]! / 128), Math.ceil(shape[1]! / 128)] });
      } else out.push({ name, dtype: "BF16", shape });
      if (name.endsWith("mlp.gate.weight")) out.push({ name: name.replace(/weight$/, "e_score_correction_bias"), dtype: "F32", shape: [shape[0]!] });
    };
    for (const t of expandTensors(inventory)) add(t.name, t.shape, t.role);
    for (const t of expandTensors(inventory)) if (t.name.startsWith("model.layers.60.")) add(t.name.replace("model.layers.60.", "model.layers.61."), t.shape, t.role);
    const h = 7168;
    out.push(
      { name: "model.layers.61.embed_tokens.weight", dtype: "BF16", shape: [129280, h] },
      { name: "model.layers.61.enorm.weight", dtype: "BF16", shape: [h] },
      { name: "model.layers.61.hnorm.weight", dtype: "BF16", shape: [h] },
      { name: "model.layers.61.eh_proj.weight", dtype: "BF16", shape: [h, 2 * h] },
      { name: "model.layers.61.shared_head.norm.weight", dtype: "BF16", shape: [h] },
      { name: "model.layers.61.shared_head.head.weight", dtype: "BF16", shape: [129280, h] },
    );
    return out;
  }

  it("explains all 684,531,386,000 stored values by name, with the Hub's per-dtype breakdown", () => {
    const { model, inventory, parameters } = analyzeConfig(deepseekV3);
    const tensors = deepseekV3Tensors(inventory!);
    expect(tensors.length).toBeGreaterThan(90_000);
    const cp = reconcileCheckpoint(memoryCheckpoint(tensors), model, inventory);
    expect(cp.total).toBe(684_531_386_000);
    expect(cp.byDtype).toEqual({ BF16: 3_918_786_560, F8_E4M3: 680_571_043_840, F32: 41_555_600 });
    expect(cp.differences.map((d) => [d.kind, d.tensor])).toEqual([
      ["buffer", "model.layers.{3..61}.mlp.gate.e_score_correction_bias"],
      ["mtp", "model.layers.61.*"],
      ["quantization-bookkeeping", "*.weight_scale_inv"],
    ]);
    // Logical: the class's parameters plus the MTP layer and the router biases, scales dropped.
    expect(cp.logical).toBe(684_531_386_000 - 41_540_496);
    expect(cp.logical - parameters!.total).toBe(cp.differences.filter((d) => d.kind !== "quantization-bookkeeping").reduce((a, d) => a + d.count, 0));
  });
});
