import { readableCard } from "../cards/card-metadata.js";
import { cardClaims } from "../cards/claims/extract-claims.js";
import type { TargetDocuments } from "../sources/target-documents.js";
import type { ComputeFacts, Facts, ParameterFacts } from "./facts.js";

/**
 * Compute and scaling facts from the parameter counts:
 * - FLOPs per token ≈ 2 × active parameters for a forward pass and 6 × for training (forward and
 *   backward), the approximation of Kaplan et al. 2020 ("Scaling Laws for Neural Language Models",
 *   §2.1), which leaves out the attention's context-dependent term.
 * - Compute-optimal training tokens ≈ 20 × parameters (Hoffmann et al. 2022, "Training
 *   Compute-Optimal Large Language Models", Table 3).
 */
export const CHINCHILLA_TOKENS_PER_PARAMETER = 20;

export function computeFacts(parameters: ParameterFacts, trainingTokens: ComputeFacts["trainingTokens"]): ComputeFacts {
  const chinchillaTokens = CHINCHILLA_TOKENS_PER_PARAMETER * parameters.total;
  return {
    flopsPerTokenInference: 2 * parameters.active,
    flopsPerTokenTraining: 6 * parameters.active,
    chinchillaTokens,
    trainingTokens,
    trainingTokensRatio: trainingTokens && chinchillaTokens > 0 ? trainingTokens.value / chinchillaTokens : null,
  };
}

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
