import type { Rule } from "../src/engine/rule.js";
import { checkpointOf } from "../src/checkpoint/checkpoint-document-facts.js";
import { describeTensor } from "../src/checkpoint/checkpoint-summary.js";
import { groupedCount } from "../src/format/format-count.js";

/** MC503: tensors the config implies that the checkpoint does not store: the model would load with fresh, untrained weights or fail. */
export const missingTensors: Rule = {
  meta: {
    code: "MC503",
    name: "missing-tensors",
    description: "Every tensor the config's class implies is stored in the checkpoint.",
    defaultSeverity: "error",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      missing: "{{tensors}} tensor(s) the config implies are not stored ({{count}} parameters): {{list}}",
    },
  },
  check(_model, facts, _documents, ctx) {
    const cp = checkpointOf(facts);
    if (!cp?.compared) return;
    const missing = cp.differences.filter((d) => d.kind === "missing");
    if (missing.length === 0) return;
    const list = missing.slice(0, 4).map((d) => describeTensor(d));
    if (missing.length > 4) list.push(`and ${missing.length - 4} more`);
    ctx.report({
      messageId: "missing",
      data: { tensors: groupedCount(missing.reduce((a, d) => a + d.tensors, 0)), count: groupedCount(-missing.reduce((a, d) => a + d.count, 0)), list: list.join(", ") },
      pointer: null,
      document: "checkpoint",
    });
  },
};
