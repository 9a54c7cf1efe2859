import type { Rule } from "../src/engine/rule.js";
import { checkpointOf } from "../src/checkpoint/checkpoint-document-facts.js";
import { signedCount } from "../src/checkpoint/checkpoint-summary.js";

/** MC504: a stored tensor whose shape is not the one the config implies: loading fails with a size mismatch, or the config is wrong. */
export const shapeMismatch: Rule = {
  meta: {
    code: "MC504",
    name: "shape-mismatch",
    description: "Every stored tensor has the shape the config implies.",
    defaultSeverity: "error",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      mismatch: "{{tensor}}{{repeat}} is stored as [{{stored}}], the config implies [{{expected}}] ({{count}}{{why}})",
    },
  },
  check(_model, facts, _documents, ctx) {
    const cp = checkpointOf(facts);
    if (!cp?.compared) return;
    for (const d of cp.differences.filter((x) => x.kind === "shape")) {
      ctx.report({
        messageId: "mismatch",
        data: {
          tensor: d.tensor,
          repeat: d.tensors > 1 ? ` ×${d.tensors}` : "",
          stored: d.shape?.join(", ") ?? "various",
          expected: d.expectedShape?.join(", ") ?? "various",
          count: signedCount(d.count),
          why: d.reason.startsWith("unpacked") ? `; ${d.reason}` : "",
        },
        pointer: null,
        document: "checkpoint",
      });
    }
  },
};
