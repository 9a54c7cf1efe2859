import type { Rule } from "../src/engine/rule.js";
import { readableCard } from "../src/engine/card-metadata.js";
import { configFieldName } from "../src/claims/config-field.js";
import { cardClaims } from "../src/claims/extract-claims.js";
import { quantityMatches } from "../src/claims/parse-quantity.js";
import type { ArchitectureField } from "../src/claims/spec-labels.js";
import type { Field } from "../src/normalize/config-reader.js";
import type { NormalizedModel } from "../src/normalize/normalized-model.js";
import type { Facts } from "../src/facts/facts.js";

/** Per claimed field: its words for messages, the value the config gives, and the config field it comes from. */
const FIELDS: Record<ArchitectureField, { words: string; key: string; value: (f: Facts, m: NormalizedModel) => number | null; field: (m: NormalizedModel) => Field<unknown> }> = {
  hiddenSize: { words: "a hidden size of", key: "hidden_size", value: (f) => f.dims.dModel, field: (m) => m.hiddenSize },
  layers: { words: "a layer count of", key: "num_hidden_layers", value: (f) => f.dims.nLayers, field: (m) => m.numLayers },
  heads: { words: "an attention head count of", key: "num_attention_heads", value: (f) => f.attention.nHeads, field: (m) => m.numHeads },
  kvHeads: { words: "a key/value head count of", key: "num_key_value_heads", value: (f) => f.attention.nKvHeads, field: (m) => m.numKvHeads },
  headDim: { words: "a head dimension of", key: "head_dim", value: (f) => f.attention.headDim, field: (m) => m.headDim },
  vocabSize: { words: "a vocabulary of", key: "vocab_size", value: (f) => f.dims.vocabSize, field: (m) => m.vocabSize },
  intermediateSize: { words: "an intermediate (d_ff) size of", key: "intermediate_size", value: (f) => f.dims.dFf, field: (m) => m.intermediateSize },
  experts: { words: "an expert count of", key: "num_experts", value: (_f, m) => m.numExperts.value, field: (m) => m.numExperts },
  expertsPerToken: { words: "experts per token of", key: "num_experts_per_tok", value: (_f, m) => m.expertsPerToken.value, field: (m) => m.expertsPerToken },
};

/**
 * MC402: architecture numbers in the card's spec tables and lists ("Hidden size | 8192",
 * "Layers | 80", "KV heads | 8", "Vocab size | 128,256", "d_ff | 28672") against the config. They
 * must be equal; a number abbreviated with k or M ("128K") must round to the config's value, with
 * k read as 1,000 or 1,024.
 */
export const cardArchitectureMismatch: Rule = {
  meta: {
    code: "MC402",
    name: "card-architecture-mismatch",
    description: "Architecture numbers in the model card's spec tables and lists must match the config.",
    defaultSeverity: "warning",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      mismatch: 'the card states {{words}} {{claimed}} ("{{text}}"), but config.json has {{field}} = {{actual}}',
    },
  },
  check(model, facts, documents, ctx) {
    const card = readableCard(documents);
    if (!model || !facts || !card) return;
    for (const claim of cardClaims(card, facts).numbers) {
      const spec = FIELDS[claim.field as ArchitectureField];
      if (!spec) continue;
      const actual = spec.value(facts, model);
      if (actual === null || quantityMatches(claim.quantity, actual)) continue;
      ctx.report({
        messageId: "mismatch",
        data: { words: spec.words, claimed: claim.quantity.text, text: claim.text, field: configFieldName(spec.field(model), spec.key), actual: String(actual) },
        pointer: null,
        document: "card",
        position: { line: claim.line, column: claim.column },
      });
    }
  },
};
