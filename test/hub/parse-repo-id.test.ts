import { describe, expect, it } from "vitest";
import { isFullSha, looksLikeRepoId, parseRepoRef } from "../../src/targets/parse-repo-id.js";

describe("parseRepoRef", () => {
  it.each([
    ["mistralai/Mistral-7B-v0.1", { repo: "mistralai/Mistral-7B-v0.1", revision: null, tag: null }],
    ["Qwen/Qwen3-0.6B@main", { repo: "Qwen/Qwen3-0.6B", revision: "main", tag: null }],
    ["org/model@refs/pr/12", { repo: "org/model", revision: "refs/pr/12", tag: null }],
    ["org/model@0123456789abcdef0123456789abcdef01234567", { repo: "org/model", revision: "0123456789abcdef0123456789abcdef01234567", tag: null }],
    ["01-ai/Yi_6B@v1.0", { repo: "01-ai/Yi_6B", revision: "v1.0", tag: null }],
    // The GGUF selector of llama.cpp's -hf and Ollama's hf.co/ references; the revision comes before it.
    ["TheBloke/Llama-2-7B-GGUF:Q4_K_M", { repo: "TheBloke/Llama-2-7B-GGUF", revision: null, tag: "Q4_K_M" }],
    ["TheBloke/Llama-2-7B-GGUF@main:q4_k_m", { repo: "TheBloke/Llama-2-7B-GGUF", revision: "main", tag: "q4_k_m" }],
    ["org/model@refs/pr/3:llama-2-7b.Q8_0.gguf", { repo: "org/model", revision: "refs/pr/3", tag: "llama-2-7b.Q8_0.gguf" }],
    ["org/model:Q4_K_M/model-Q4_K_M-00001-of-00002.gguf", { repo: "org/model", revision: null, tag: "Q4_K_M/model-Q4_K_M-00001-of-00002.gguf" }],
  ])("accepts %s", (input, expected) => {
    expect(parseRepoRef(input)).toEqual(expected);
  });

  // Each of these would otherwise reach a URL: @huggingface/hub interpolates the repo name unencoded.
  it.each([
    ["org/na..me", /".." and "--" are not allowed/],
    ["org/na--me", /".." and "--" are not allowed/],
    ["org/-name", /may only hold letters/],
    ["org/name.", /may only hold letters/],
    ["org/na%2e%2eme", /may only hold letters/],
    ["org/name?x=1", /may only hold letters/],
    ["org/name#frag", /may only hold letters/],
    ["org/repo.git", /may not end in .git/],
    [`org/${"a".repeat(97)}`, /at most 96/],
    ["org/name@", /empty revision/],
    ["org/name@../main", /may not contain "\.\."/],
    ["org/name@a/../b", /may not contain "\.\."/],
    ["org/name@/main", /may only hold/],
    ["org/name@main/", /may only hold/],
    ["org/name@ma in", /may only hold/],
    ["org/name@main%2F..", /may only hold/],
    ["org/name:Q4_K_M@main", /put the revision before the GGUF tag, as org\/name@revision:TAG \(here org\/name@main:Q4_K_M\)/],
    ["org/name:", /empty GGUF tag/],
    ["org/name@main:", /empty GGUF tag/],
    ["org/name:../x.gguf", /may not contain "\.\."/],
    ["org/name:Q4 K", /may only hold/],
  ])("refuses %s", (input, message) => {
    expect(() => parseRepoRef(input)).toThrow(message);
  });
});

describe("looksLikeRepoId", () => {
  it.each([
    ["org/name", true],
    ["org/name@rev", true],
    ["org/name:Q4_K_M", true],
    ["org/name@rev:Q4_K_M", true],
    ["org/name:model.Q4_K_M.gguf", true],
    ["org/name:Q4_K_M@rev", true],
    ["C:/models/x", false],
    ["org/name/extra", false],
    ["./org/name", false],
    ["configs/model.json", false],
    ["models/x.safetensors", false],
    ["models/x.onnx", false],
    ["name", false],
  ])("%s → %s", (input, expected) => {
    expect(looksLikeRepoId(input)).toBe(expected);
  });
});

describe("isFullSha", () => {
  it("accepts 40 lowercase hex digits only", () => {
    expect(isFullSha("0123456789abcdef0123456789abcdef01234567")).toBe(true);
    expect(isFullSha("0123456")).toBe(false);
    expect(isFullSha("0123456789ABCDEF0123456789ABCDEF01234567")).toBe(false);
    expect(isFullSha("main")).toBe(false);
  });
});
