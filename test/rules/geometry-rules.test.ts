import { describe } from "vitest";
import { headDimConsistency } from "../../rules/head-dim-consistency.js";
import { headsDivideHidden } from "../../rules/heads-divide-hidden.js";
import { kvHeadsDivideHeads } from "../../rules/kv-heads-divide-heads.js";
import { testRule } from "../rule-tester.js";

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
