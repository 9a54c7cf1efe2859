import type { Rule } from "../src/engine/rule.js";
import { groupedCount } from "../src/format/format-count.js";

/**
 * MC203: a vocabulary size that is not a multiple of 64 leaves the embedding and LM-head matmuls on
 * slower kernel paths. Megatron-LM pads the vocabulary (`--make-vocab-size-divisible-by`, default
 * 128); nanoGPT pads GPT-2's 50,257 to 50,304 for the same reason.
 */
export const vocabNotPadded: Rule = {
  meta: {
    code: "MC203",
    name: "vocab-not-padded",
    description: "The vocabulary size is not a multiple of 64 (option `multiple`); padding the embedding and LM head speeds up their matrix multiplications.",
    defaultSeverity: "info",
    optionsSchema: { type: "object", additionalProperties: false, properties: { multiple: { type: "integer", minimum: 2 } } },
    messages: {
      notPadded: "vocab_size {{vocab}} is not a multiple of {{multiple}}; padded it would be {{padded}} (+{{extra}} rows in the embedding and LM head)",
      notPaddedNoHead: "vocab_size {{vocab}} is not a multiple of {{multiple}}; padded it would be {{padded}} (+{{extra}} rows in the embedding table)",
    },
  },
  check(model, facts, _documents, ctx) {
    if (!model || model.vocabSize.origin !== "config") return;
    const vocab = facts?.dims.vocabSize ?? null;
    const multiple = typeof ctx.options.multiple === "number" ? ctx.options.multiple : 64;
    // A task vocabulary (a CTC alphabet of 32 symbols, an audio model's characters) is not a tokenizer's: below one tile, or in a speech model, padding buys nothing.
    if (!vocab || vocab < multiple || facts?.modelKind === "audio") return;
    if (vocab % multiple === 0) return;
    const padded = Math.ceil(vocab / multiple) * multiple;
    const hasHead = (facts?.parameters?.breakdown.lmHead ?? 0) > 0 || !!facts?.parameters?.tied.some((t) => t.name.endsWith("lm_head.weight") || t.name.endsWith("decoder.weight"));
    ctx.report({ messageId: hasHead ? "notPadded" : "notPaddedNoHead", data: { vocab: groupedCount(vocab), multiple, padded: groupedCount(padded), extra: padded - vocab }, pointer: model.vocabSize.pointer });
  },
};
