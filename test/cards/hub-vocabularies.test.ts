import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ESM script without types.
import { buildVocabularies, renderVocabularies } from "../../scripts/generate-hub-vocabularies.mjs";
import { isLanguageCode, isLibraryName, isPipelineTag, suggestVocabulary } from "../../src/cards/hub-vocabularies.js";
import { ROOT } from "../helpers/run-cli.js";

describe("Hub vocabularies", () => {
  it("the generated lists are those of the installed @huggingface/tasks and @huggingface/languages", () => {
    // Fails after an upgrade of either package until `npm run generate:vocabularies` is run.
    const generated = readFileSync(join(ROOT, "src", "cards", "hub-vocabularies-data.ts"), "utf8");
    expect(generated).toBe(renderVocabularies(buildVocabularies()));
  });

  it.each([
    ["text-generation", true],
    ["image-text-to-text", true],
    ["text2text", false],
  ])("pipeline tag %s → %s", (tag, known) => expect(isPipelineTag(tag)).toBe(known));

  it.each([
    ["transformers", true],
    ["diffusers", true],
    ["Transformers", false],
  ])("library %s → %s", (name, known) => expect(isLibraryName(name)).toBe(known));

  it.each([
    ["en", true],
    ["yue", true],
    ["en-US", false],
    ["english", false],
  ])("language %s → %s", (code, known) => expect(isLanguageCode(code)).toBe(known));

  it("suggests by case and separators", () => {
    expect(suggestVocabulary("Transformers", "library")).toBe("transformers");
    expect(suggestVocabulary("text_generation", "pipeline")).toBe("text-generation");
    expect(suggestVocabulary("pt-BR", "language")).toBe("pt");
  });
});

describe("did you mean, for misspelt card values (issue 15 item 6)", () => {
  it.each([
    ["apache2", "license", "apache-2.0"],
    ["Apache-2", "license", "apache-2.0"],
    ["text-generations", "pipeline", "text-generation"],
    ["text_generation", "pipeline", "text-generation"],
    ["transfomers", "library", "transformers"],
    ["english", "language", "en"],
    ["French", "language", "fr"],
    ["en-US", "language", "en"],
  ] as const)("%s (%s) → %s", (value, kind, expected) => {
    expect(suggestVocabulary(value, kind)).toBe(expected);
  });

  it.each([
    ["zzqqxxyy", "license"],
    ["not-a-task-at-all", "pipeline"],
    ["xq", "library"],
    ["klingonese", "language"],
  ] as const)("%s (%s): nothing close, no guess", (value, kind) => {
    expect(suggestVocabulary(value, kind)).toBeNull();
  });
});
