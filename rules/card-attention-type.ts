import type { Rule } from "../src/engine/rule.js";
import { readableCard } from "../src/engine/card-metadata.js";
import { cardClaims } from "../src/claims/extract-claims.js";
import type { AttentionKind } from "../src/claims/spec-labels.js";
import type { Facts } from "../src/facts/facts.js";

const NAMES: Record<AttentionKind, string> = {
  GQA: "grouped-query attention (GQA)",
  MQA: "multi-query attention (MQA)",
  MLA: "multi-head latent attention (MLA)",
  SWA: "sliding-window attention",
  MHA: "multi-head attention (MHA)",
};

/** What the config gives, in words a reader can check against config.json. */
function configAttention(facts: Facts): string {
  const a = facts.attention;
  const heads = a.nHeads !== null && a.nKvHeads !== null ? ` (${a.nHeads} attention heads, ${a.nKvHeads} key/value heads)` : "";
  switch (a.type) {
    case "MHA":
      return `multi-head attention${heads}, one key/value head per query head`;
    case "GQA":
      return `grouped-query attention${heads}`;
    case "MQA":
      return `multi-query attention${heads}`;
    case "MLA":
      return "multi-head latent attention";
    default:
      return "no attention layers";
  }
}

/**
 * MC404: the attention mechanism the card says the model uses ("uses grouped-query attention",
 * a "- Sliding-Window Attention" feature bullet, a "GQA | Yes" table cell) against the config's
 * attention type (facts.attention.type: GQA when there are fewer key/value heads than query
 * heads, MQA with one) and sliding window. MQA is the one-group case of GQA, so a GQA claim on an
 * MQA config is consistent. A stated "multi-head attention" (the claim needs a verb, as every
 * prose claim does) is checked against MHA, one key/value head per query head; named in the same
 * line as another mechanism ("grouped-query attention, a variant of multi-head attention") it is
 * the generic mechanism and not checked.
 */
export const cardAttentionType: Rule = {
  meta: {
    code: "MC404",
    name: "card-attention-type",
    description: "The attention mechanism the model card claims must match the config's attention layout.",
    defaultSeverity: "warning",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      mismatch: 'the card says the model uses {{claimed}} ("{{text}}"), but config.json gives {{actual}}',
      noWindow: 'the card says the model uses sliding-window attention ("{{text}}"), but config.json sets no sliding window (sliding_window is absent, null, or disabled)',
    },
  },
  check(_model, facts, documents, ctx) {
    const card = readableCard(documents);
    const type = facts?.attention.type;
    if (!facts || !type || !card) return;
    const claims = cardClaims(card, facts).attention;
    for (const claim of claims) {
      const position = { line: claim.line, column: claim.column };
      if (claim.kind === "MHA" && claims.some((other) => other.kind !== "MHA" && other.kind !== "SWA" && other.line === claim.line)) continue;
      if (claim.kind === "SWA") {
        if (facts.attention.slidingWindow === null) ctx.report({ messageId: "noWindow", data: { text: claim.text }, pointer: null, document: "card", position });
        continue;
      }
      const consistent = claim.kind === type || (claim.kind === "GQA" && type === "MQA");
      if (!consistent) ctx.report({ messageId: "mismatch", data: { claimed: NAMES[claim.kind], text: claim.text, actual: configAttention(facts) }, pointer: null, document: "card", position });
    }
  },
};
