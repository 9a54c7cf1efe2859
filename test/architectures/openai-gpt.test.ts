import { describe, expect, it } from "vitest";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

describe("openai-gpt (modeling_openai.py)", () => {
  it("openai-gpt: 116,534,784 parameters, the 117M of the GPT paper's model", () => {
    // tokens 40478·768 + positions 512·768 + 12 × (c_attn 768·2304+2304 + c_proj 768·768+768
    // + c_fc 768·3072+3072 + c_proj 3072·768+768 + 2 LayerNorms 2·1536), head tied.
    const p = analyzeConfig(readFixtureConfig("openai-community--openai-gpt")).parameters!;
    expect(p.total).toBe(40478 * 768 + 512 * 768 + 12 * (768 * 2304 + 2304 + 768 * 768 + 768 + 768 * 3072 + 3072 + 3072 * 768 + 768 + 2 * 1536));
    expect(p.total).toBe(116_534_784);
    expect(p.estimated).toBe(false);
  });

  it("ties the LM head by default (configuration_openai.py) and untying adds vocab × d", () => {
    const config = readFixtureConfig("openai-community--openai-gpt");
    expect(totalOf({ ...config, tie_word_embeddings: false }) - totalOf(config)).toBe(40478 * 768);
  });

  it("a config without n_positions or n_ctx uses the default 512 positions", () => {
    const { n_positions: _positions, n_ctx: _context, ...config } = readFixtureConfig("openai-community--openai-gpt");
    expect(analyzeConfig(config).parameters!.breakdown.embedding).toBe(40478 * 768 + 512 * 768);
  });
});
