import type { Rule } from "../src/engine/rule.js";
import { checkpointOf } from "../src/checkpoint/checkpoint-document-facts.js";
import { differenceList, signedCount } from "../src/checkpoint/checkpoint-summary.js";
import { groupedCount } from "../src/format/format-count.js";

/**
 * MC501: stored values that neither the config's inventory nor a known kind of extra (tied head,
 * buffer, quantization storage, multi-token prediction) explains. Missing tensors and shape
 * mismatches have their own rules (MC503, MC504).
 */
export const checkpointUnexplainedDifference: Rule = {
  meta: {
    code: "MC501",
    name: "checkpoint-unexplained-difference",
    description: "Every tensor the checkpoint stores is a parameter the config implies or a known, named extra.",
    defaultSeverity: "error",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      unexplained: "checkpoint {{stored}} = config {{config}} + explained extras {{explained}} + {{unexplained}} unexplained in {{tensors}} tensor(s): {{list}}",
    },
  },
  check(_model, facts, _documents, ctx) {
    const cp = checkpointOf(facts);
    const config = facts?.parameters?.total;
    if (!cp?.compared || config === undefined) return;
    const bad = cp.differences.filter((d) => d.kind === "unexpected" || d.kind === "unaccounted");
    if (bad.length === 0) return;
    const unexplained = bad.reduce((a, d) => a + d.count, 0);
    const tensors = bad.reduce((a, d) => a + d.tensors, 0);
    const others = cp.differences.filter((d) => d.kind !== "unexpected" && d.kind !== "unaccounted").reduce((a, d) => a + d.count, 0);
    ctx.report({
      messageId: "unexplained",
      data: { stored: groupedCount(cp.total), config: groupedCount(config), explained: signedCount(others).replace(/^\+/, ""), unexplained: signedCount(unexplained).replace(/^\+/, ""), tensors: groupedCount(tensors), list: differenceList(bad) },
      pointer: null,
      document: "checkpoint",
    });
  },
};
