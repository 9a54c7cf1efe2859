/**
 * JSON Schema of the card's `model-index`, after the Hub's spec (hub-docs modelcard.md): a list of
 * models, each with a name and results; a result names its task type, its dataset (type and name)
 * and its metrics (type and value). Optional keys are typed where the spec types them; other keys
 * are allowed, as the Hub allows them.
 */
const text = { type: "string", minLength: 1 };

export const MODEL_INDEX_SCHEMA = {
  type: "array",
  minItems: 1,
  items: {
    type: "object",
    required: ["name", "results"],
    properties: {
      name: text,
      results: {
        type: "array",
        items: {
          type: "object",
          required: ["task", "dataset", "metrics"],
          properties: {
            task: { type: "object", required: ["type"], properties: { type: text, name: { type: "string" } } },
            dataset: {
              type: "object",
              required: ["type", "name"],
              properties: { type: text, name: text, config: { type: "string" }, split: { type: "string" }, revision: { type: "string" }, args: { type: ["object", "string"] } },
            },
            metrics: {
              type: "array",
              minItems: 1,
              items: {
                type: "object",
                required: ["type", "value"],
                properties: {
                  type: text,
                  value: { type: ["number", "string"] },
                  name: { type: "string" },
                  config: { type: "string" },
                  verified: { type: "boolean" },
                  args: { type: ["object", "string"] },
                },
              },
            },
            source: { type: "object", required: ["url"], properties: { url: text, name: { type: "string" } } },
          },
        },
      },
    },
  },
} as const;
