import { describe } from "vitest";
import { advertisedSizeMismatch } from "../../rules/advertised-size-mismatch.js";
import { unknownArchitecture } from "../../rules/unknown-architecture.js";
import { readFixtureConfig } from "../helpers/count.js";
import { testRule } from "../rule-tester.js";

const mistral = readFixtureConfig("mistralai--Mistral-7B-v0.1");
const mixtral = readFixtureConfig("mistralai--Mixtral-8x7B-v0.1");
const qwenMoe = readFixtureConfig("Qwen--Qwen3-30B-A3B");
const gemma2b = readFixtureConfig("google--gemma-2-2b-it");

describe("MC201 advertised-size-mismatch", () => {
  testRule(advertisedSizeMismatch, {
    valid: [
      { name: "Mistral-7B: 7.24B against 7B", config: mistral, targetName: "Mistral-7B-v0.1" },
      { name: "Mixtral 8x7B is a family label, not 56B", config: mixtral, targetName: "Mixtral-8x7B-v0.1" },
      { name: "Qwen3-30B-A3B: total and active both match", config: qwenMoe, targetName: "Qwen3-30B-A3B" },
      { name: "no size in the name", config: mistral, targetName: "my-model" },
      { name: "version and context are not sizes", config: mistral, targetName: "model-v0.1-32k" },
      { name: "_name_or_path metadata", config: { ...mistral, _name_or_path: "mistralai/Mistral-7B-v0.1" } },
      { name: "llava-1.5-7b: 7.06B with its vision tower matches 7b", config: readFixtureConfig("llava-hf--llava-1.5-7b-hf"), targetName: "llava-1.5-7b-hf" },
    ],
    invalid: [
      { name: "1B label on a 7.24B model", config: mistral, targetName: "tiny-1B", errors: [{ ruleId: "MC201", pointer: null, severity: "warning" }] },
      { name: "mislabelled metadata points at _name_or_path", config: { ...mistral, _name_or_path: "org/model-13B" }, errors: [{ ruleId: "MC201", pointer: "/_name_or_path" }] },
      { name: "gemma-2-2b: label matches the count without embeddings (info)", config: gemma2b, targetName: "gemma-2-2b-it", errors: [{ ruleId: "MC201", pointer: null, severity: "info" }] },
      { name: "a total label equal to the active count (info)", config: qwenMoe, targetName: "Qwen3-3B", errors: [{ ruleId: "MC201", pointer: null, severity: "info" }] },
      { name: "8x1B does not describe Mixtral", config: mixtral, targetName: "Mixtral-8x1B", errors: [{ ruleId: "MC201", pointer: null }] },
      {
        // gemma-3-27b-it: 27,432,406,640 in all (Hub safetensors.total), of which the SigLIP tower and projector are ~0.43B.
        name: "a label that fits the language model alone (info)",
        config: readFixtureConfig("google--gemma-3-27b-it"),
        targetName: "gemma-3-27.0B",
        options: { tolerance: 0.005 },
        errors: [{ ruleId: "MC201", pointer: null, severity: "info" }],
      },
      { name: "tolerance option: 7.24B is 3.4% over a 7.0B label", config: mistral, targetName: "Mistral-7.0B", options: { tolerance: 0.01 }, errors: [{ ruleId: "MC201", pointer: null }] },
    ],
  });
});

describe("MC202 unknown-architecture", () => {
  const dims = { hidden_size: 256, num_hidden_layers: 2, num_attention_heads: 4, vocab_size: 1000, intermediate_size: 512 };
  testRule(unknownArchitecture, {
    valid: [{ config: { ...dims, model_type: "llama", architectures: ["LlamaForCausalLM"] } }, { name: "known type without architectures", config: { ...dims, model_type: "qwen2" } }],
    invalid: [
      { name: "unknown type", config: { ...dims, model_type: "my_arch", architectures: ["MyArchForCausalLM"] }, errors: [{ ruleId: "MC202", pointer: "/architectures/0", severity: "info" }] },
      { name: "known type, unknown class (remote code)", config: { ...dims, model_type: "llama", architectures: ["MyLlamaVariantForCausalLM"] }, errors: [{ ruleId: "MC202", pointer: "/architectures/0" }] },
      { name: "unknown type without dims", config: { model_type: "my_arch" }, errors: [{ ruleId: "MC202", pointer: "/model_type" }] },
    ],
  });
});
