import { describe, expect, it } from "vitest";
import { isFullSha, looksLikeRepoId, parseRepoRef } from "../../src/hub/parse-repo-id.js";

describe("parseRepoRef", () => {
  it.each([
    ["mistralai/Mistral-7B-v0.1", { repo: "mistralai/Mistral-7B-v0.1", revision: null }],
    ["Qwen/Qwen3-0.6B@main", { repo: "Qwen/Qwen3-0.6B", revision: "main" }],
    ["org/model@refs/pr/12", { repo: "org/model", revision: "refs/pr/12" }],
    ["org/model@0123456789abcdef0123456789abcdef01234567", { repo: "org/model", revision: "0123456789abcdef0123456789abcdef01234567" }],
    ["01-ai/Yi_6B@v1.0", { repo: "01-ai/Yi_6B", revision: "v1.0" }],
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
  ])("refuses %s", (input, message) => {
    expect(() => parseRepoRef(input)).toThrow(message);
  });
});

describe("looksLikeRepoId", () => {
  it.each([
    ["org/name", true],
    ["org/name@rev", true],
    ["org/name/extra", false],
    ["./org/name", false],
    ["configs/model.json", false],
    ["models/x.safetensors", false],
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
