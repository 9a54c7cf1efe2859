import type { Rule } from "../src/engine/rule.js";
import { readableCard } from "../src/engine/card-metadata.js";

/** Text that a reader reads: prose, list items, quotes and table cells; headings, code, HTML and comments are not counted. */
const READ_KINDS = new Set(["prose", "list", "quote", "table"]);

/**
 * MC310: a card whose body is empty or a stub. Trainer's generated cards with "More information
 * needed" everywhere are the common case; the default threshold (200 characters) is about two
 * sentences.
 */
export const cardBodyShort: Rule = {
  meta: {
    code: "MC310",
    name: "card-body-short",
    description: "The model card's body must describe the model, not be empty or a stub.",
    defaultSeverity: "warning",
    optionsSchema: {
      type: "object",
      additionalProperties: false,
      properties: { minCharacters: { type: "integer", minimum: 0, default: 200 } },
    },
    messages: {
      empty: "the card has no text besides its metadata: describe the model, its intended use, limitations and training data",
      short: "the card's text is {{count}} characters long (under {{min}}): describe the model, its intended use, limitations and training data",
    },
  },
  check(_model, _facts, documents, ctx) {
    const card = readableCard(documents);
    if (!card) return;
    const min = typeof ctx.options.minCharacters === "number" ? ctx.options.minCharacters : 200;
    let count = 0;
    for (const line of card.body.lines) {
      if (READ_KINDS.has(line.kind) && !(line.kind === "table" && /^[\s|:-]*$/.test(line.content))) count += line.content.replace(/[|*_`#>\s]+/g, " ").trim().length;
    }
    if (count >= min) return;
    const position = { line: card.body.startLine, column: 1 };
    ctx.report({ messageId: count === 0 ? "empty" : "short", data: { count, min }, pointer: null, document: "card", position });
  },
};
