import type { Rule } from "../src/engine/rule.js";
import { groupedCount } from "../src/format/format-count.js";

/** MC202: the count is a labelled estimate because modelcheck does not model this class. */
export const unknownArchitecture: Rule = {
  meta: {
    code: "MC202",
    name: "unknown-architecture",
    description: "The model's class or type is not one modelcheck counts exactly; its parameter count is an estimate.",
    defaultSeverity: "info",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      estimated: "{{reason}}; the parameter count ({{total}}) is an estimate",
      noCount: "{{reason}}, and the config lacks the dimensions needed for an estimate",
    },
  },
  check(model, facts, _documents, ctx) {
    if (!model || !model.estimateReason) return;
    const pointer = model.architecture ? "/architectures/0" : model.modelType ? "/model_type" : null;
    const p = facts?.parameters;
    if (p) ctx.report({ messageId: "estimated", data: { reason: model.estimateReason, total: groupedCount(p.total) }, pointer });
    else ctx.report({ messageId: "noCount", data: { reason: model.estimateReason }, pointer });
  },
};
