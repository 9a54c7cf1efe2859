import type { Rule } from "../src/engine/rule.js";
import { readableCard } from "../src/engine/card-metadata.js";
import { cardClaims, type NumberClaim } from "../src/claims/extract-claims.js";
import { quantityMatches, closestReading } from "../src/claims/parse-quantity.js";
import { groupedCount, humanCount } from "../src/format/format-count.js";

/**
 * MC401: parameter counts the card states — in prose ("7.3B parameters", "7 billion parameters",
 * "a 1.1B model", "3.8B active parameters") and in spec tables and lists ("Parameters | 70B") —
 * against the count computed from the config. A claim matches when
 * |count − claim| ≤ max(tolerance × claim, half a unit of its last digit): at the default 5%,
 * "7B" accepts 6.5B–7.5B (the rounding is wider) and "7.3B" accepts 6.94B–7.67B. Labels in the
 * model's name are MC201's; this rule reads the card's text only, so one discrepancy is reported once.
 */
export const cardParameterCount: Rule = {
  meta: {
    code: "MC401",
    name: "card-parameter-count",
    description: "Parameter counts stated in the model card must match the count computed from the config.",
    defaultSeverity: "warning",
    optionsSchema: {
      type: "object",
      additionalProperties: false,
      properties: { tolerance: { type: "number", minimum: 0, maximum: 1, default: 0.05 } },
    },
    messages: {
      mismatch: 'the card claims {{claimed}} {{kind}} parameters ("{{text}}"), but the config gives {{actual}} ({{exact}}, {{delta}}; tolerance ±{{tolerance}} or the claim\'s rounding)',
      explained: 'the card\'s "{{text}}" matches {{explanation}}; the {{kind}} count from the config is {{actual}}',
    },
  },
  check(_model, facts, documents, ctx) {
    const p = facts?.parameters;
    const card = readableCard(documents);
    if (!p || p.estimated || !card) return;
    const tolerance = typeof ctx.options.tolerance === "number" ? ctx.options.tolerance : 0.05;
    const embeddings = (p.breakdown.embedding ?? 0) + (p.breakdown.lmHead ?? 0);
    for (const claim of cardClaims(card, facts).numbers) {
      const kind = claim.field === "parameters" ? "total" : claim.field === "activeParameters" ? "active" : claim.field === "nonEmbeddingParameters" ? "non-embedding" : null;
      if (!kind) continue;
      const actual = kind === "total" ? p.total : kind === "active" ? p.active : p.total - embeddings;
      if (quantityMatches(claim.quantity, actual, tolerance)) continue;
      const report = (messageId: string, data: Record<string, string | number>, severity?: "info") =>
        ctx.report({ messageId, data: { text: claim.text, kind, actual: humanCount(actual), ...data }, pointer: null, document: "card", position: at(claim), ...(severity ? { severity } : {}) });
      const languageModel = p.components?.languageModel;
      if (kind === "total" && p.active !== p.total && quantityMatches(claim.quantity, p.active, tolerance)) {
        report("explained", { explanation: `the active count (${humanCount(p.active)} per token of this mixture of experts)` }, "info");
      } else if (kind === "total" && languageModel !== undefined && languageModel !== p.total && quantityMatches(claim.quantity, languageModel, tolerance)) {
        report("explained", { explanation: `the language model alone (${humanCount(languageModel)})` }, "info");
      } else if (kind === "total" && embeddings > 0 && quantityMatches(claim.quantity, p.total - embeddings, tolerance)) {
        report("explained", { explanation: `the count without embeddings and LM head (${humanCount(p.total - embeddings)})` }, "info");
      } else {
        const claimed = closestReading(claim.quantity, actual);
        const delta = `${actual > claimed ? "+" : ""}${(((actual - claimed) / claimed) * 100).toFixed(1)}%`;
        report("mismatch", { claimed: humanCount(claimed), exact: groupedCount(actual), delta, tolerance: `${+(tolerance * 100).toFixed(2)}%` });
      }
    }
  },
};

function at(claim: NumberClaim) {
  return { line: claim.line, column: claim.column };
}
