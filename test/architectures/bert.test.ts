import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

/**
 * RoBERTa and XLM-RoBERTa through bert.ts (modeling_roberta.py, modeling_xlm_roberta.py).
 * Hub totals from the safetensors docs (huggingface/safetensors docs/source/metadata_parsing.mdx,
 * "params per dtype as shown on the Hub"): FacebookAI/roberta-base {F32 124,697,433, I64 514},
 * roberta-large {F32 355,412,057, I64 514}. The I64 tensor is the stored `position_ids` buffer
 * [1, 514], not a parameter, so the module count is the F32 part. RobertaModel counts (with pooler)
 * from a public `AutoModel(...).num_parameters()` list: roberta-base 124,645,632, roberta-large
 * 355,359,744; XLMRobertaModel xlm-roberta-base 278,043,648 from public model-size lists.
 */
describe("roberta and xlm-roberta (bert.ts)", () => {
  it.each([
    { fixture: "FacebookAI--roberta-base", hub: 124_697_947, model: 124_645_632, d: 768 },
    { fixture: "FacebookAI--roberta-large", hub: 355_412_571, model: 355_359_744, d: 1024 },
  ])("$fixture: Hub $hub = module count + position_ids (514)", ({ fixture, hub, model, d }) => {
    const config = readFixtureConfig(fixture);
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(hub - 514);
    expect(parameters?.estimated).toBe(false);
    // RobertaForMaskedLM = RobertaModel − pooler (d² + d) + lm_head dense (d² + d) + layer_norm 2d + bias 50,265.
    expect(parameters?.total).toBe(model + 2 * d + 50_265);
    expect(totalOf({ ...config, architectures: ["RobertaModel"] })).toBe(model);
  });

  it("xlm-roberta-base: XLMRobertaModel 278,043,648; XLMRobertaForMaskedLM 278,295,186", () => {
    const config = readFixtureConfig("FacebookAI--xlm-roberta-base");
    expect(totalOf({ ...config, architectures: ["XLMRobertaModel"] })).toBe(278_043_648);
    // Derived: 278,043,648 − pooler 590,592 + lm_head dense 590,592 + layer_norm 1,536 + bias 250,002.
    const { parameters } = analyzeConfig(config);
    expect(parameters?.total).toBe(278_043_648 + 1_536 + 250_002);
    expect(parameters?.estimated).toBe(false);
  });

  it("names: roberta.* base, lm_head.dense / layer_norm / bias, decoder tied, no pooler", () => {
    const s = shapes(readFixtureConfig("FacebookAI--xlm-roberta-base"));
    expect(s.get("roberta.embeddings.word_embeddings.weight")).toEqual([250002, 768]);
    expect(s.get("roberta.embeddings.position_embeddings.weight")).toEqual([514, 768]);
    expect(s.get("roberta.embeddings.token_type_embeddings.weight")).toEqual([1, 768]);
    expect(s.get("lm_head.layer_norm.weight")).toEqual([768]);
    expect(s.get("lm_head.bias")).toEqual([250002]);
    expect(s.has("lm_head.decoder.weight")).toBe(false);
    expect(s.has("roberta.pooler.dense.weight")).toBe(false);
  });

  it("RobertaForSequenceClassification uses its own two-layer head, no pooler", () => {
    const config = { ...readFixtureConfig("FacebookAI--roberta-base"), architectures: ["RobertaForSequenceClassification"] };
    // classifier.dense 768² + 768, out_proj 2 × 768 + 2, on RobertaModel without its pooler.
    expect(totalOf(config)).toBe(124_645_632 - 590_592 + 590_592 + 1_538);
  });

  it("defaults from configuration_roberta.py / configuration_xlm_roberta.py: type_vocab_size 2, 512 positions", () => {
    for (const model_type of ["roberta", "xlm-roberta"]) {
      const config = { model_type, hidden_size: 16, num_hidden_layers: 1, num_attention_heads: 2, intermediate_size: 32, vocab_size: 10 };
      const s = shapes(config);
      expect(s.get("roberta.embeddings.token_type_embeddings.weight")).toEqual([2, 16]);
      expect(s.get("roberta.embeddings.position_embeddings.weight")).toEqual([512, 16]);
    }
  });
});
