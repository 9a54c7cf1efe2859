import { describe } from "vitest";
import { fieldType } from "../../rules/field-type.js";
import { invalidJson } from "../../rules/invalid-json.js";
import { notAModelConfig } from "../../rules/not-a-model-config.js";
import { testRule } from "../rule-tester.js";

const llama = { model_type: "llama", architectures: ["LlamaForCausalLM"], hidden_size: 64, intermediate_size: 128, num_hidden_layers: 2, num_attention_heads: 4, vocab_size: 100 };

describe("MC001 invalid-json", () => {
  testRule(invalidJson, {
    valid: [{ name: "a config", config: llama }, { name: "a JSON array is MC002's", config: [1, 2] }, { name: "UTF-8 BOM", config: `\uFEFF${JSON.stringify(llama)}` }],
    invalid: [
      { name: "truncated JSON points at the end", config: '{\n  "model_type": "llama",\n  "hidden_size": 4096', errors: [{ ruleId: "MC001", pointer: null, line: 3 }] },
      { name: "trailing comma", config: '{\n  "a": 1,\n}', errors: [{ ruleId: "MC001", pointer: null, line: 3 }] },
      { name: "empty file", config: "", errors: [{ ruleId: "MC001", pointer: null }] },
      { name: "whitespace only", config: "  \n ", errors: [{ ruleId: "MC001", pointer: null }] },
      { name: "invalid UTF-8", config: new Uint8Array([0x7b, 0x0a, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), errors: [{ ruleId: "MC001", pointer: null, line: 2 }] },
    ],
  });
});

describe("MC002 not-a-model-config", () => {
  testRule(notAModelConfig, {
    valid: [{ config: llama }, { name: "multimodal config with text_config only", config: { text_config: { hidden_size: 8 } } }],
    invalid: [
      { name: "a JSON array", config: [llama], errors: [{ ruleId: "MC002", pointer: "" }] },
      { name: "a JSON string", config: '"llama"', errors: [{ ruleId: "MC002", pointer: "" }] },
      { name: "null", config: "null", errors: [{ ruleId: "MC002", pointer: "" }] },
      { name: "a generation config", config: { bos_token_id: 1, eos_token_id: 2, max_new_tokens: 20 }, errors: [{ ruleId: "MC002", pointer: "" }] },
      { name: "__proto__ only", config: '{"__proto__": {"hidden_size": 1}}', errors: [{ ruleId: "MC002", pointer: "" }] },
    ],
  });
});

describe("MC003 field-type", () => {
  testRule(fieldType, {
    valid: [{ config: llama }, { name: "null num_key_value_heads means default", config: { ...llama, num_key_value_heads: null } }],
    invalid: [
      { name: "string for a number", config: { ...llama, hidden_size: "64" }, errors: [{ ruleId: "MC003", pointer: "/hidden_size" }] },
      { name: "float for an integer", config: { ...llama, num_hidden_layers: 2.5 }, errors: [{ ruleId: "MC003", pointer: "/num_hidden_layers" }] },
      { name: "zero", config: { ...llama, num_attention_heads: 0 }, errors: [{ ruleId: "MC003", pointer: "/num_attention_heads" }] },
      { name: "negative", config: { ...llama, vocab_size: -5 }, errors: [{ ruleId: "MC003", pointer: "/vocab_size" }] },
      { name: "absurd", config: { ...llama, hidden_size: 1e15 }, errors: [{ ruleId: "MC003", pointer: "/hidden_size" }] },
      { name: "string flag", config: { ...llama, tie_word_embeddings: "yes" }, errors: [{ ruleId: "MC003", pointer: "/tie_word_embeddings" }] },
      { name: "architectures not a list", config: { ...llama, architectures: "LlamaForCausalLM" }, errors: [{ ruleId: "MC003", pointer: "/architectures" }] },
      { name: "nested text_config keeps its pointer", config: { model_type: "llava", text_config: { hidden_size: "4096" } }, errors: [{ ruleId: "MC003", pointer: "/text_config/hidden_size" }] },
      { name: "GPT-2 dialect", config: { model_type: "gpt2", n_embd: 768, n_layer: "12", n_head: 12, vocab_size: 50257 }, errors: [{ ruleId: "MC003", pointer: "/n_layer" }] },
    ],
  });
});
