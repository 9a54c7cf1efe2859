import { describe, expect, it } from "vitest";
import { analyzeConfig, readFixtureConfig } from "../helpers/count.js";

/**
 * A count built on a field that is present but unusable is never "exact": it is an estimate that
 * names the field and the value assumed, or no count when nothing sensible can be assumed. A missing
 * field takes the class default, as transformers does, and the count stays exact.
 */
const llama = readFixtureConfig("meta-llama--Meta-Llama-3-8B");
const bert = readFixtureConfig("google-bert--bert-base-uncased");
const t5 = readFixtureConfig("google-t5--t5-small");
const BAD = { string: "13824", negative: -4, float: 13824.5, null: null } as const;

describe("counts built on unusable fields", () => {
  it('Llama\'s "intermediate_size": "13824" is an estimate with d_ff = 4 × d, named and marked', () => {
    const { parameters, facts } = analyzeConfig({ ...llama, intermediate_size: "13824" });
    expect(parameters?.estimated).toBe(true);
    expect(parameters?.estimateReason).toBe('"intermediate_size" must be an integer, found the string "13824"; counted with 16384 (4 × hidden_size)');
    expect(facts.dims.dFf).toBe(16384);
    expect(facts.dims.assumed).toEqual(["dFf"]);
  });

  for (const [what, value] of Object.entries(BAD)) {
    it(`${what} dims never give estimated: false with an invented value (Llama, BERT, T5)`, () => {
      for (const [config, keys] of [
        [llama, ["hidden_size", "num_hidden_layers", "intermediate_size", "num_attention_heads", "num_key_value_heads", "vocab_size"]],
        [bert, ["hidden_size", "num_hidden_layers", "intermediate_size", "num_attention_heads", "vocab_size"]],
        [t5, ["d_model", "num_layers", "d_ff", "num_heads", "vocab_size", "d_kv"]],
      ] as const) {
        for (const key of keys) {
          // LlamaConfig: num_key_value_heads None means one KV head per head (configuration_llama.py): a meaning, not a gap.
          if (key === "num_key_value_heads" && value === null) continue;
          const { parameters } = analyzeConfig({ ...config, [key]: value });
          // Either no count at all, or a labelled estimate; never an exact count on an invented value.
          if (parameters) expect(parameters.estimated, `${key} = ${JSON.stringify(value)}`).toBe(true);
        }
      }
    });
  }

  it("a missing field takes the class default and stays exact (MC104 says so)", () => {
    const { intermediate_size: _dropped, ...withoutFf } = llama;
    const { parameters, facts } = analyzeConfig(withoutFf);
    expect(parameters?.estimated).toBe(false);
    // LlamaConfig's default intermediate_size is 11008 (configuration_llama.py).
    expect(facts.dims.dFf).toBe(11008);
    expect(facts.dims.assumed).toEqual([]);
  });

  it("a null width or depth gives no count: nothing sensible can be assumed", () => {
    expect(analyzeConfig({ ...llama, hidden_size: null }).parameters).toBeNull();
    expect(analyzeConfig({ ...llama, num_hidden_layers: null }).parameters).toBeNull();
  });

  it("Llama's num_key_value_heads: null means MHA, as LlamaConfig says: exact", () => {
    const { parameters, facts } = analyzeConfig({ ...llama, num_key_value_heads: null });
    expect(parameters?.estimated).toBe(false);
    expect(facts.attention.type).toBe("MHA");
  });

  it("GPT-2's n_inner: null means 4 × n_embd, as GPT2Config says: exact", () => {
    const { parameters } = analyzeConfig({ ...readFixtureConfig("openai-community--gpt2"), n_inner: null });
    // openai-community/gpt2: 124,439,808 (Hub safetensors total).
    expect(parameters?.total).toBe(124_439_808);
    expect(parameters?.estimated).toBe(false);
  });
});
