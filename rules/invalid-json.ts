import type { Rule } from "../src/engine/rule.js";

/** MC001: the config's bytes are not a parseable JSON document (syntax, encoding, size, emptiness). */
export const invalidJson: Rule = {
  meta: {
    code: "MC001",
    name: "invalid-json",
    description: "The config file must be non-empty, valid UTF-8 JSON under the size limit.",
    defaultSeverity: "error",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      invalid: "{{detail}}",
    },
  },
  check(_model, _facts, documents, ctx) {
    const problem = documents.config?.problem;
    if (!problem || problem.kind === "not-an-object") return;
    ctx.report({ messageId: "invalid", data: { detail: problem.message }, pointer: null, position: problem.position });
  },
};
