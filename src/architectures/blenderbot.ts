import { SEQ2SEQ_ALIASES, sharedEmbeddingInventory, type Seq2SeqLayout } from "./bart.js";
import type { Inventory } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * Blenderbot (modeling_blenderbot.py: BlenderbotForConditionalGeneration, BlenderbotModel,
 * BlenderbotForCausalLM; configuration_blenderbot.py): mBART's pre-norm layers with a final
 * `layer_norm` per stack, no `layernorm_embedding`, and learned positions WITHOUT BART's offset
 * (BlenderbotLearnedPositionalEmbedding is max_position_embeddings rows).
 *
 * BlenderbotSmall (modeling_blenderbot_small.py, same three classes): BART's post-norm layers with
 * `layernorm_embedding` and no final norm, positions again without the offset.
 *
 * In both, the encoder and decoder use `model.shared` itself as embed_tokens, and the LM head is tied
 * to it. `final_logits_bias` [1, vocab] is a buffer.
 */
export const BLENDERBOT_LAYOUT: Seq2SeqLayout = {
  positionRows: (max) => max,
  layernormEmbedding: false,
  finalLayerNorm: true,
  decoderDefaults: { layers: 24, ffn: 10240 },
  maxPositionsDefault: 128,
};

export const BLENDERBOT_SMALL_LAYOUT: Seq2SeqLayout = {
  positionRows: (max) => max,
  layernormEmbedding: true,
  finalLayerNorm: false,
  decoderDefaults: { layers: 8, ffn: 2048 },
  maxPositionsDefault: 512,
};

const blenderbotInventory = (d: RequiredDims): Inventory => sharedEmbeddingInventory(d, BLENDERBOT_LAYOUT);
const blenderbotSmallInventory = (d: RequiredDims): Inventory => sharedEmbeddingInventory(d, BLENDERBOT_SMALL_LAYOUT);

export const blenderbotSpecs: ModelTypeSpec[] = [
  {
    modelType: "blenderbot",
    family: "blenderbot",
    kind: "encoder-decoder",
    modelingFile: "models/blenderbot/modeling_blenderbot.py",
    classPrefixes: ["Blenderbot"],
    heads: ["conditional-generation", "base", "causal-lm"],
    defaultHead: "conditional-generation",
    // configuration_blenderbot.py (blenderbot-3B's shape): vocab 8,008, d_model 2,560, 2 encoder and
    // 24 decoder layers of FFN 10,240, 32 heads, 128 positions.
    defaults: { vocabSize: 8008, hiddenSize: 2560, numLayers: 2, numHeads: 32, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 10240, maxPositions: 128 },
    tieWordEmbeddingsDefault: true,
    aliases: SEQ2SEQ_ALIASES,
    inventory: blenderbotInventory,
  },
  {
    modelType: "blenderbot-small",
    family: "blenderbot",
    kind: "encoder-decoder",
    modelingFile: "models/blenderbot_small/modeling_blenderbot_small.py",
    classPrefixes: ["BlenderbotSmall"],
    heads: ["conditional-generation", "base", "causal-lm"],
    defaultHead: "conditional-generation",
    // configuration_blenderbot_small.py: vocab 50,265, d_model 512, 8 + 8 layers of FFN 2,048, 16 heads, 512 positions.
    defaults: { vocabSize: 50265, hiddenSize: 512, numLayers: 8, numHeads: 16, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 2048, maxPositions: 512 },
    tieWordEmbeddingsDefault: true,
    aliases: SEQ2SEQ_ALIASES,
    inventory: blenderbotSmallInventory,
  },
];
