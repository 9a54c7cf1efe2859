import type { Rule } from "../src/engine/rule.js";

/** MC102: grouped-query attention shares each K/V head among an equal number of query heads. */
export const kvHeadsDivideHeads: Rule = {
  meta: {
    code: "MC102",
    name: "kv-heads-divide-heads",
    description: "The number of attention heads must be a multiple of the number of key/value heads.",
    defaultSeverity: "error",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      notDivisible: "{{heads}} attention heads cannot be split into groups over {{kv}} key/value heads{{defaulted}}",
      tooMany: "{{kv}} key/value heads exceed the {{heads}} attention heads{{defaulted}}",
    },
  },
  check(model, _facts, _documents, ctx) {
    if (!model) return;
    const heads = model.numHeads.value;
    const kv = model.numKvHeads.value;
    if (!heads || !kv) return;
    const defaulted = model.numKvHeads.origin === "config" ? "" : ` (num_key_value_heads is not set; ${model.layoutType ?? "this model type"} defaults it to ${kv})`;
    const pointer = model.numKvHeads.pointer ?? model.numHeads.pointer;
    if (kv > heads) ctx.report({ messageId: "tooMany", data: { heads, kv, defaulted }, pointer });
    else if (heads % kv !== 0) ctx.report({ messageId: "notDivisible", data: { heads, kv, defaulted }, pointer });
  },
};
