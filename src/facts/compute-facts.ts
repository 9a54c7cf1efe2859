import type { ComputeFacts, ParameterFacts } from "./facts.js";

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
