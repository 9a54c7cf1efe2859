import type { Rule } from "../src/engine/rule.js";
import { quantTagOf } from "../src/format/gguf-quant-tag.js";

/**
 * MC510: a Hub repo holds more GGUF models than an audit reads without a tag (select-hub-ggufs.ts):
 * each header carries the tokenizer's vocabulary, megabytes per file, so the others are named here
 * with the `org/name:TAG` that reads one, as llama.cpp's `-hf` and Ollama's `hf.co/` take it.
 */
export const ggufFilesNotRead: Rule = {
  meta: {
    code: "MC510",
    name: "gguf-files-not-read",
    description: "Names the GGUF files of a Hub repo that were not read, and how to select one.",
    defaultSeverity: "info",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      notRead: "{{count}} more GGUF model(s) in the repo were not read: {{files}}; select one with {{example}}",
    },
  },
  check(_model, _facts, documents, ctx) {
    const notRead = documents.ggufNotRead;
    if (!notRead?.files.length) return;
    const files = notRead.files.length > 6 ? `${notRead.files.slice(0, 6).join(", ")} and ${notRead.files.length - 6} more` : notRead.files.join(", ");
    const first = notRead.files[0]!;
    const selector = quantTagOf(first) ?? first.slice(first.lastIndexOf("/") + 1);
    ctx.report({ messageId: "notRead", data: { count: notRead.files.length, files, example: `${notRead.repo}:${selector}` }, pointer: null, document: documents.card ? "card" : "config" });
  },
};
