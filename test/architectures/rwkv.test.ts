import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig } from "../helpers/count.js";

/** RWKV-4 (modeling_rwkv.py): time mixing and channel mixing blocks, pre_ln in block 0 only. */

function block(h: number, attn: number, ff: number): number {
  const norms = 4 * h; // ln1, ln2: weight + bias
  const time = 2 * attn + 3 * h + 3 * attn * h + h * attn; // time_decay, time_first, 3 time_mix, key/value/receptance, output
  const channel = 2 * h + ff * h + h * h + h * ff; // 2 time_mix, key, receptance, value
  return norms + time + channel;
}

describe("rwkv", () => {
  it("RWKV/rwkv-4-169m-pile counts 169,342,464 (169M)", () => {
    const total = 12 * block(768, 768, 3072) + 2 * 50_277 * 768 + 2 * 768 + 2 * 768; // + pre_ln, ln_out
    expect(total).toBe(169_342_464);
    const { parameters, inventory } = analyzeConfig(readFixtureConfig("RWKV--rwkv-4-169m-pile"));
    expect(parameters!.total).toBe(total);
    expect(inventory!.attentionType).toBe("NONE");
  });

  it("RWKV/rwkv-4-430m-pile counts 430,397,440 (430M)", () => {
    expect(24 * block(1024, 1024, 4096) + 2 * 50_277 * 1024 + 4 * 1024).toBe(430_397_440);
    expect(analyzeConfig(readFixtureConfig("RWKV--rwkv-4-430m-pile")).parameters!.total).toBe(430_397_440);
  });

  it("names tensors as RwkvForCausalLM saves them: rwkv. prefix, pre_ln only in block 0, untied head", () => {
    const { inventory } = analyzeConfig(readFixtureConfig("RWKV--rwkv-4-169m-pile"));
    const names = new Map([...expandTensors(inventory!)].map((t) => [t.name, t.shape]));
    expect(names.get("rwkv.embeddings.weight")).toEqual([50277, 768]);
    expect(names.get("rwkv.blocks.0.pre_ln.bias")).toEqual([768]);
    expect(names.has("rwkv.blocks.1.pre_ln.weight")).toBe(false);
    expect(names.get("rwkv.blocks.11.attention.time_mix_key")).toEqual([1, 1, 768]);
    expect(names.get("rwkv.blocks.11.attention.time_decay")).toEqual([768]);
    expect(names.get("rwkv.blocks.3.feed_forward.key.weight")).toEqual([3072, 768]);
    expect(names.get("rwkv.blocks.3.feed_forward.value.weight")).toEqual([768, 3072]);
    expect(names.get("rwkv.ln_out.weight")).toEqual([768]);
    expect(names.get("head.weight")).toEqual([50277, 768]);
  });

  it("defaults: attention_hidden_size = hidden, intermediate_size = 4·hidden, untied (configuration_rwkv.py); RwkvModel has no head", () => {
    const base = { model_type: "rwkv", hidden_size: 32, num_hidden_layers: 2, vocab_size: 100 };
    const { parameters, model } = analyzeConfig({ ...base, architectures: ["RwkvForCausalLM"] });
    expect(model.tieWordEmbeddings.value).toBe(false);
    expect(parameters!.total).toBe(2 * block(32, 32, 128) + 2 * 100 * 32 + 4 * 32);
    expect(analyzeConfig({ ...base, architectures: ["RwkvModel"] }).parameters!.total).toBe(2 * block(32, 32, 128) + 100 * 32 + 4 * 32);
    expect(analyzeConfig({ ...base, architectures: ["RwkvForCausalLM"], tie_word_embeddings: true }).parameters!.tied).toEqual([{ name: "head.weight", tiedTo: "rwkv.embeddings.weight" }]);
  });
});
