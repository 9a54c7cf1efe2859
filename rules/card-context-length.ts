import type { Rule } from "../src/engine/rule.js";
import { readableCard } from "../src/engine/card-metadata.js";
import { configFieldName } from "../src/claims/config-field.js";
import { cardClaims } from "../src/claims/extract-claims.js";
import { closestReading, quantityMatches } from "../src/claims/parse-quantity.js";
import type { NormalizedModel } from "../src/normalize/normalized-model.js";

/** rope_scaling (or transformers v5's rope_parameters): its factor and the context it scales from. */
function ropeScaling(model: NormalizedModel): { factor: number; original: number | null } | null {
  for (const reader of [model.text, model.root]) {
    for (const key of ["rope_scaling", "rope_parameters"]) {
      const value = reader.value(key) as Record<string, unknown> | null | undefined;
      if (!value || typeof value !== "object") continue;
      const factor = value.factor;
      if (typeof factor !== "number" || !(factor > 1)) continue;
      const original = typeof value.original_max_position_embeddings === "number" ? value.original_max_position_embeddings : null;
      return { factor, original };
    }
  }
  return null;
}

/**
 * MC403: context lengths the card claims ("32k context", "Context length | 8192 tokens", "a
 * context window of 128K tokens") against the config. A claim is consistent when it rounds to one
 * of: max_position_embeddings; with rope scaling, the original context and the scaled ones
 * (original × factor, max_position_embeddings × factor); the sliding window. "32k" rounds to
 * 31.5k–32.5k with k as 1,000 or 1,024, so it matches 32,768. A longer claim is a warning, unless
 * the card itself tells users to enable rope scaling (YaRN) that the config does not set (info);
 * a shorter one is an info.
 */
export const cardContextLength: Rule = {
  meta: {
    code: "MC403",
    name: "card-context-length",
    description: "Context lengths claimed in the model card must match max_position_embeddings (with rope scaling and sliding window).",
    defaultSeverity: "warning",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      tooLong: 'the card claims a context of {{claimed}} tokens ("{{text}}"), but config.json has {{field}} = {{actual}}{{rope}}',
      needsRopeScaling: 'the card claims a context of {{claimed}} tokens ("{{text}}"), beyond config.json\'s {{field}} = {{actual}}: the card describes enabling rope scaling, which config.json does not set',
      shorter: 'the card claims a context of {{claimed}} tokens ("{{text}}"), shorter than config.json\'s {{field}} = {{actual}}',
    },
  },
  check(model, facts, documents, ctx) {
    const card = readableCard(documents);
    const max = facts?.dims.contextLength;
    if (!model || !facts || !max || !card) return;
    const rope = ropeScaling(model);
    const window = facts.attention.slidingWindow;
    const consistent = [max, window, rope?.original, rope && rope.original ? rope.original * rope.factor : null, rope ? max * rope.factor : null].filter((n): n is number => typeof n === "number" && n > 0);
    const longest = Math.max(...consistent);
    const claims = cardClaims(card, facts);
    for (const claim of claims.numbers) {
      if (claim.field !== "contextLength" || consistent.some((n) => quantityMatches(claim.quantity, n))) continue;
      const claimed = closestReading(claim.quantity, max);
      const data = { claimed: claim.quantity.text, text: claim.text, field: configFieldName(model.maxPositions, "max_position_embeddings"), actual: String(max), rope: rope ? ` (rope scaling ×${rope.factor} allows up to ${longest})` : "" };
      const position = { line: claim.line, column: claim.column };
      if (claimed < max) ctx.report({ messageId: "shorter", data, pointer: null, document: "card", position, severity: "info" });
      else if (!rope && claims.mentionsRopeScaling) ctx.report({ messageId: "needsRopeScaling", data, pointer: null, document: "card", position, severity: "info" });
      else ctx.report({ messageId: "tooLong", data, pointer: null, document: "card", position });
    }
  },
};
