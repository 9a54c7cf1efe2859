import type { Rule } from "../src/engine/rule.js";

/** MC301: a model card without YAML front matter; the Hub then has no licence, task, language or library for the model. */
export const cardMetadataMissing: Rule = {
  meta: {
    code: "MC301",
    name: "card-metadata-missing",
    description: "A model card must start with YAML front matter (metadata between --- lines).",
    defaultSeverity: "warning",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      missing: "the card has no YAML front matter: the Hub shows no licence, task, languages or library for this model (start README.md with a --- block)",
    },
  },
  check(_model, _facts, documents, ctx) {
    const card = documents.card;
    if (!card || card.problem || card.frontMatter) return;
    ctx.report({ messageId: "missing", pointer: null, document: "card", position: { line: 1, column: 1 } });
  },
};
