import type { Rule } from "../src/engine/rule.js";
import type { NormalizedModel } from "../src/normalize/normalized-model.js";

/** The dimensions a count is made of, with the config key that usually states them. */
const CORE: { field: "hiddenSize" | "numLayers" | "numHeads" | "vocabSize"; key: string }[] = [
  { field: "hiddenSize", key: "hidden_size" },
  { field: "numLayers", key: "num_hidden_layers" },
  { field: "numHeads", key: "num_attention_heads" },
  { field: "vocabSize", key: "vocab_size" },
];

/**
 * MC104: a config that leaves a core dimension out is counted with its class's default (what
 * transformers builds from it: `{"model_type": "llama"}` is LlamaConfig's 6.74B). The count is
 * exact for that, but it is rarely what the author meant, unless the config relies on defaults on
 * purpose (LLaVA-1.5's text_config omits Llama-2-7B's dims). Info, with the values assumed.
 */
export const dimsFromDefaults: Rule = {
  meta: {
    code: "MC104",
    name: "dims-from-defaults",
    description: "A core dimension (hidden size, layers, heads, vocabulary) missing from the config is counted with the class's default.",
    defaultSeverity: "info",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      defaulted: "{{keys}} not in the config: counted with {{type}}'s default{{plural}} ({{values}}), as transformers would build it",
    },
  },
  check(model, _facts, documents, ctx) {
    if (!model || !documents.config || documents.gguf) return;
    const defaulted = CORE.filter(({ field }) => model[field].origin === "default" && model[field].value !== null && !(field === "numHeads" && isAttentionFree(model)));
    if (defaulted.length === 0) return;
    ctx.report({
      messageId: "defaulted",
      data: {
        keys: defaulted.map((d) => d.key).join(", "),
        type: typeof model.text.raw.model_type === "string" && model.text !== model.root ? model.text.raw.model_type : (model.layoutType ?? model.modelType ?? "the class"),
        plural: defaulted.length > 1 ? "s" : "",
        values: defaulted.map((d) => `${d.key} ${model[d.field].value}`).join(", "),
      },
      pointer: model.text.basePointer,
    });
  },
};

function isAttentionFree(model: NormalizedModel): boolean {
  return model.numHeads.value === 0;
}
