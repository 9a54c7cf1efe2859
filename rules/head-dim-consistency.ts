import type { Rule } from "../src/engine/rule.js";

/** MC103: an explicit head_dim that is not hidden/heads is legal (Gemma, Qwen3) but worth knowing. */
export const headDimConsistency: Rule = {
  meta: {
    code: "MC103",
    name: "head-dim-consistency",
    description: "An explicit head_dim that differs from hidden_size / num_attention_heads changes the attention projection sizes.",
    defaultSeverity: "info",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      differs: "head_dim {{headDim}} differs from hidden size / heads = {{hidden}} / {{heads}} = {{implied}}; attention projections are {{width}} wide, not {{hidden}}",
    },
  },
  check(model, _facts, _documents, ctx) {
    if (!model || model.headDim.origin !== "config") return;
    const headDim = model.headDim.value;
    const hidden = model.hiddenSize.value;
    const heads = model.numHeads.value;
    if (!headDim || !hidden || !heads) return;
    const implied = hidden / heads;
    if (implied === headDim) return;
    ctx.report({
      messageId: "differs",
      data: { headDim, hidden, heads, implied: Number.isInteger(implied) ? implied : implied.toFixed(2), width: heads * headDim },
      pointer: model.headDim.pointer,
    });
  },
};
