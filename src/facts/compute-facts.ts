import { generates } from "../architectures/model-kind.js";
import type { ModelKind } from "../architectures/model-type-spec.js";
import type { ComputeFacts, ParameterFacts } from "./facts.js";

/**
 * Compute and scaling facts from the parameter counts:
 * - FLOPs per token ≈ 2 × active non-embedding parameters for a forward pass and 6 × for training
 *   (forward and backward), the approximation of Kaplan et al. 2020 ("Scaling Laws for Neural
 *   Language Models", §2.1), which leaves out the attention's context-dependent term and the
 *   embedding lookups (a lookup is not a multiply-add).
 * - Compute-optimal training tokens ≈ 20 × parameters (Hoffmann et al. 2022, "Training
 *   Compute-Optimal Large Language Models", Table 3).
 */
export const CHINCHILLA_TOKENS_PER_PARAMETER = 20;

export function computeFacts(parameters: ParameterFacts, trainingTokens: ComputeFacts["trainingTokens"], kind: ModelKind | null): ComputeFacts {
  const chinchillaTokens = kind === null || generates(kind) ? CHINCHILLA_TOKENS_PER_PARAMETER * parameters.total : null;
  // Only token-lookup tables are left out: an MoE's embeddings are always active, so they come off `active` whole.
  const embedding = Math.min(parameters.breakdown.embedding ?? 0, parameters.active);
  const matmul = parameters.active - embedding;
  return {
    flopsPerTokenInference: 2 * matmul,
    flopsPerTokenTraining: 6 * matmul,
    nonEmbeddingParameters: matmul,
    embeddingShare: parameters.active > 0 ? embedding / parameters.active : 0,
    chinchillaTokens,
    trainingTokens,
    trainingTokensRatio: trainingTokens && chinchillaTokens ? trainingTokens.value / chinchillaTokens : null,
  };
}
