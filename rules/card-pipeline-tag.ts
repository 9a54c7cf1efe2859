import type { Rule } from "../src/engine/rule.js";
import { cardMetadata, showValue } from "../src/engine/card-metadata.js";
import { isPipelineTag, suggestVocabulary } from "../src/cards/hub-vocabularies.js";

/** MC304: `pipeline_tag` must be one of the Hub's tasks (PIPELINE_TYPES of @huggingface/tasks). */
export const cardPipelineTag: Rule = {
  meta: {
    code: "MC304",
    name: "card-pipeline-tag",
    description: "The card's pipeline_tag must be a task the Hub knows.",
    defaultSeverity: "warning",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      unknown: "pipeline_tag {{value}} is not a Hub task{{hint}}: the model gets no widget and does not appear under any task filter",
    },
  },
  check(_model, _facts, documents, ctx) {
    const found = cardMetadata(documents);
    if (!found || !Object.hasOwn(found.metadata, "pipeline_tag")) return;
    const tag = found.metadata.pipeline_tag;
    if (typeof tag === "string" && isPipelineTag(tag)) return;
    const suggestion = typeof tag === "string" ? suggestVocabulary(tag, "pipeline") : null;
    ctx.report({ messageId: "unknown", data: { value: showValue(tag), hint: suggestion ? ` (did you mean ${suggestion}?)` : "" }, pointer: "/pipeline_tag", document: "card" });
  },
};
