import type { Rule } from "../src/engine/rule.js";
import { checkpointOf } from "../src/checkpoint/checkpoint-document-facts.js";
import { describeTensor } from "../src/checkpoint/checkpoint-summary.js";
import { groupedCount } from "../src/format/format-count.js";

/** MC505: the checkpoint stores buffers (inv_freq, causal masks, position_ids): the Hub's total counts them, the parameter count does not. */
export const storedBuffers: Rule = {
  meta: {
    code: "MC505",
    name: "stored-buffers",
    description: "Names the buffers a checkpoint stores beside its parameters, which the Hub's total counts.",
    defaultSeverity: "info",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      buffers: "the checkpoint stores {{count}} buffer values that are not parameters: {{list}}",
    },
  },
  check(_model, facts, _documents, ctx) {
    const cp = checkpointOf(facts);
    if (!cp?.compared) return;
    const buffers = cp.differences.filter((d) => d.kind === "buffer");
    if (buffers.length === 0) return;
    const list = buffers.slice(0, 4).map((d) => `${describeTensor(d)} (${d.reason})`);
    if (buffers.length > 4) list.push(`and ${buffers.length - 4} more`);
    ctx.report({ messageId: "buffers", data: { count: groupedCount(buffers.reduce((a, d) => a + d.count, 0)), list: list.join("; ") }, pointer: null, document: "checkpoint" });
  },
};
