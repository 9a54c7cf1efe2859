import type { Rule } from "../src/engine/rule.js";

/** MC500: a safetensors header or index that cannot be read, or that disagrees with its shards. */
export const checkpointHeaderInvalid: Rule = {
  meta: {
    code: "MC500",
    name: "checkpoint-header-invalid",
    description: "Every safetensors header and index of the checkpoint can be read, is well formed and agrees with the others.",
    defaultSeverity: "error",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      problem: "{{file}}: {{message}}",
    },
  },
  check(_model, _facts, documents, ctx) {
    for (const p of documents.checkpoint?.problems ?? []) {
      ctx.report({ messageId: "problem", data: { file: p.file, message: p.message }, pointer: null, document: "checkpoint" });
    }
  },
};
