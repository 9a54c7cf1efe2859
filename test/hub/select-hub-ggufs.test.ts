import { describe, expect, it } from "vitest";
import { matchesSelector, quantTagOf } from "../../src/format/gguf-quant-tag.js";
import { HubError } from "../../src/hub/hub-error.js";
import { ggufModelsIn, MAX_DEFAULT_GGUF_MODELS, selectHubGgufs } from "../../src/hub/select-hub-ggufs.js";

describe("quantTagOf: the last quant-type token of a path, as huggingface.js's parseGGUFQuantLabel reads it", () => {
  it.each([
    ["llama-2-7b.Q4_K_M.gguf", "Q4_K_M"],
    ["llama-2-7b.q4_k_m.gguf", "Q4_K_M"],
    ["Meta-Llama-3.1-8B-Instruct-IQ3_XXS.gguf", "IQ3_XXS"],
    ["gemma-3-4b-it-Q4_0_4_4.gguf", "Q4_0_4_4"],
    ["Qwen2.5-7B-Instruct-BF16.gguf", "BF16"],
    ["mmproj-model-f16.gguf", "F16"],
    ["DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf", "UD-IQ1_S"],
    ["Q8_0/Llama-3.3-70B-Instruct-00001-of-00002.gguf", "Q8_0"],
    ["gpt-oss-20b-MXFP4.gguf", "MXFP4"],
    // The Q of Qwen is not a quant token; a name without one has no tag.
    ["Qwen3-0.6B.gguf", null],
    ["model.gguf", null],
  ])("%s → %s", (path, tag) => {
    expect(quantTagOf(path)).toBe(tag);
  });
});

describe("matchesSelector", () => {
  it.each([
    ["tiny.Q4_K_M.gguf", "Q4_K_M", true],
    ["tiny.Q4_K_M.gguf", "q4_k_m", true],
    // Whole tags only.
    ["tiny.Q4_K_M.gguf", "Q4_K", false],
    ["tiny.Q4_K_S.gguf", "Q4_K_M", false],
    ["tiny.Q4_0_4_4.gguf", "Q4_0", false],
    // unsloth's UD- prefix is optional in the selector, not the other way round.
    ["model-UD-Q4_K_XL.gguf", "Q4_K_XL", true],
    ["model-UD-Q4_K_XL.gguf", "UD-Q4_K_XL", true],
    ["model-Q4_K_XL.gguf", "UD-Q4_K_XL", false],
    // A file name, in any folder.
    ["sub/tiny.Q8_0.gguf", "tiny.Q8_0.gguf", true],
    ["sub/tiny.Q8_0.gguf", "sub/tiny.Q8_0.gguf", true],
    ["sub/other-tiny.Q8_0.gguf", "tiny.Q8_0.gguf", false],
  ])("%s with :%s → %s", (path, selector, expected) => {
    expect(matchesSelector(path, selector)).toBe(expected);
  });

  it("a file name matches a split model by any of its shards", () => {
    expect(matchesSelector("m-00001-of-00002.gguf", "m-00002-of-00002.gguf", ["m-00001-of-00002.gguf", "m-00002-of-00002.gguf"])).toBe(true);
  });
});

describe("selectHubGgufs", () => {
  const quants = ["Q2_K", "Q3_K_L", "Q3_K_M", "Q3_K_S", "Q4_0", "Q4_K_M", "Q4_K_S", "Q5_0", "Q5_K_M", "Q5_K_S", "Q6_K", "Q8_0"];
  // TheBloke/Llama-2-7B-GGUF's file list: one file per quant type, a card, a config stub, licences.
  const files = [".gitattributes", "LICENSE.txt", "README.md", "config.json", ...quants.map((q) => `llama-2-7b.${q}.gguf`)];

  it("groups split models by their shards and ignores other files", () => {
    expect(ggufModelsIn(["a.gguf", "Q8_0/m-00002-of-00002.gguf", "Q8_0/m-00001-of-00002.gguf", "README.md", ".hidden/x.gguf"])).toEqual([
      { path: "Q8_0/m-00001-of-00002.gguf", shards: ["Q8_0/m-00001-of-00002.gguf", "Q8_0/m-00002-of-00002.gguf"] },
      { path: "a.gguf", shards: ["a.gguf"] },
    ]);
  });

  it(`without a tag: at most ${MAX_DEFAULT_GGUF_MODELS}, Q4_K_M first, then in path order; the rest not read`, () => {
    const { models, notRead } = selectHubGgufs(files, null);
    expect(models.map((m) => m.path)).toEqual(["llama-2-7b.Q2_K.gguf", "llama-2-7b.Q3_K_L.gguf", "llama-2-7b.Q3_K_M.gguf", "llama-2-7b.Q4_K_M.gguf"]);
    expect(notRead).toHaveLength(quants.length - 4);
    expect(notRead[0]).toBe("llama-2-7b.Q3_K_S.gguf");
  });

  it("with a tag: what it selects, whatever the count", () => {
    expect(selectHubGgufs(files, "q5_k_m")).toEqual({ models: [{ path: "llama-2-7b.Q5_K_M.gguf", shards: ["llama-2-7b.Q5_K_M.gguf"] }], notRead: [] });
  });

  it("an unknown tag, or a tag on a repo without GGUF files, is one clear error", () => {
    const error = (() => {
      try {
        selectHubGgufs(files, "Q9_K");
      } catch (e) {
        return e;
      }
    })() as HubError;
    expect(error).toBeInstanceOf(HubError);
    expect(error.code).toBe("gguf-tag-not-found");
    expect(error.message).toBe(`no GGUF file matches ":Q9_K" (a quant tag, or a file name ending in .gguf); available: ${quants.join(", ")}`);
    expect(() => selectHubGgufs(["config.json", "model.safetensors"], "Q4_K_M")).toThrow('":Q4_K_M" selects GGUF files, but the repo holds none at this revision');
  });
});
