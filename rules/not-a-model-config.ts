import type { Rule } from "../src/engine/rule.js";
import { looksLikeModelConfig } from "../src/normalize/looks-like-model-config.js";

/** MC002: the JSON parsed, but it is not an object, or not a model config at all. */
export const notAModelConfig: Rule = {
  meta: {
    code: "MC002",
    name: "not-a-model-config",
    description: "The file must be a JSON object with the keys of a model config (model_type, architectures, dimensions).",
    defaultSeverity: "error",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      notObject: "{{detail}}; a model config is a JSON object",
      noModelKeys: "this JSON object is not a model config: it has none of model_type, architectures, hidden_size, num_hidden_layers, vocab_size",
    },
  },
  check(_model, _facts, documents, ctx) {
    if (!documents.config) return;
    const { problem, document } = documents.config;
    if (problem?.kind === "not-an-object") {
      ctx.report({ messageId: "notObject", data: { detail: problem.message }, pointer: "" });
      return;
    }
    const value = document.value;
    if (problem || value === null || typeof value !== "object") return;
    if (!looksLikeModelConfig(value)) ctx.report({ messageId: "noModelKeys", pointer: "" });
  },
};
