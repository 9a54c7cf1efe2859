import type { Rule } from "../src/engine/rule.js";

/**
 * MC302: the card or its front matter cannot be read as metadata: invalid YAML (with its line and
 * column), a block never closed, a value that is not a mapping, or input rejected before parsing
 * (over the size limits, nested deeper than 64 levels, aliases expanded more than 100 times).
 */
export const cardMetadataInvalid: Rule = {
  meta: {
    code: "MC302",
    name: "card-metadata-invalid",
    description: "The model card's YAML front matter must parse to a mapping, within the size, depth and alias limits.",
    defaultSeverity: "error",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      invalid: "{{detail}}",
    },
  },
  check(_model, _facts, documents, ctx) {
    const problem = documents.card?.problem;
    if (!problem) return;
    ctx.report({ messageId: "invalid", data: { detail: problem.message }, pointer: null, document: "card", position: problem.position ?? { line: 1, column: 1 } });
  },
};
