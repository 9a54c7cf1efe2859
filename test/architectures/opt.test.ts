import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

describe("opt (modeling_opt.py)", () => {
  it("OPT-125m: 125,239,296", () => {
    const { parameters } = analyzeConfig(readFixtureConfig("facebook--opt-125m"));
    // The widely quoted count of facebook/opt-125m; by modeling_opt.py: embed_tokens 50,272 × 768 =
    // 38,608,896; embed_positions (2,048 + 2) × 768 = 1,574,400; per layer q/k/v/out 4 × (768² + 768)
    // = 2,362,368, two LayerNorms 3,072, fc1 2,362,368, fc2 2,360,064 → 7,087,872 × 12 = 85,054,464;
    // final_layer_norm 1,536; lm_head tied.
    expect(parameters?.total).toBe(125_239_296);
    expect(parameters?.estimated).toBe(false);
  });

  it("OPT-350m: project_in/project_out, 512-wide embeddings, no final LayerNorm: 331,196,416", () => {
    const config = readFixtureConfig("facebook--opt-350m");
    const { parameters } = analyzeConfig(config);
    // Derived from modeling_opt.py (a public benchmark script quotes the same 331196416 for OPT-350M,
    // secondary): embed_tokens 50,272 × 512 = 25,739,264; embed_positions
    // 2,050 × 1,024 = 2,099,200; project_in + project_out 2 × 512 × 1,024 = 1,048,576; per layer
    // 4 × (1,024² + 1,024) + 4,096 + (4,096 × 1,024 + 4,096) + (1,024 × 4,096 + 1,024) = 12,596,224
    // × 24 = 302,309,376; do_layer_norm_before false → no decoder final_layer_norm; tied.
    expect(parameters?.total).toBe(331_196_416);
    const s = shapes(config);
    expect(s.get("model.decoder.project_in.weight")).toEqual([1024, 512]);
    expect(s.get("model.decoder.project_out.weight")).toEqual([512, 1024]);
    expect(s.get("model.decoder.embed_positions.weight")).toEqual([2050, 1024]);
    expect(s.has("model.decoder.final_layer_norm.weight")).toBe(false);
    expect(s.has("model.decoder.layers.23.final_layer_norm.weight")).toBe(true);
  });

  it("an untied head is word_embed_proj_dim wide", () => {
    const config = readFixtureConfig("facebook--opt-350m");
    expect(shapes({ ...config, tie_word_embeddings: false }).get("lm_head.weight")).toEqual([50272, 512]);
  });

  it("enable_bias, layer_norm_elementwise_affine and _remove_final_layer_norm", () => {
    const config = readFixtureConfig("facebook--opt-125m");
    // q/k/v/out 4 × 768, fc1 3,072, fc2 768 per layer.
    expect(totalOf(config) - totalOf({ ...config, enable_bias: false })).toBe(12 * (4 * 768 + 3072 + 768));
    // Two LayerNorms per layer and the decoder's final one, 2 × 768 each.
    expect(totalOf(config) - totalOf({ ...config, layer_norm_elementwise_affine: false })).toBe((12 * 2 + 1) * 2 * 768);
    expect(totalOf(config) - totalOf({ ...config, _remove_final_layer_norm: true })).toBe(2 * 768);
  });

  it("defaults from configuration_opt.py: word_embed_proj_dim = hidden, positions 2,048 (+2), ffn_dim 3,072, tied", () => {
    const { model, parameters } = analyzeConfig({ model_type: "opt", hidden_size: 64, num_attention_heads: 4, num_hidden_layers: 1, vocab_size: 100 });
    expect(model.intermediateSize.value).toBe(3072);
    expect(model.tieWordEmbeddings.value).toBe(true);
    expect(parameters!.breakdown.lmHead).toBeUndefined();
    const s = shapes({ model_type: "opt", hidden_size: 64, num_attention_heads: 4, num_hidden_layers: 1, vocab_size: 100 });
    expect(s.get("model.decoder.embed_positions.weight")).toEqual([2050, 64]);
    expect(s.has("model.decoder.project_in.weight")).toBe(false);
  });
});
