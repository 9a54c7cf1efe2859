import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig } from "../helpers/count.js";

/** Qwen3-Next (modeling_qwen3_next.py): Gated DeltaNet + gated attention every 4th layer, MoE with a gated shared expert. */

describe("qwen3_next", () => {
  const config = readFixtureConfig("Qwen--Qwen3-Next-80B-A3B-Instruct");
  const d = 2048;
  const deltaNet = 8192 * 4 + (2 * 2048 + 2 * 4096) * d + 64 * d + 2 * 32 + 128 + d * 4096;
  const attention = 8192 * d + 2 * 512 * d + d * 4096 + 2 * 256;
  const moe = 512 * d + 512 * 3 * 512 * d + 3 * 512 * d + d + 2 * d; // router, experts, shared expert, its gate, 2 norms
  const total = 36 * deltaNet + 12 * attention + 48 * moe + 2 * 151_936 * d + d;

  it("Qwen/Qwen3-Next-80B-A3B-Instruct counts 79,674,391,296 module parameters", () => {
    expect(deltaNet).toBe(33_718_464);
    expect(attention).toBe(27_263_488);
    expect(total).toBe(79_674_391_296);
    const { parameters } = analyzeConfig(config);
    expect(parameters!.total).toBe(total);
  });

  it("the Hub's 81.3B adds the ignored mtp.* block (one attention + MoE layer, fc, norms ≈ 1.65B)", () => {
    const mtp = 2 * d * d + 2 * d + attention + moe + d; // fc [2048, 4096], 2 pre-fc norms, one layer, final norm
    expect(((total + mtp) / 1e9).toFixed(1)).toBe("81.3");
    expect(analyzeConfig(config).inventory!.notes.join(" ")).toContain("mtp");
  });

  it("activates 10 of 512 experts per token (the card's 3B active, here with embeddings and head: 3.87B)", () => {
    const active = total - 48 * 502 * 3 * 512 * d;
    expect(analyzeConfig(config).parameters!.active).toBe(active);
    expect((active / 1e9).toFixed(2)).toBe("3.87");
  });

  it("places full attention at layers 3, 7, … and names the DeltaNet tensors", () => {
    const { inventory } = analyzeConfig(config);
    const names = new Map([...expandTensors(inventory!)].map((t) => [t.name, t.shape]));
    expect(names.get("model.layers.3.self_attn.q_proj.weight")).toEqual([8192, 2048]);
    expect(names.get("model.layers.3.self_attn.q_norm.weight")).toEqual([256]);
    expect(names.has("model.layers.3.linear_attn.in_proj_qkvz.weight")).toBe(false);
    expect(names.get("model.layers.0.linear_attn.in_proj_qkvz.weight")).toEqual([12288, 2048]);
    expect(names.get("model.layers.0.linear_attn.in_proj_ba.weight")).toEqual([64, 2048]);
    expect(names.get("model.layers.0.linear_attn.conv1d.weight")).toEqual([8192, 1, 4]);
    expect(names.get("model.layers.0.linear_attn.norm.weight")).toEqual([128]);
    expect(names.get("model.layers.47.mlp.experts.511.down_proj.weight")).toEqual([2048, 512]);
    expect(names.get("model.layers.47.mlp.shared_expert_gate.weight")).toEqual([1, 2048]);
  });

  it("layer_types, when given, wins over full_attention_interval; mlp_only_layers get a dense MLP", () => {
    const small = { model_type: "qwen3_next", architectures: ["Qwen3NextModel"], hidden_size: 64, intermediate_size: 96, num_hidden_layers: 2, num_attention_heads: 2, num_key_value_heads: 1, head_dim: 32, vocab_size: 100, num_experts: 4, num_experts_per_tok: 1, moe_intermediate_size: 16, shared_expert_intermediate_size: 16, linear_num_key_heads: 2, linear_num_value_heads: 2, linear_key_head_dim: 8, linear_value_head_dim: 8 };
    const { inventory } = analyzeConfig({ ...small, layer_types: ["full_attention", "linear_attention"], mlp_only_layers: [0] });
    const layersOf = (name: string) => inventory!.tensors.find((t) => t.name === name)?.layers;
    expect(layersOf("layers.{i}.self_attn.q_proj.weight")).toEqual([0]);
    expect(layersOf("layers.{i}.linear_attn.in_proj_qkvz.weight")).toEqual([1]);
    expect(layersOf("layers.{i}.mlp.gate_proj.weight")).toEqual([0]);
    expect(layersOf("layers.{i}.mlp.gate.weight")).toEqual([1]);
  });
});
