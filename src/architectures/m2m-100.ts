import { SEQ2SEQ_ALIASES, sharedEmbeddingInventory, type Seq2SeqLayout } from "./bart.js";
import type { Inventory } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * M2M100 (modeling_m2m_100.py: M2M100ForConditionalGeneration, M2M100Model; configuration_m2m_100.py),
 * also the class of the dense NLLB-200 checkpoints. mBART's pre-norm layers with a final `layer_norm`
 * per stack and no `layernorm_embedding`. M2M100SinusoidalPositionalEmbedding registers its table
 * as a non-persistent buffer (`weights`): no parameter and nothing in the checkpoint. The LM head
 * is tied to `model.shared`; there is no final_logits_bias.
 */
export const M2M100_LAYOUT: Seq2SeqLayout = {
  positionRows: null,
  layernormEmbedding: false,
  finalLayerNorm: true,
  decoderDefaults: { layers: 12, ffn: 4096 },
  maxPositionsDefault: 1024,
};

const m2m100Inventory = (d: RequiredDims): Inventory =>
  sharedEmbeddingInventory(d, M2M100_LAYOUT, {}, ["sinusoidal positions are a buffer, not parameters"]);

export const m2m100Specs: ModelTypeSpec[] = [
  {
    modelType: "m2m_100",
    family: "m2m-100",
    kind: "encoder-decoder",
    modelingFile: "models/m2m_100/modeling_m2m_100.py",
    classPrefixes: ["M2M100"],
    heads: ["conditional-generation", "base"],
    defaultHead: "conditional-generation",
    // configuration_m2m_100.py: vocab 128,112, d_model 1,024, 12 + 12 layers of FFN 4,096, 16 heads, 1,024 positions.
    defaults: { vocabSize: 128112, hiddenSize: 1024, numLayers: 12, numHeads: 16, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 4096, maxPositions: 1024 },
    tieWordEmbeddingsDefault: true,
    aliases: SEQ2SEQ_ALIASES,
    inventory: m2m100Inventory,
  },
];
