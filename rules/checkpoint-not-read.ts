import type { Rule } from "../src/engine/rule.js";

/** MC507: the model's weights are only in formats modelcheck does not read (pickled .bin, .pt): the config's count could not be checked against them. */
export const checkpointNotRead: Rule = {
  meta: {
    code: "MC507",
    name: "checkpoint-not-read",
    description: "Notes that the weights exist only in formats whose tensors modelcheck cannot list without loading them (pytorch_model.bin, *.pt).",
    defaultSeverity: "info",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      notRead: "the checkpoint was not read: only {{files}} (no safetensors), whose tensors cannot be listed without loading the weights; the parameter count comes from the config alone",
    },
  },
  check(_model, _facts, documents, ctx) {
    const files = documents.unreadWeights;
    if (!files?.length || documents.checkpoint) return;
    const list = files.length > 3 ? `${files.slice(0, 3).join(", ")} and ${files.length - 3} more` : files.join(", ");
    ctx.report({ messageId: "notRead", data: { files: list }, pointer: null, document: documents.config ? "config" : documents.adapter ? "adapter" : "config" });
  },
};
