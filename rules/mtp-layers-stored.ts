import type { Rule } from "../src/engine/rule.js";
import { checkpointOf } from "../src/checkpoint/checkpoint-document-facts.js";
import { groupedCount } from "../src/format/format-count.js";

/**
 * MC508: multi-token-prediction layers stored in the checkpoint (DeepSeek-V3's model.layers.61.*):
 * transformers' class does not load them, so they are in the Hub's total but not the parameter count.
 */
export const mtpLayersStored: Rule = {
  meta: {
    code: "MC508",
    name: "mtp-layers-stored",
    description: "Names the multi-token-prediction layers a checkpoint stores beyond the class's own layers.",
    defaultSeverity: "info",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      mtp: "{{tensor}}: {{count}} values in {{tensors}} tensors, {{reason}}",
    },
  },
  check(model, facts, _documents, ctx) {
    const cp = checkpointOf(facts);
    if (!cp?.compared) return;
    const pointer = model?.text.has("num_nextn_predict_layers") ? model.text.pointerOf("num_nextn_predict_layers") : null;
    for (const d of cp.differences.filter((x) => x.kind === "mtp")) {
      ctx.report({ messageId: "mtp", data: { tensor: d.tensor, count: groupedCount(d.count), tensors: groupedCount(d.tensors), reason: d.reason }, pointer });
    }
  },
};
