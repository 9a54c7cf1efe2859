import { describe, expect, it } from "vitest";
import { parseAdvertisedSizes } from "../../src/facts/parse-advertised-size.js";

describe("advertised sizes in names", () => {
  it.each([
    ["Mistral-7B-v0.1", [{ value: 7e9, kind: "total", text: "7B" }]],
    ["TinyLlama-1.1B-Chat-v1.0", [{ value: 1.1e9, kind: "total", text: "1.1B" }]],
    ["SmolLM2-135M-Instruct", [{ value: 135e6, kind: "total", text: "135M" }]],
    ["Qwen3-30B-A3B", [{ value: 30e9, kind: "total", text: "30B" }, { value: 3e9, kind: "active", text: "A3B" }]],
    ["Qwen1.5-MoE-A2.7B-Chat", [{ value: 2.7e9, kind: "active", text: "A2.7B" }]],
    ["Mixtral-8x7B-v0.1", [{ value: 7e9, kind: "moe", experts: 8, text: "8x7B" }]],
    ["bloom-560m", [{ value: 560e6, kind: "total", text: "560m" }]],
    ["Phi-3-mini-4k-instruct", []],
    ["OLMo-2-1124-7B-Instruct", [{ value: 7e9, kind: "total", text: "7B" }]],
    ["Llama-3.1-405B", [{ value: 405e9, kind: "total", text: "405B" }]],
    ["Kimi-K2-Instruct", []],
    ["mistralai--Mistral-7B-v0.1", [{ value: 7e9, kind: "total", text: "7B" }]],
    // Llama 4's model card: "17 billion active parameters … 16 experts".
    ["Llama-4-Scout-17B-16E-Instruct", [{ value: 17e9, kind: "active", text: "17B-16E" }]],
    // BitNet b1.58 2B4T: 2B parameters trained on 4T tokens (its model card).
    ["bitnet-b1.58-2B-4T", [{ value: 2e9, kind: "total", text: "2B" }]],
    // T5Gemma 2B-2B: a 2B encoder and a 2B decoder (Google's T5Gemma announcement).
    ["t5gemma-2b-2b-ul2", [{ value: 4e9, kind: "total", text: "2b-2b" }]],
    // OLMoE-1B-7B: "1B active and 7B total parameters" (its model card).
    ["OLMoE-1B-7B-0924", [{ value: 1e9, kind: "active", text: "1B" }, { value: 7e9, kind: "total", text: "7B" }]],
    // T5Gemma 9B-2B: a 9B encoder and a 2B decoder (the T5Gemma announcement).
    ["t5gemma-9b-2b-ul2", [{ value: 11e9, kind: "total", text: "9b-2b" }]],
    ["SmolVLM-256M-Instruct", [{ value: 256e6, kind: "total", text: "256M" }]],
  ])("%s", (name, expected) => {
    expect(parseAdvertisedSizes(name, "name")).toEqual(expected.map((e) => ({ ...e, source: "name" })));
  });
});
