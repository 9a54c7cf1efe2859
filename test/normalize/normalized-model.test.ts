import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeConfig } from "../../src/architectures/normalize-config.js";
import { normalizedModelData } from "../../src/normalize/normalized-model.js";
import { FIXTURES, readFixtureConfig } from "../helpers/count.js";
import { draft07Validator } from "../helpers/schemas.js";

const validate = draft07Validator("normalized-model.schema.json");

describe("normalized model", () => {
  const fixtures = readdirSync(join(FIXTURES, "configs")).map((f) => f.replace(/\.json$/, ""));
  it.each(fixtures)("%s validates against schemas/normalized-model.schema.json", (name) => {
    const data = JSON.parse(JSON.stringify(normalizedModelData(normalizeConfig(readFixtureConfig(name)))));
    expect(validate(data), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it("reads every dialect into the same fields, with pointers", () => {
    const gpt2 = normalizeConfig({ model_type: "gpt2", n_embd: 768, n_layer: 12, n_head: 12, n_positions: 1024, vocab_size: 50257 });
    expect([gpt2.hiddenSize.value, gpt2.numLayers.value, gpt2.numHeads.value, gpt2.maxPositions.value]).toEqual([768, 12, 12, 1024]);
    expect(gpt2.hiddenSize.pointer).toBe("/n_embd");
    const nested = normalizeConfig({ model_type: "custom_vlm", text_config: { hidden_size: 2048, num_attention_heads: 16, num_key_value_heads: 4 } });
    expect(nested.numKvHeads).toEqual({ value: 4, pointer: "/text_config/num_key_value_heads", origin: "config" });
  });

  it("chooses the family from architectures[0] before model_type", () => {
    const m = normalizeConfig({ model_type: "llama", architectures: ["MistralForCausalLM"], hidden_size: 64, num_attention_heads: 4 });
    expect(m.layoutType).toBe("mistral");
    expect(m.numKvHeads.value).toBe(8);
  });

  it("treats __proto__ and constructor as plain data", () => {
    const config = JSON.parse('{"__proto__": {"hidden_size": 1}, "constructor": {"x": 1}, "model_type": "llama"}') as Record<string, unknown>;
    const m = normalizeConfig(config);
    expect(m.hiddenSize.origin).toBe("default");
    expect(({} as Record<string, unknown>).hidden_size).toBeUndefined();
  });

  it("labels a known type with an unknown head as an estimate", () => {
    const m = normalizeConfig({ model_type: "llama", architectures: ["LlamaForTokenClassification"], hidden_size: 64 });
    expect(m.estimateReason).toMatch(/token-classification head/);
  });
});
