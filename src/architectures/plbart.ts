import { BART_LAYOUT, SEQ2SEQ_ALIASES, sharedEmbeddingInventory, type Seq2SeqLayout } from "./bart.js";
import type { Inventory } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * PLBart (modeling_plbart.py, generated from modular_plbart.py: PLBartForConditionalGeneration,
 * PLBartModel, PLBartForSequenceClassification, PLBartForCausalLM; configuration_plbart.py): BART's
 * layout exactly (shared embedding, learned positions with 2 extra rows, layernorm_embedding,
 * post-norm layers, no final norm), with PLBart's smaller defaults. No question-answering class.
 */
export const PLBART_LAYOUT: Seq2SeqLayout = { ...BART_LAYOUT, decoderDefaults: { layers: 6, ffn: 3072 } };

const plbartInventory = (d: RequiredDims): Inventory => sharedEmbeddingInventory(d, PLBART_LAYOUT, { classification: true });

export const plbartSpecs: ModelTypeSpec[] = [
  {
    modelType: "plbart",
    family: "plbart",
    kind: "encoder-decoder",
    modelingFile: "models/plbart/modeling_plbart.py",
    classPrefixes: ["PLBart"],
    heads: ["conditional-generation", "base", "sequence-classification", "causal-lm"],
    defaultHead: "conditional-generation",
    // configuration_plbart.py: vocab 50,005, d_model 768, 6 + 6 layers of FFN 3,072, 12 heads, 1,024 positions.
    defaults: { vocabSize: 50005, hiddenSize: 768, numLayers: 6, numHeads: 12, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 3072, maxPositions: 1024 },
    tieWordEmbeddingsDefault: true,
    aliases: SEQ2SEQ_ALIASES,
    inventory: plbartInventory,
  },
];
