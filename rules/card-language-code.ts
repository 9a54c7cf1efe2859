import type { Rule } from "../src/engine/rule.js";
import { cardMetadata, entriesOf, showValue } from "../src/engine/card-metadata.js";
import { isLanguageCode, suggestVocabulary } from "../src/cards/hub-vocabularies.js";

/** Values in common use on the Hub beside ISO codes, for models trained on many languages or on source code. */
const SPECIAL = new Set(["multilingual", "code"]);

/** MC306: every `language` entry must be an ISO 639-1 or ISO 639-3 code (the lists of @huggingface/languages). */
export const cardLanguageCode: Rule = {
  meta: {
    code: "MC306",
    name: "card-language-code",
    description: "The card's language entries must be ISO 639-1 or ISO 639-3 codes.",
    defaultSeverity: "warning",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      invalid: "language {{value}} is not an ISO 639-1 or ISO 639-3 code{{hint}}: the Hub's language filter will not find the model",
    },
  },
  check(_model, _facts, documents, ctx) {
    const found = cardMetadata(documents);
    if (!found) return;
    for (const { value, pointer } of entriesOf(found.metadata, "language")) {
      if (typeof value === "string" && (isLanguageCode(value) || SPECIAL.has(value))) continue;
      const suggestion = typeof value === "string" ? suggestVocabulary(value, "language") : null;
      const hint = suggestion ? ` (use ${JSON.stringify(suggestion)}${/[-_]/.test(String(value)) ? "; region and script subtags are not part of the code" : ""})` : "";
      ctx.report({ messageId: "invalid", data: { value: showValue(value), hint }, pointer, document: "card" });
    }
  },
};
