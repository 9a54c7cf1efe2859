import { cardClaims } from "../claims/extract-claims.js";
import { readableCard } from "../engine/card-metadata.js";
import type { ComputeFacts, Facts } from "../facts/facts.js";
import type { TargetDocuments } from "../sources/target-documents.js";

/**
 * The training tokens the model card states, from the card claims the MC4xx rules read
 * (src/cards/claims/extract-claims.ts: "pretrained on over 15 trillion tokens", a "Token count |
 * 15T+" table row); the first such claim. Null without a readable card or such a claim.
 */
export function cardTrainingTokens(documents: TargetDocuments, facts: Facts): ComputeFacts["trainingTokens"] {
  const card = readableCard(documents);
  if (!card || !facts.parameters) return null;
  const claim = cardClaims(card, facts).numbers.find((c) => c.field === "trainingTokens");
  const value = claim?.quantity.readings[0];
  return claim && value ? { value, text: claim.text.slice(0, 120), source: "card" } : null;
}
