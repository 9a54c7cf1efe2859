import type { Rule } from "../src/engine/rule.js";
import { groupedCount } from "../src/format/format-count.js";

function gb(bytes: number): string {
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/**
 * MC205: at its full context length, one sequence's KV cache (16-bit, as transformers holds it; see
 * facts.memory.kvCache) outweighs the model's BF16 weights. Not a defect: a sizing fact that the
 * usual "weights × 2 bytes" estimate misses.
 */
export const kvCacheDominates: Rule = {
  meta: {
    code: "MC205",
    name: "kv-cache-dominates",
    description: "At the full context length, one sequence's KV cache is larger than the weights in BF16.",
    defaultSeverity: "info",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      dominates: "at its full context of {{tokens}} tokens, one sequence's KV cache ({{cache}}, 16-bit) is larger than the BF16 weights ({{weights}}); size GPUs for the cache, or serve shorter contexts",
      dominatesBeforeLatent:
        "at its full context of {{tokens}} tokens, one sequence's full K/V cache ({{cache}}, 16-bit, as transformers holds it) is larger than the BF16 weights ({{weights}}); MLA's latent cache (vLLM, SGLang) holds {{latent}}",
    },
  },
  check(model, facts, _documents, ctx) {
    const kv = facts?.memory?.kvCache;
    const at = kv?.atContextLength;
    const weights = facts?.memory?.weightsBytes.bf16;
    if (!at || !weights || at.bytes <= weights) return;
    const pointer = model?.maxPositions.pointer ?? null;
    const data = { tokens: groupedCount(at.tokens), cache: gb(at.bytes), weights: gb(weights) };
    if (at.latentBytes !== null) ctx.report({ messageId: "dominatesBeforeLatent", data: { ...data, latent: gb(at.latentBytes) }, pointer });
    else ctx.report({ messageId: "dominates", data, pointer });
  },
};
