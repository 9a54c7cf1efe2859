import type { Rule } from "../src/engine/rule.js";

/**
 * MC204: a feed-forward width far from the usual multiples of d_model. Published dense decoders sit
 * between 2.67× (SwiGLU at 8/3, Llama-3.2-3B) and 8× (Gemma-2B), classic transformers at 4×; a ratio
 * outside 1–8 is more often a typo (a missing digit, hidden_size copied into intermediate_size) than
 * a design. Mixtures of experts are skipped (their intermediate_size is often one small expert), as
 * are state-space models (their inner width is expand × d_model, not a feed-forward).
 */
export const ffnRatioUnusual: Rule = {
  meta: {
    code: "MC204",
    name: "ffn-ratio-unusual",
    description: "The feed-forward width d_ff is an unusual multiple of d_model (outside options `min`–`max`, default 1–8) for a dense model.",
    defaultSeverity: "info",
    optionsSchema: { type: "object", additionalProperties: false, properties: { min: { type: "number", exclusiveMinimum: 0 }, max: { type: "number", exclusiveMinimum: 0 } } },
    messages: {
      unusual: "d_ff / d_model = {{ffn}} / {{hidden}} = {{ratio}}×, outside the usual {{min}}–{{max}}×; check intermediate_size",
    },
  },
  check(model, facts, _documents, ctx) {
    if (!model || !facts?.parameters || model.intermediateSize.origin !== "config") return;
    if (facts.attention.type === "NONE" || facts.parameters.active !== facts.parameters.total) return;
    const ffn = model.intermediateSize.value;
    const hidden = model.hiddenSize.value;
    if (!ffn || !hidden) return;
    const min = typeof ctx.options.min === "number" ? ctx.options.min : 1;
    const max = typeof ctx.options.max === "number" ? ctx.options.max : 8;
    const ratio = ffn / hidden;
    if (ratio >= min && ratio <= max) return;
    ctx.report({ messageId: "unusual", data: { ffn, hidden, ratio: ratio < 0.1 ? ratio.toFixed(3) : ratio.toFixed(2), min, max }, pointer: model.intermediateSize.pointer });
  },
};
