import type { Rule } from "../src/engine/rule.js";
import { cardMetadata } from "../src/engine/card-metadata.js";
import { validateModelIndex } from "../src/cards/validate-model-index.js";

/**
 * MC309: the structure of `model-index`, checked with a JSON Schema (src/cards/model-index-schema.ts)
 * written from the Hub's spec. The Hub verifies model-index when a README.md is pushed and rejects
 * the push when it is malformed.
 */
export const cardModelIndex: Rule = {
  meta: {
    code: "MC309",
    name: "card-model-index",
    description: "The card's model-index must follow the Hub's structure: name, results[].task.type, dataset.type and dataset.name, metrics[].type and value.",
    defaultSeverity: "error",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      invalid: "{{detail}}: the Hub rejects a README.md whose model-index is malformed",
    },
  },
  check(_model, _facts, documents, ctx) {
    const found = cardMetadata(documents);
    if (!found || !Object.hasOwn(found.metadata, "model-index")) return;
    for (const problem of validateModelIndex(found.metadata["model-index"])) {
      ctx.report({ messageId: "invalid", data: { detail: problem.message }, pointer: problem.pointer, document: "card" });
    }
  },
};
