import type { Rule } from "../src/engine/rule.js";
import { readableCard } from "../src/engine/card-metadata.js";

/**
 * MC311: the sections the Hub's model card guide asks every card to have (hub-docs model-cards.md:
 * intended uses and limitations, training data), looked for among the card's headings by their
 * usual titles ("Uses", "How to use", "Bias, Risks, and Limitations", "Training Data", …).
 */
const SECTIONS: { name: string; heading: RegExp }[] = [
  { name: "intended use", heading: /\b(intended|uses?|usage|how to use|use cases?|applications?|getting started|quick ?start|inference)\b/i },
  { name: "limitations", heading: /\b(limitations?|bias(es)?|risks?|out[- ]of[- ]scope|ethic(s|al)|safety|caveats?|responsible)\b/i },
  { name: "training data", heading: /\b(training|train|data(sets?)?|pre-?training|corpus|corpora)\b/i },
];

export const cardMissingSections: Rule = {
  meta: {
    code: "MC311",
    name: "card-missing-sections",
    description: "The model card should have sections on intended use, limitations and training data.",
    defaultSeverity: "info",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      missing: "the card has no section on {{section}} (no heading such as {{example}})",
    },
  },
  check(_model, _facts, documents, ctx) {
    const card = readableCard(documents);
    if (!card) return;
    const headings = card.body.headings.map((h) => h.text);
    const examples: Record<string, string> = { "intended use": '"## Intended use"', limitations: '"## Limitations"', "training data": '"## Training data"' };
    for (const section of SECTIONS) {
      if (headings.some((h) => section.heading.test(h))) continue;
      ctx.report({ messageId: "missing", data: { section: section.name, example: examples[section.name]! }, pointer: null, document: "card" });
    }
  },
};
