import type { Rule } from "../src/engine/rule.js";
import { cardMetadata, showValue } from "../src/engine/card-metadata.js";
import { isLibraryName, suggestVocabulary } from "../src/cards/hub-vocabularies.js";

/** MC305: `library_name` must be one of the Hub's model libraries (ALL_MODEL_LIBRARY_KEYS of @huggingface/tasks). */
export const cardLibraryName: Rule = {
  meta: {
    code: "MC305",
    name: "card-library-name",
    description: "The card's library_name must be a library the Hub knows.",
    defaultSeverity: "warning",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      unknown: "library_name {{value}} is not a library the Hub knows{{hint}}: the model page shows no code snippet for it",
    },
  },
  check(_model, _facts, documents, ctx) {
    const found = cardMetadata(documents);
    if (!found || !Object.hasOwn(found.metadata, "library_name")) return;
    const name = found.metadata.library_name;
    if (typeof name === "string" && isLibraryName(name)) return;
    const suggestion = typeof name === "string" ? suggestVocabulary(name, "library") : null;
    ctx.report({ messageId: "unknown", data: { value: showValue(name), hint: suggestion ? ` (did you mean ${suggestion}?)` : "" }, pointer: "/library_name", document: "card" });
  },
};
