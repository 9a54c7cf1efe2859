import type { Rule } from "../src/engine/rule.js";

/** MC003: a known key has the wrong type or an impossible value (string or float dims, zero, negative, absurd). */
export const fieldType: Rule = {
  meta: {
    code: "MC003",
    name: "field-type",
    description: "Dimension keys must be positive integers of plausible size; flags must be booleans; architectures a list of class names.",
    defaultSeverity: "error",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      type: "{{detail}}",
      range: "{{detail}}",
    },
  },
  check(model, _facts, _documents, ctx) {
    if (!model) return;
    const seen = new Set<string>();
    for (const problem of model.problems) {
      if (seen.has(problem.pointer)) continue;
      seen.add(problem.pointer);
      ctx.report({ messageId: problem.problem, data: { detail: problem.message }, pointer: problem.pointer });
    }
  },
};
