import type { Rule } from "../src/engine/rule.js";
import { readableCard } from "../src/engine/card-metadata.js";
import { cardClaims } from "../src/claims/extract-claims.js";
import { groupedCount, humanCount } from "../src/format/format-count.js";

/** Chinchilla's compute-optimal ratio (Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models"): about 20 tokens per parameter. */
export const CHINCHILLA_TOKENS_PER_PARAMETER = 20;

/**
 * MC405 (info): the training tokens the card states ("trained on 15T tokens", "Token count |
 * 15T+") as tokens per parameter of the exact count, against Chinchilla's 20. Not an error: most
 * current models are trained far past it on purpose, for cheaper inference. Each distinct
 * stated amount is reported once, at its first mention.
 */
export const cardTrainingTokens: Rule = {
  meta: {
    code: "MC405",
    name: "card-training-tokens",
    description: "Training tokens stated in the model card, as tokens per parameter against the Chinchilla-optimal 20.",
    defaultSeverity: "info",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      ratio: '"{{text}}": {{tokens}} training tokens on {{parameters}} parameters is {{perParameter}} tokens per parameter, {{ratio}}× the Chinchilla-optimal 20 tokens per parameter',
    },
  },
  check(_model, facts, documents, ctx) {
    const p = facts?.parameters;
    const card = readableCard(documents);
    if (!p || p.estimated || !card) return;
    const seen = new Set<number>();
    for (const claim of cardClaims(card, facts).numbers) {
      if (claim.field !== "trainingTokens") continue;
      const tokens = claim.quantity.readings[0]!;
      if (seen.has(tokens)) continue;
      seen.add(tokens);
      const perParameter = tokens / p.total;
      const ratio = perParameter / CHINCHILLA_TOKENS_PER_PARAMETER;
      ctx.report({
        messageId: "ratio",
        data: {
          text: claim.text,
          tokens: humanCount(tokens),
          parameters: groupedCount(p.total),
          perParameter: perParameter >= 10 ? groupedCount(Math.round(perParameter)) : perParameter.toFixed(1),
          ratio: ratio >= 10 ? String(Math.round(ratio)) : ratio.toFixed(1),
        },
        pointer: null,
        document: "card",
        position: { line: claim.line, column: claim.column },
      });
    }
  },
};
