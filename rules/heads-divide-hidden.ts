import type { Rule } from "../src/engine/rule.js";

/** MC101: without an explicit head_dim, the modeling code splits hidden_size evenly across heads. */
export const headsDivideHidden: Rule = {
  meta: {
    code: "MC101",
    name: "heads-divide-hidden",
    description: "When head_dim is not given, hidden_size must be divisible by the number of attention heads.",
    defaultSeverity: "error",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      notDivisible: "hidden size {{hidden}} is not divisible by {{heads}} attention heads ({{hidden}} / {{heads}} = {{ratio}}), and no head_dim is given",
    },
  },
  check(model, _facts, _documents, ctx) {
    if (!model || model.headDim.origin === "config") return;
    if (model.headDim.origin === "default" && model.headDim.value !== null) return; // the family fixes head_dim (Gemma, Qwen3)
    const hidden = model.hiddenSize.value;
    const heads = model.numHeads.value;
    if (!hidden || !heads || hidden % heads === 0) return;
    ctx.report({
      messageId: "notDivisible",
      data: { hidden, heads, ratio: (hidden / heads).toFixed(2) },
      pointer: model.numHeads.pointer ?? model.hiddenSize.pointer,
    });
  },
};
