import type { Rule } from "../src/engine/rule.js";

/**
 * MC312: a `<!-- modelcheck-disable … -->` comment in a card that suppressed no finding. The
 * engine reports it after applying the card's suppressions (src/engine/card-suppressions.ts);
 * the rule itself checks nothing, it gives those findings a code, a severity and a doc.
 */
export const cardUnusedSuppression: Rule = {
  meta: {
    code: "MC312",
    name: "card-unused-suppression",
    description: "A modelcheck-disable comment in a model card must suppress something.",
    defaultSeverity: "info",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      unused: "{{directive}} suppresses no finding: remove it",
    },
  },
  check() {},
};
