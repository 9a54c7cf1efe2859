import type { Rule } from "../src/engine/rule.js";
import { cardMetadata, entriesOf, isRepoId, repoIdHint, showValue } from "../src/engine/card-metadata.js";

/** MC308: `datasets` entries must be Hub dataset ids (org/name, or a legacy canonical name such as c4). */
export const cardDatasetId: Rule = {
  meta: {
    code: "MC308",
    name: "card-dataset-id",
    description: "The card's datasets entries must be Hub dataset ids.",
    defaultSeverity: "warning",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      invalid: "datasets entry {{value}} is not a Hub dataset id (org/name){{hint}}: the Hub cannot link the training data",
    },
  },
  check(_model, _facts, documents, ctx) {
    const found = cardMetadata(documents);
    if (!found) return;
    for (const { value, pointer } of entriesOf(found.metadata, "datasets")) {
      if (typeof value === "string" && isRepoId(value)) continue;
      ctx.report({ messageId: "invalid", data: { value: showValue(value), hint: typeof value === "string" ? repoIdHint(value) : "" }, pointer, document: "card" });
    }
  },
};
