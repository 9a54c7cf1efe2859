import { describe, expect, it } from "vitest";
import { dimsFromDefaults } from "../../rules/dims-from-defaults.js";
import { headDimConsistency } from "../../rules/head-dim-consistency.js";
import { headsDivideHidden } from "../../rules/heads-divide-hidden.js";
import { kvHeadsDivideHeads } from "../../rules/kv-heads-divide-heads.js";
import { runRule, testRule } from "../rule-tester.js";

const llama = { model_type: "llama", architectures: ["LlamaForCausalLM"], hidden_size: 4096, intermediate_size: 11008, num_hidden_layers: 2, num_attention_heads: 32, vocab_size: 100 };

describe("MC101 heads-divide-hidden", () => {
  testRule(headsDivideHidden, {
    valid: [
      { config: llama },
      { name: "explicit head_dim", config: { ...llama, hidden_size: 4100, head_dim: 128 } },
      { name: "gemma fixes head_dim at 256", config: { model_type: "gemma", hidden_size: 3000, num_attention_heads: 16, num_hidden_layers: 1, vocab_size: 10 } },
    ],
    invalid: [{ config: { ...llama, hidden_size: 4100 }, errors: [{ ruleId: "MC101", pointer: "/num_attention_heads" }] }],
  });
});

describe("MC102 kv-heads-divide-heads", () => {
  testRule(kvHeadsDivideHeads, {
    valid: [{ config: llama }, { config: { ...llama, num_key_value_heads: 8 } }, { name: "MQA", config: { ...llama, num_key_value_heads: 1 } }],
    invalid: [
      { config: { ...llama, num_key_value_heads: 6 }, errors: [{ ruleId: "MC102", pointer: "/num_key_value_heads" }] },
      { name: "more KV heads than heads", config: { ...llama, num_key_value_heads: 64 }, errors: [{ ruleId: "MC102", pointer: "/num_key_value_heads" }] },
      {
        name: "mistral's default of 8 KV heads does not divide 12 heads (configuration_mistral.py)",
        config: { model_type: "mistral", hidden_size: 768, num_attention_heads: 12, num_hidden_layers: 1, vocab_size: 10 },
        errors: [{ ruleId: "MC102", pointer: "/num_attention_heads" }],
      },
    ],
  });
});

describe("MC103 head-dim-consistency", () => {
  testRule(headDimConsistency, {
    valid: [{ config: llama }, { name: "head_dim equal to hidden/heads", config: { ...llama, head_dim: 128 } }, { name: "implicit gemma default is not flagged", config: { model_type: "gemma", hidden_size: 3072, num_attention_heads: 16 } }],
    invalid: [{ name: "Mistral-NeMo-like", config: { ...llama, model_type: "mistral", hidden_size: 5120, head_dim: 128 }, errors: [{ ruleId: "MC103", pointer: "/head_dim", severity: "info" }] }],
  });
});

describe("MC104 dims-from-defaults", () => {
  testRule(dimsFromDefaults, {
    valid: [
      { config: llama },
      { name: "gpt2's own key names", config: { model_type: "gpt2", architectures: ["GPT2LMHeadModel"], n_embd: 768, n_layer: 12, n_head: 12, vocab_size: 50257, n_inner: null } },
      { name: "mamba has no attention heads to state", config: { model_type: "mamba", architectures: ["MambaForCausalLM"], hidden_size: 768, num_hidden_layers: 24, vocab_size: 50280 } },
    ],
    invalid: [
      { name: "a stub config: LlamaConfig's defaults", config: { model_type: "llama", architectures: ["LlamaForCausalLM"] }, errors: [{ ruleId: "MC104", pointer: "", severity: "info" }] },
      {
        name: "LLaVA-1.5's text_config relies on LlamaConfig's dims",
        config: { model_type: "llava", architectures: ["LlavaForConditionalGeneration"], text_config: { model_type: "llama", vocab_size: 32064 }, vision_config: { model_type: "clip_vision_model" } },
        errors: [{ ruleId: "MC104", pointer: "/text_config" }],
      },
    ],
  });

  it("names every key assumed and the value taken (configuration_llama.py defaults: 4096, 32 layers, 32 heads, 32000)", () => {
    const [finding] = runRule(dimsFromDefaults, { config: { model_type: "llama", architectures: ["LlamaForCausalLM"], intermediate_size: 5632 } });
    expect(finding!.message).toBe(
      "hidden_size, num_hidden_layers, num_attention_heads, vocab_size not in the config: counted with llama's defaults (hidden_size 4096, num_hidden_layers 32, num_attention_heads 32, vocab_size 32000), as transformers would build it",
    );
  });
});
