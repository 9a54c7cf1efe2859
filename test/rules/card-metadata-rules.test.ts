import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cardBaseModel } from "../../rules/card-base-model.js";
import { cardBodyShort } from "../../rules/card-body-short.js";
import { cardDatasetId } from "../../rules/card-dataset-id.js";
import { cardLanguageCode } from "../../rules/card-language-code.js";
import { cardLibraryName } from "../../rules/card-library-name.js";
import { cardLicense } from "../../rules/card-license.js";
import { cardMetadataInvalid } from "../../rules/card-metadata-invalid.js";
import { cardMetadataMissing } from "../../rules/card-metadata-missing.js";
import { cardMissingSections } from "../../rules/card-missing-sections.js";
import { cardModelIndex } from "../../rules/card-model-index.js";
import { cardPipelineTag } from "../../rules/card-pipeline-tag.js";
import { ROOT } from "../helpers/run-cli.js";
import { runCardRule, testCardRule } from "../card-rule-tester.js";

/** A body long enough for MC310, with the three sections MC311 looks for. */
const BODY = `
# Example model

A small decoder-only language model for English text generation, trained for research on
efficient inference. It is released with its training recipe.

## Intended use
Research on language models.

## Limitations
It can produce false or biased text.

## Training data
Public web text.
`;

/** Front matter lines start at card line 2. */
const card = (yaml: string, body = BODY) => `---\n${yaml}\n---\n${body}`;
const fixture = (name: string) => readFileSync(join(ROOT, "fixtures", "cards", name, "README.md"), "utf8");

describe("MC301 card-metadata-missing", () => {
  testCardRule(cardMetadataMissing, {
    valid: [{ name: "front matter present", card: card("license: mit") }, { name: "an empty block is still front matter", card: card("") }, { name: "realistic: Llama-3-style card", card: fixture("llama-3-8b-spec-table") }],
    invalid: [
      { name: "realistic: card without front matter", card: fixture("no-front-matter"), errors: [{ ruleId: "MC301", line: 1, column: 1 }] },
      { name: "--- later in the file is a rule, not front matter", card: `# Title\n\n---\nlicense: mit\n---\n${BODY}`, errors: [{ ruleId: "MC301", line: 1 }] },
    ],
  });
});

describe("MC302 card-metadata-invalid", () => {
  testCardRule(cardMetadataInvalid, {
    valid: [{ name: "valid YAML", card: card("license: mit\nlanguage: [en, fr]") }, { name: "no front matter is MC301's", card: BODY }],
    invalid: [
      // yaml reports an unclosed flow sequence where it notices it: the next key, YAML line 3 = card line 4.
      { name: "realistic: unclosed flow sequence", card: fixture("broken-yaml"), errors: [{ ruleId: "MC302", line: 4, column: 1, severity: "error" }] },
      { name: "duplicate key at its second occurrence", card: card("license: mit\ntags: [a]\nlicense: apache-2.0"), errors: [{ ruleId: "MC302", line: 4, column: 1 }] },
      { name: "tab indentation", card: card("tags:\n\t- a"), errors: [{ ruleId: "MC302", line: 3 }] },
      { name: "front matter that is a list", card: card("- a\n- b"), errors: [{ ruleId: "MC302", line: 2 }] },
      { name: "never closed", card: "---\nlicense: mit\n# Title\n", errors: [{ ruleId: "MC302", line: 1 }] },
      { name: "alias bomb", card: card(aliasBomb()), errors: [{ ruleId: "MC302", line: 2 }] },
      { name: "nested 100 levels deep (flow)", card: card(`a: ${"[".repeat(100)}${"]".repeat(100)}`), errors: [{ ruleId: "MC302", line: 2 }] },
    ],
  });
});

/** Nine levels of nine aliases each: 9^9 nodes if expanded. */
function aliasBomb(): string {
  let yaml = "a: &a [x, x, x, x, x, x, x, x, x]\n";
  let previous = "a";
  for (const name of "bcdefghi") {
    yaml += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]\n`;
    previous = name;
  }
  return yaml.trimEnd();
}

describe("MC303 card-license", () => {
  testCardRule(cardLicense, {
    valid: [
      { name: "apache-2.0", card: card("license: apache-2.0") },
      { name: "realistic: license other with name and link", card: fixture("license-other") },
      { name: "no front matter is MC301's", card: BODY },
    ],
    invalid: [
      { name: "no license key: points at the metadata", card: card("language: [en]"), errors: [{ ruleId: "MC303", line: 2, pointer: "" }] },
      { name: "empty license", card: card('tags: [a]\nlicense: ""'), errors: [{ ruleId: "MC303", line: 2 }] },
      { name: "other without name and link", card: card("language: [en]\nlicense: other"), errors: [{ ruleId: "MC303", line: 3, pointer: "/license" }] },
      { name: "other without link", card: card("license: other\nlicense_name: my-license"), errors: [{ ruleId: "MC303", line: 2 }] },
      { name: "not a string", card: card("license:\n  - mit"), errors: [{ ruleId: "MC303", line: 2 }] },
      // The Hub refuses a push whose license is not on its list (issue 15 item 6): an error.
      { name: "an SPDX spelling the Hub does not use", card: card("license: Apache-2.0"), errors: [{ ruleId: "MC303", line: 2, pointer: "/license", severity: "error" }] },
      { name: "apache2, as README promises", card: card("license: apache2"), errors: [{ ruleId: "MC303", line: 2, pointer: "/license", severity: "error" }] },
      { name: "a custom licence named directly: only information, the list may lag the Hub", card: card("language: [en]\nlicense: my-company-eula"), errors: [{ ruleId: "MC303", line: 3, severity: "info" }] },
    ],
  });

  it("accepts the Hub's newer ids and suggests the Hub's spelling for a near miss", () => {
    // llama3.1 and gemma are in @huggingface/hub's License type.
    // llama4 is on the Hub's list (hub-docs repositories-licenses.md) before @huggingface/hub 2.17.5's type.
    for (const id of ["llama3.1", "gemma", "cc-by-nc-4.0", "openrail++", "llama4"]) expect(runCardRule(cardLicense, { card: card(`license: ${id}`) })).toEqual([]);
    expect(runCardRule(cardLicense, { card: card("license: Apache-2.0") })[0]!.message).toBe(
      'license "Apache-2.0" is not one of the Hub\'s licence identifiers (did you mean apache-2.0?): the Hub refuses this metadata at push time',
    );
    expect(runCardRule(cardLicense, { card: card("license: my-company-eula") })[0]!.message).toBe(
      'license "my-company-eula" is not a licence identifier modelcheck knows (the Hub\'s list as of @huggingface/hub 2.17.5); if the Hub does not list it either, write license: other with license_name and license_link',
    );
  });
});

describe("MC304 card-pipeline-tag", () => {
  testCardRule(cardPipelineTag, {
    valid: [{ card: card("pipeline_tag: text-generation") }, { card: card("pipeline_tag: automatic-speech-recognition") }, { name: "absent", card: card("license: mit") }],
    invalid: [
      { name: "a transformers pipeline name, not a Hub task", card: card("license: mit\npipeline_tag: text2text"), errors: [{ ruleId: "MC304", line: 3, pointer: "/pipeline_tag" }] },
      { name: "underscores", card: card("pipeline_tag: text_generation"), errors: [{ ruleId: "MC304", line: 2 }] },
      { name: "a list", card: card("pipeline_tag: [text-generation]"), errors: [{ ruleId: "MC304", line: 2 }] },
    ],
  });
});

describe("MC305 card-library-name", () => {
  testCardRule(cardLibraryName, {
    valid: [{ card: card("library_name: transformers") }, { card: card("library_name: peft") }, { card: card("library_name: sentence-transformers") }],
    invalid: [
      { name: "capitalized", card: card("library_name: Transformers"), errors: [{ ruleId: "MC305", line: 2 }] },
      { name: "unknown library", card: card("license: mit\nlibrary_name: my-own-trainer"), errors: [{ ruleId: "MC305", line: 3, pointer: "/library_name" }] },
    ],
  });
});

describe("MC306 card-language-code", () => {
  testCardRule(cardLanguageCode, {
    valid: [
      { name: "ISO 639-1 list", card: card("language:\n- en\n- zh") },
      { name: "ISO 639-3 and the multilingual value", card: card("language: [yue, tok, multilingual]") },
      { name: "one string", card: card("language: fr") },
      { name: "Norwegian 'no' stays a string in YAML 1.2", card: card("language: [no]") },
    ],
    invalid: [
      { name: "region subtag, uppercase, a name: one finding each, at each entry", card: card("language:\n- en-US\n- DE\n- english"), errors: [{ ruleId: "MC306", line: 3, pointer: "/language/0" }, { ruleId: "MC306", line: 4, pointer: "/language/1" }, { ruleId: "MC306", line: 5, pointer: "/language/2" }] },
      { name: "a number", card: card("language: 42"), errors: [{ ruleId: "MC306", line: 2, pointer: "/language" }] },
    ],
  });
});

describe("MC307 card-base-model", () => {
  testCardRule(cardBaseModel, {
    valid: [
      { card: card("base_model: meta-llama/Meta-Llama-3-8B") },
      { name: "list with relation", card: card("base_model:\n- mistralai/Mistral-7B-v0.1\n- HuggingFaceH4/zephyr-7b-beta\nbase_model_relation: merge") },
      { name: "legacy canonical id", card: card("base_model: gpt2") },
      { name: "same model name under another org is a copy, not itself", card: card("base_model: meta-llama/Meta-Llama-3.1-8B"), targetName: "unsloth/Meta-Llama-3.1-8B" },
      { name: "local folder with the same name is not compared", card: card("base_model: org/my-model"), targetName: "my-model" },
    ],
    invalid: [
      { name: "a URL", card: card("base_model: https://huggingface.co/meta-llama/Meta-Llama-3-8B"), errors: [{ ruleId: "MC307", line: 2, pointer: "/base_model" }] },
      { name: "a local path in a list", card: card("base_model:\n- ./outputs/checkpoint-500"), errors: [{ ruleId: "MC307", line: 3, pointer: "/base_model/0" }] },
      { name: "names the Hub repo itself", card: card("base_model: Org/My-Model"), targetName: "org/my-model", errors: [{ ruleId: "MC307", line: 2 }] },
      { name: "unknown relation", card: card("base_model: gpt2\nbase_model_relation: distilled"), errors: [{ ruleId: "MC307", line: 3, pointer: "/base_model_relation" }] },
    ],
  });
});

describe("MC308 card-dataset-id", () => {
  testCardRule(cardDatasetId, {
    valid: [{ card: card("datasets:\n- stanfordnlp/imdb\n- c4") }, { name: "realistic: model-index card", card: fixture("sentiment-model-index") }],
    invalid: [
      { name: "spaces and a URL", card: card("datasets:\n- Common Crawl\n- https://huggingface.co/datasets/allenai/c4"), errors: [{ ruleId: "MC308", line: 3, pointer: "/datasets/0" }, { ruleId: "MC308", line: 4, pointer: "/datasets/1" }] },
      { name: "three segments", card: card("datasets: org/name/extra"), errors: [{ ruleId: "MC308", line: 2 }] },
    ],
  });
});

describe("MC309 card-model-index", () => {
  const result = (metrics: string) => `model-index:\n- name: m\n  results:\n  - task:\n      type: text-classification\n    dataset:\n      type: imdb\n      name: IMDb\n    metrics:\n${metrics}`;
  testCardRule(cardModelIndex, {
    valid: [
      { name: "realistic: Trainer-style model-index", card: fixture("sentiment-model-index") },
      { name: "Trainer's empty results", card: card("model-index:\n- name: my-model\n  results: []") },
      { name: "string metric value", card: card(result("    - type: accuracy\n      value: '93.1'")) },
    ],
    invalid: [
      // Card lines: 1 ---, 2 model-index, 3 "- name", 4 results, 5 "- task", 6 type, 7 dataset, 8 type, 9 name, 10 metrics, 11 "- type".
      { name: "metric without value", card: card(result("    - type: accuracy")), errors: [{ ruleId: "MC309", line: 11, pointer: "/model-index/0/results/0/metrics/0" }] },
      { name: "not a list", card: card("model-index:\n  name: m"), errors: [{ ruleId: "MC309", line: 2, pointer: "/model-index" }] },
      { name: "model without name", card: card("model-index:\n- results: []"), errors: [{ ruleId: "MC309", line: 3, pointer: "/model-index/0" }] },
      {
        name: "dataset without name and task without type",
        card: card("model-index:\n- name: m\n  results:\n  - task:\n      name: Classification\n    dataset:\n      type: imdb\n    metrics:\n    - type: accuracy\n      value: 0.9"),
        errors: [
          // The findings point at the keys "task" (line 5) and "dataset" (line 7).
          { ruleId: "MC309", line: 5, pointer: "/model-index/0/results/0/task" },
          { ruleId: "MC309", line: 7, pointer: "/model-index/0/results/0/dataset" },
        ],
      },
    ],
  });
});

describe("MC310 card-body-short", () => {
  testCardRule(cardBodyShort, {
    valid: [{ card: card("license: mit") }, { name: "realistic: prose card", card: fixture("mistral-7b-prose") }, { name: "front matter never closed: MC302's alone", card: "---\nlicense: mit\n" }, { name: "option minCharacters", card: card("license: mit", "Short but enough.\n"), options: { minCharacters: 10 } }],
    invalid: [
      { name: "metadata only: points at the body's first line", card: card("license: mit", ""), errors: [{ ruleId: "MC310", line: 4 }] },
      { name: "Trainer stub", card: card("license: mit", "\n# my-model\n\n## Model description\n\nMore information needed\n\n```python\nprint('code does not count')\n```\n"), errors: [{ ruleId: "MC310", line: 4 }] },
    ],
  });
});

describe("MC311 card-missing-sections", () => {
  testCardRule(cardMissingSections, {
    valid: [{ card: card("license: mit") }, { name: "realistic: model-index card (combined uses & limitations)", card: fixture("sentiment-model-index") }, { name: "realistic: no front matter", card: fixture("no-front-matter") }],
    invalid: [
      { name: "no sections at all: three infos, no line", card: card("license: mit", "# Model\n\nText about the model.\n"), errors: [{ ruleId: "MC311", line: null, severity: "info" }, { ruleId: "MC311", line: null }, { ruleId: "MC311", line: null }] },
      { name: "only limitations missing", card: card("license: mit", "## How to use\nx\n## Training data\ny\n"), errors: [{ ruleId: "MC311", line: null }] },
    ],
  });
});
