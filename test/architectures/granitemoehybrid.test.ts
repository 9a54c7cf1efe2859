import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig } from "../helpers/count.js";

/** Granite 4.0 hybrids (modeling_granitemoehybrid.py): Mamba-2 / attention per layer_types, fused MoE + shared MLP. */

describe("granitemoehybrid", () => {
  it("ibm-granite/granite-4.0-h-tiny counts 6,939,037,248 (Hub 6.94B)", () => {
    const d = 1536;
    const convDim = 3072 + 2 * 128;
    const mamba = (3072 + convDim + 48) * d + convDim * 5 + 3 * 48 + 3072 + d * 3072;
    expect(mamba).toBe(14_642_576);
    const attention = 2 * d * d + 2 * 512 * d; // 12 heads × 128, 4 KV heads
    const ffn = 64 * 3 * 512 * d + 64 * d + 3 * 1024 * d + 2 * d; // experts, router, shared MLP, 2 norms
    const total = 36 * mamba + 4 * attention + 40 * ffn + 100_352 * d + d; // tied head
    expect(total).toBe(6_939_037_248);
    const { parameters } = analyzeConfig(readFixtureConfig("ibm-granite--granite-4.0-h-tiny"));
    expect(parameters!.total).toBe(total);
    // 6 of 64 experts per token.
    expect(parameters!.active).toBe(total - 40 * 58 * 3 * 512 * d);
  });

  it("names the fused experts, the shared MLP and the layer mixers as the checkpoint does", () => {
    const { inventory } = analyzeConfig(readFixtureConfig("ibm-granite--granite-4.0-h-tiny"));
    const names = new Map([...expandTensors(inventory!)].map((t) => [t.name, t.shape]));
    expect(names.get("model.layers.5.self_attn.q_proj.weight")).toEqual([1536, 1536]);
    expect(names.has("model.layers.5.mamba.in_proj.weight")).toBe(false);
    expect(names.get("model.layers.0.mamba.in_proj.weight")).toEqual([6448, 1536]);
    expect(names.get("model.layers.0.block_sparse_moe.input_linear.weight")).toEqual([64, 1024, 1536]);
    expect(names.get("model.layers.0.block_sparse_moe.output_linear.weight")).toEqual([64, 1536, 512]);
    expect(names.get("model.layers.0.block_sparse_moe.router.layer.weight")).toEqual([64, 1536]);
    expect(names.get("model.layers.39.shared_mlp.input_linear.weight")).toEqual([2048, 1536]);
    expect(names.get("model.layers.39.shared_mlp.output_linear.weight")).toEqual([1536, 1024]);
    expect(names.has("lm_head.weight")).toBe(false);
  });

  it("ibm-granite/granite-4.0-micro: dense (num_local_experts 0 is accepted), every layer attention, 3,402,836,480 (Hub 3.4B)", () => {
    const d = 2560;
    const layer = 2 * d * d + 2 * 512 * d + 3 * 8192 * d + 2 * d;
    const total = 40 * layer + 100_352 * d + d;
    expect(total).toBe(3_402_836_480);
    const { parameters, inventory, model } = analyzeConfig(readFixtureConfig("ibm-granite--granite-4.0-micro"));
    expect(model.problems).toEqual([]);
    expect(parameters!.total).toBe(total);
    expect(inventory!.tensors.some((t) => t.name.includes("block_sparse_moe"))).toBe(false);
    expect(inventory!.tensors.some((t) => t.role === "ssm")).toBe(false);
  });

  it("defaults: no layer_types means all Mamba; sequence classification adds score and drops lm_head", () => {
    const small = { model_type: "granitemoehybrid", hidden_size: 64, intermediate_size: 32, shared_intermediate_size: 48, num_hidden_layers: 1, num_attention_heads: 4, vocab_size: 100, num_local_experts: 2, num_experts_per_tok: 1, mamba_n_heads: 8, mamba_d_state: 16 };
    const causal = analyzeConfig({ ...small, architectures: ["GraniteMoeHybridForCausalLM"] });
    expect(causal.inventory!.tensors.some((t) => t.role === "attention")).toBe(false);
    const conv = 128 + 32;
    const layer = (128 + conv + 8) * 64 + conv * 5 + 24 + 128 + 64 * 128 + 2 * 3 * 32 * 64 + 2 * 64 + 3 * 48 * 64 + 2 * 64;
    expect(causal.parameters!.total).toBe(layer + 2 * 100 * 64 + 64); // untied by default
    const cls = analyzeConfig({ ...small, architectures: ["GraniteMoeHybridForSequenceClassification"], num_labels: 3 });
    expect(cls.parameters!.total).toBe(layer + 100 * 64 + 64 + 3 * 64);
  });
});
