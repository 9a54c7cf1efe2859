import type { Rule } from "../src/engine/rule.js";
import { checkpointOf } from "../src/checkpoint/checkpoint-document-facts.js";
import { describeTensor } from "../src/checkpoint/checkpoint-summary.js";
import { groupedCount } from "../src/format/format-count.js";

/**
 * MC502: the checkpoint stores a weight the config ties to another (Qwen3-0.6B's lm_head.weight
 * with tie_word_embeddings true). transformers ties the two on load, so the stored copy is either
 * a wasted duplicate or, if it differs, silently replaced; the Hub's total counts it anyway.
 */
export const tiedWeightsStored: Rule = {
  meta: {
    code: "MC502",
    name: "tied-weights-stored",
    description: "The checkpoint does not store a weight that the config ties to another (an LM head tied to the embeddings).",
    defaultSeverity: "warning",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      only: "checkpoint {{stored}} = config {{config}} + {{tensor}} {{reason}}",
      among: "{{tensor}} {{reason}}: +{{count}} stored values (checkpoint {{stored}}, config {{config}})",
    },
  },
  check(model, facts, _documents, ctx) {
    const cp = checkpointOf(facts);
    const config = facts?.parameters?.total;
    if (!cp?.compared || config === undefined) return;
    const tied = cp.differences.filter((d) => d.kind === "tied-stored");
    const nonzero = cp.differences.filter((d) => d.count !== 0);
    for (const d of tied) {
      const only = nonzero.length === 1 && nonzero[0] === d;
      const pointer = d.tensor.endsWith("lm_head.weight") ? (model?.tieWordEmbeddings.pointer ?? null) : null;
      ctx.report({
        messageId: only ? "only" : "among",
        data: { stored: groupedCount(cp.total), config: groupedCount(config), tensor: describeTensor(d), reason: d.reason, count: groupedCount(d.count) },
        pointer,
      });
    }
  },
};
