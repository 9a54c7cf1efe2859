import { describe } from "vitest";
import { cardArchitectureMismatch } from "../../rules/card-architecture-mismatch.js";
import { cardLanguageCode } from "../../rules/card-language-code.js";
import { cardMissingSections } from "../../rules/card-missing-sections.js";
import { cardUnusedSuppression } from "../../rules/card-unused-suppression.js";
import { readFixtureConfig } from "../helpers/count.js";
import { testCardRule } from "../card-rule-tester.js";

// Mistral-7B-v0.1: 32 layers, hidden size 4096 (fixtures/configs/mistralai--Mistral-7B-v0.1.json).
const mistral = readFixtureConfig("mistralai--Mistral-7B-v0.1");
const head = "---\nlicense: mit\n---\n";
const wrong = "- Number of Layers: 30\n";
const rules = [cardArchitectureMismatch];

describe("MC312 card-unused-suppression and card suppression comments", () => {
  testCardRule(cardUnusedSuppression, {
    valid: [
      { name: "disable without enable: the next line only", card: `${head}<!-- modelcheck-disable MC402 -->\n${wrong}`, config: mistral, with: rules },
      { name: "blank lines before the next line are skipped", card: `${head}<!-- modelcheck-disable-next-line card-architecture-mismatch -->\n\n${wrong}`, config: mistral, with: rules },
      { name: "a block until enable", card: `${head}<!-- modelcheck-disable MC402 -->\n${wrong}- Hidden size: 2048\n<!-- modelcheck-enable -->\n`, config: mistral, with: rules },
      { name: "same line, with a reason", card: `${head}- Number of Layers: 30 <!-- modelcheck-disable-line MC402 -- counts the MTP layer -->\n`, config: mistral, with: rules },
      { name: "whole file, findings without a line", card: `${head}<!-- modelcheck-disable-file MC311 -->\nText.\n`, with: [cardMissingSections] },
      { name: "a YAML comment in the front matter", card: "---\n# modelcheck-disable-next-line MC306\nlanguage: [english]\n---\nText.\n", with: [cardLanguageCode] },
    ],
    invalid: [
      { name: "an unused disable is an info at its line", card: `${head}<!-- modelcheck-disable MC402 -->\n- Number of Layers: 32\n`, config: mistral, with: rules, errors: [{ ruleId: "MC312", line: 4, column: 6, severity: "info" }] },
      {
        name: "without enable, only the next line is covered",
        card: `${head}<!-- modelcheck-disable MC402 -->\n${wrong}- Hidden size: 2048\n`,
        config: mistral,
        with: rules,
        errors: [{ ruleId: "MC402", line: 6 }],
      },
      {
        name: "a suppression for another rule does not apply, and is unused",
        card: `${head}<!-- modelcheck-disable-next-line MC401 -->\n${wrong}`,
        config: mistral,
        with: rules,
        errors: [{ ruleId: "MC312", line: 4 }, { ruleId: "MC402", line: 5 }],
      },
    ],
  });
});
