import { SEQ2SEQ_ALIASES, sharedEmbeddingInventory, type Seq2SeqLayout } from "./bart.js";
import type { Inventory } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * mBART (modeling_mbart.py: MBartForConditionalGeneration, MBartModel, MBartForSequenceClassification,
 * MBartForQuestionAnswering, MBartForCausalLM; configuration_mbart.py). BART's layers made pre-norm:
 * the same `shared` embedding tied into both stacks and the LM head, learned positions with 2 extra
 * rows, `layernorm_embedding` in each stack, plus a final `layer_norm` after each stack (the one
 * tensor pair BART lacks). `final_logits_bias` is a buffer.
 */
export const MBART_LAYOUT: Seq2SeqLayout = {
  positionRows: (max) => max + 2,
  layernormEmbedding: true,
  finalLayerNorm: true,
  decoderDefaults: { layers: 12, ffn: 4096 },
  maxPositionsDefault: 1024,
};

function mbartInventory(d: RequiredDims): Inventory {
  return sharedEmbeddingInventory(d, MBART_LAYOUT, { classification: true, questionAnswering: true });
}

export const mbartSpecs: ModelTypeSpec[] = [
  {
    modelType: "mbart",
    family: "mbart",
    kind: "encoder-decoder",
    modelingFile: "models/mbart/modeling_mbart.py",
    classPrefixes: ["MBart"],
    heads: ["conditional-generation", "base", "sequence-classification", "question-answering", "causal-lm"],
    defaultHead: "conditional-generation",
    // configuration_mbart.py: vocab 50,265, d_model 1,024, 12 + 12 layers of FFN 4,096, 16 heads, 1,024 positions.
    defaults: { vocabSize: 50265, hiddenSize: 1024, numLayers: 12, numHeads: 16, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 4096, maxPositions: 1024 },
    tieWordEmbeddingsDefault: true,
    aliases: SEQ2SEQ_ALIASES,
    inventory: mbartInventory,
  },
];
