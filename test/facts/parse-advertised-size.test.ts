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
  ])("%s", (name, expected) => {
    expect(parseAdvertisedSizes(name, "name")).toEqual(expected.map((e) => ({ ...e, source: "name" })));
  });
});
