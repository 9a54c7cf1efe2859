import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig } from "../helpers/count.js";

/**
 * Mamba (modeling_mamba.py) and Mamba-2 (modeling_mamba2.py). Module counts are derived from the
 * modeling files with the arithmetic shown and were cross-checked by instantiating the classes on
 * the meta device with transformers 5.18.
 */

/** One Mamba layer (no biases on in/out_proj, conv bias on): mixer plus the layer's RMSNorm. */
function mambaLayer(d: number, inner: number, state: number, dtRank: number, kernel = 4): number {
  const inProj = 2 * inner * d;
  const conv = inner * kernel + inner;
  const xProj = (dtRank + 2 * state) * inner;
  const dtProj = inner * dtRank + inner;
  const aLogAndD = inner * state + inner;
  return inProj + conv + xProj + dtProj + aLogAndD + d * inner + d;
}

describe("mamba", () => {
  it("state-spaces/mamba-130m-hf counts 129,135,360 in 242 tensors, as its safetensors hold (lm_head tied, not stored)", () => {
    // Reference README: a pinned-revision safetensors audit of mamba-130m-hf (rev 5708daa3) found 242
    // tensors and 129,135,360 elements.
    const expected = 24 * mambaLayer(768, 1536, 16, 48) + 50_280 * 768 + 768;
    expect(expected).toBe(129_135_360);
    const { parameters, inventory } = analyzeConfig(readFixtureConfig("state-spaces--mamba-130m-hf"));
    expect(parameters!.total).toBe(expected);
    expect([...expandTensors(inventory!)]).toHaveLength(242);
    expect(parameters!.tied).toEqual([{ name: "lm_head.weight", tiedTo: "backbone.embeddings.weight" }]);
  });

  it("state-spaces/mamba-2.8b-hf counts 2,768,345,600 (2.8B per its name)", () => {
    // inner = 2 × 2560, time_step_rank 160; embeddings 50280 × 2560 tied to the head; norm_f.
    const expected = 64 * mambaLayer(2560, 5120, 16, 160) + 50_280 * 2560 + 2560;
    expect(expected).toBe(2_768_345_600);
    const { parameters, inventory, facts } = analyzeConfig(readFixtureConfig("state-spaces--mamba-2.8b-hf"));
    expect(parameters!.total).toBe(expected);
    expect(parameters!.estimated).toBe(false);
    expect(parameters!.breakdown.ssm).toBe(64 * (mambaLayer(2560, 5120, 16, 160) - 2560));
    expect(inventory!.attentionType).toBe("NONE");
    expect(facts.attention.type).toBe("NONE");
    expect(facts.attention.nHeads).toBeNull();
  });

  it("names tensors as MambaForCausalLM saves them", () => {
    const { inventory } = analyzeConfig(readFixtureConfig("state-spaces--mamba-130m-hf"));
    const names = new Map([...expandTensors(inventory!)].map((t) => [t.name, t.shape]));
    expect(names.get("backbone.layers.0.mixer.conv1d.weight")).toEqual([1536, 1, 4]);
    expect(names.get("backbone.layers.0.mixer.A_log")).toEqual([1536, 16]);
    expect(names.get("backbone.layers.23.mixer.x_proj.weight")).toEqual([80, 1536]);
    expect(names.get("backbone.norm_f.weight")).toEqual([768]);
  });

  it("defaults: time_step_rank 'auto' = ceil(hidden/16), inner = expand × hidden, tied head (configuration_mamba.py)", () => {
    // hidden 72 → dt rank 5, inner 144; 2 layers; vocab 100; untied here to see the head.
    const config = { model_type: "mamba", architectures: ["MambaForCausalLM"], hidden_size: 72, num_hidden_layers: 2, vocab_size: 100 };
    const { model, parameters } = analyzeConfig(config);
    expect(model.tieWordEmbeddings.value).toBe(true);
    expect(model.intermediateSize.value).toBe(144);
    expect(parameters!.total).toBe(2 * mambaLayer(72, 144, 16, 5) + 100 * 72 + 72);
    // transformers 5.18, MambaForCausalLM with tie_word_embeddings false and time_step_rank 7: 96,696.
    expect(analyzeConfig({ ...config, tie_word_embeddings: false, time_step_rank: 7 }).parameters!.total).toBe(96_696);
  });

  it("a saved intermediate_size wins over expand × hidden, as MambaConfig keeps it (transformers 5.18: 468,258)", () => {
    const config = { model_type: "mamba", hidden_size: 64, num_hidden_layers: 2, vocab_size: 100, expand: 3, use_bias: true, use_conv_bias: false, state_size: 8, conv_kernel: 3, intermediate_size: 999 };
    expect(analyzeConfig(config).parameters!.total).toBe(468_258);
  });
});

describe("mamba2", () => {
  it("mistralai/Mamba-Codestral-7B-v0.1 counts 7,285,403,648, the model card's number", () => {
    const d = 4096;
    const inner = 8192;
    const convDim = inner + 2 * 8 * 128; // n_groups 8, state 128
    const heads = 128;
    const layer = (inner + convDim + heads) * d + convDim * 4 + convDim + 3 * heads + inner + d * inner + d;
    const expected = 64 * layer + 2 * 32_768 * d + d; // untied head (Mamba2Config default)
    expect(expected).toBe(7_285_403_648);
    const { parameters, facts } = analyzeConfig(readFixtureConfig("mistralai--Mamba-Codestral-7B-v0.1"));
    expect(parameters!.total).toBe(expected);
    expect(parameters!.estimated).toBe(false);
    // num_heads are SSM heads: not read as attention heads.
    expect(facts.attention.type).toBe("NONE");
    expect(facts.attention.nHeads).toBeNull();
  });

  it("defaults: untied head, n_groups 8, num_heads 128, state 128 (configuration_mamba2.py)", () => {
    const config = { model_type: "mamba2", architectures: ["Mamba2ForCausalLM"], hidden_size: 64, num_hidden_layers: 1, vocab_size: 100 };
    const { model, inventory } = analyzeConfig(config);
    expect(model.tieWordEmbeddings.value).toBe(false);
    const shapes = new Map([...expandTensors(inventory!)].map((t) => [t.name, t.shape]));
    expect(shapes.get("backbone.layers.0.mixer.dt_bias")).toEqual([128]);
    expect(shapes.get("backbone.layers.0.mixer.conv1d.weight")).toEqual([128 + 2 * 8 * 128, 1, 4]);
    expect(shapes.get("backbone.layers.0.mixer.norm.weight")).toEqual([128]);
    expect(shapes.get("lm_head.weight")).toEqual([100, 64]);
  });

  it("a tiny tied config with biases totals what transformers 5.18 builds (61,248)", () => {
    const config = { model_type: "mamba2", hidden_size: 64, num_hidden_layers: 2, vocab_size: 100, num_heads: 8, head_dim: 16, n_groups: 1, state_size: 8, tie_word_embeddings: true, use_bias: true };
    expect(analyzeConfig(config).parameters!.total).toBe(61_248);
  });
});
