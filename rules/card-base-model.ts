import type { Rule } from "../src/engine/rule.js";
import { cardMetadata, entriesOf, isRepoId, repoIdHint, showValue } from "../src/engine/card-metadata.js";

/** The relations the Hub's model tree knows (hub-docs, "model-cards": base_model_relation). */
const RELATIONS = new Set(["adapter", "merge", "quantized", "finetune"]);

/**
 * MC307: `base_model` entries must be Hub repo ids (not URLs or local paths), and must not name
 * the model itself, which the Hub's model tree cannot place. The model's own id is known for Hub
 * targets (a name of the form org/name); local folders are not compared, since copies such as
 * unsloth/Meta-Llama-3.1-8B legitimately name a base with the same model name.
 */
export const cardBaseModel: Rule = {
  meta: {
    code: "MC307",
    name: "card-base-model",
    description: "The card's base_model must be Hub repo ids other than the model itself; base_model_relation one of the Hub's relations.",
    defaultSeverity: "warning",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      invalid: "base_model {{value}} is not a Hub repo id (org/name){{hint}}: the model tree cannot link it",
      self: "base_model {{value}} names this model itself",
      relation: "base_model_relation {{value}} is not one of adapter, merge, quantized, finetune",
    },
  },
  check(_model, _facts, documents, ctx) {
    const found = cardMetadata(documents);
    if (!found) return;
    const self = documents.name && documents.name.includes("/") ? documents.name.toLowerCase() : null;
    for (const { value, pointer } of entriesOf(found.metadata, "base_model")) {
      if (typeof value !== "string" || !isRepoId(value)) {
        const hint = typeof value === "string" ? repoIdHint(value) : "";
        ctx.report({ messageId: "invalid", data: { value: showValue(value), hint }, pointer, document: "card" });
      } else if (self && value.toLowerCase() === self) {
        ctx.report({ messageId: "self", data: { value: showValue(value) }, pointer, document: "card" });
      }
    }
    const relation = found.metadata.base_model_relation;
    if (relation !== undefined && (typeof relation !== "string" || !RELATIONS.has(relation))) {
      ctx.report({ messageId: "relation", data: { value: showValue(relation) }, pointer: "/base_model_relation", document: "card" });
    }
  },
};
